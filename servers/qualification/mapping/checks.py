"""Eligibility checks: requests in, stored checks out. Quantity 0 means 1 and action
UNSPECIFIED means add, as the protos document."""

from __future__ import annotations

from domain.qualification.checks import EligibilityCheck
from domain.qualification.errors import InvalidEligibilityQuestion
from domain.qualification.model import (
    CheckOptions,
    ItemAction,
    ItemVerdict,
    PlaceFacts,
    RequestedItem,
)
from domain.qualification.ports import CheckFilter
from domain.qualification.services import CheckRequest
from domain.shared.errors import FieldViolation
from ordercapture.qualification.v1 import check_pb2
from ordercapture.qualification.v1 import eligibility_service_pb2 as pb
from servers.catalog.mapping.values import stamp
from servers.conditions import conditions_from
from servers.extensions import extension_from, extension_to
from servers.qualification.mapping.configuration import configuration_message, configuration_of
from servers.qualification.mapping.enums import (
    CHECK_STATE_CODES,
    CHECK_STATES,
    ITEM_ACTION_CODES,
    ITEM_ACTIONS,
    OUTCOME_CODES,
)


def check_request_from(request: pb.CheckEligibilityRequest) -> CheckRequest:
    return CheckRequest(
        party_id=request.party_id,
        channel=request.channel,
        place=place_from(request.place),
        items=tuple(_item_from(item, f"items[{i}]") for i, item in enumerate(request.items)),
        options=options_from(request.options),
        description=request.description,
        extension=extension_from(request.extension),
    )


def place_from(message: check_pb2.Place) -> PlaceFacts | None:
    """None for an unset or empty place: geography rules then say a place is needed."""
    place = PlaceFacts(place_id=message.id, region=message.region, postcode=message.postcode)
    return place if place != PlaceFacts() else None


def options_from(message: check_pb2.CheckOptions) -> CheckOptions:
    return CheckOptions(
        provide_alternatives=message.provide_alternatives,
        provide_reasons=message.provide_reasons,
        only_available=message.only_available,
    )


def check_filter_from(
    request: pb.ListEligibilityChecksRequest | pb.ListEligibilityQueriesRequest,
) -> CheckFilter:
    unknown = [s for s in request.states if s not in CHECK_STATES]
    if unknown:
        raise InvalidEligibilityQuestion(
            "unknown check state in the filter",
            violations=(FieldViolation("states", f"{unknown[0]} is not a check state"),),
        )
    return CheckFilter(
        party_id=request.party_id,
        states=tuple(dict.fromkeys(CHECK_STATES[s] for s in request.states)),
        conditions=conditions_from(request.conditions),
    )


def _item_from(message: check_pb2.CheckItem, field: str) -> RequestedItem:
    if message.action and message.action not in ITEM_ACTIONS:
        raise InvalidEligibilityQuestion(
            "unknown item action",
            violations=(FieldViolation(f"{field}.action", f"{message.action} is not an action"),),
        )
    configuration = (
        configuration_of(message.configuration, f"{field}.configuration")
        if message.HasField("configuration")
        else None
    )
    return RequestedItem(
        item_id=message.id,
        offering_id=message.offering_id,
        category_id=message.category_id,
        action=ITEM_ACTIONS.get(message.action, ItemAction.ADD),
        quantity=message.quantity or 1,
        configuration=configuration,
    )


def check_to(check: EligibilityCheck) -> check_pb2.EligibilityCheck:
    outcome = check.outcome
    place = check.place
    return check_pb2.EligibilityCheck(
        id=check.id,
        party_id=check.party_id,
        channel=check.channel,
        place=None
        if place is None
        else check_pb2.Place(id=place.place_id, region=place.region, postcode=place.postcode),
        items=[_item_to(i) for i in check.items],
        options=check_pb2.CheckOptions(
            provide_alternatives=check.options.provide_alternatives,
            provide_reasons=check.options.provide_reasons,
            only_available=check.options.only_available,
        ),
        description=check.description,
        state=CHECK_STATE_CODES[check.state],
        outcome=OUTCOME_CODES[outcome] if outcome is not None else check_pb2.OUTCOME_UNSPECIFIED,
        results=[result_to(v) for v in check.presented_verdicts],
        customer_is_prospect=check.customer_is_prospect,
        error=check.error,
        create_time=stamp(check.create_time),
        judge_time=stamp(check.judge_time),
        expire_time=stamp(check.expire_time),
        extension=extension_to(check.extension),
    )


def result_to(verdict: ItemVerdict) -> check_pb2.ItemResult:
    return check_pb2.ItemResult(
        item_id=verdict.item_id,
        outcome=OUTCOME_CODES[verdict.outcome],
        reasons=[check_pb2.Reason(code=r.code, label=r.label) for r in verdict.reasons],
        alternative_offering_ids=verdict.alternative_offering_ids,
        eligible_offering_ids=verdict.eligible_offering_ids,
    )


def _item_to(item: RequestedItem) -> check_pb2.CheckItem:
    message = check_pb2.CheckItem(
        id=item.item_id, action=ITEM_ACTION_CODES[item.action], quantity=item.quantity
    )
    if item.is_category:
        message.category_id = item.category_id
    else:
        message.offering_id = item.offering_id
    if item.configuration is not None:
        message.configuration.CopyFrom(configuration_message(item.configuration))
    return message
