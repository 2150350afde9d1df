"""Feasibility checks, their items and results <-> proto."""

from __future__ import annotations

from datetime import UTC, datetime

from google.protobuf.timestamp_pb2 import Timestamp

from domain.feasibility.checks import (
    CheckOptions,
    FeasibilityCheck,
    Place,
    RequestedCharacteristic,
    ServiceItem,
    ServiceResult,
    ValueKind,
)
from domain.feasibility.coverage import Alternative, ServiceNeed
from domain.feasibility.services import CheckRequest
from ordercapture.feasibility.v1 import check_pb2, feasibility_service_pb2, network_pb2
from ordercapture.type.v1 import characteristic_pb2
from servers.extensions import extension_from, extension_to
from servers.feasibility.mapping.addresses import address_from, address_to
from servers.feasibility.mapping.enums import CHECK_STATES_OUT, feasibility_to
from servers.feasibility.mapping.network import day_to


def check_request_from(request: feasibility_service_pb2.CheckFeasibilityRequest) -> CheckRequest:
    return CheckRequest(
        items=tuple(item_from(i) for i in request.items),
        options=options_from(request.options),
        party_id=request.party_id,
        description=request.description,
        external_id=request.external_id,
        asynchronous=request.asynchronous,
        extension=extension_from(request.extension),
    )


def place_from(message: check_pb2.PlaceSelector) -> Place:
    which = message.WhichOneof("place")
    if which == "address_id":
        return Place(address_id=message.address_id)
    if which == "address":
        return Place(address=address_from(message.address))
    return Place()


def item_from(message: check_pb2.ServiceItem) -> ServiceItem:
    return ServiceItem(
        id=message.id,
        place=place_from(message.place),
        product_specification_id=message.product_specification_id,
        offering_id=message.offering_id,
        characteristics=tuple(
            RequestedCharacteristic(
                c.name, tuple(_text(v) for v in c.values), tuple(_kind(v) for v in c.values)
            )
            for c in message.characteristics
        ),
    )


def options_from(message: check_pb2.CheckOptions) -> CheckOptions:
    return CheckOptions(
        provide_alternatives=message.provide_alternatives,
        provide_reasons=message.provide_reasons,
    )


def check_to(check: FeasibilityCheck) -> check_pb2.FeasibilityCheck:
    return check_pb2.FeasibilityCheck(
        id=check.id,
        party_id=check.party_id,
        items=[item_to(i) for i in check.items],
        options=check_pb2.CheckOptions(
            provide_alternatives=check.options.provide_alternatives,
            provide_reasons=check.options.provide_reasons,
        ),
        description=check.description,
        external_id=check.external_id,
        state=CHECK_STATES_OUT[check.state],
        outcome=feasibility_to(check.outcome),
        results=[result_to(r) for r in check.results],
        error=check.error,
        create_time=_stamp(check.create_time),
        judge_time=_stamp(check.judge_time),
        expire_time=_stamp(check.expire_time),
        extension=extension_to(check.extension),
    )


def item_to(item: ServiceItem) -> check_pb2.ServiceItem:
    message = check_pb2.ServiceItem(
        id=item.id,
        place=place_to(item.place),
        characteristics=[
            characteristic_pb2.ConfiguredCharacteristic(
                name=c.name,
                values=[_value(v, kind) for v, kind in zip(c.values, c.kinds, strict=True)],
            )
            for c in item.characteristics
        ],
    )
    if item.offering_id:
        message.offering_id = item.offering_id
    elif item.product_specification_id:
        message.product_specification_id = item.product_specification_id
    return message


def result_to(result: ServiceResult) -> check_pb2.ServiceResult:
    return check_pb2.ServiceResult(
        item_id=result.item_id,
        outcome=feasibility_to(result.outcome),
        address_id=result.address_id,
        technology=result.technology,
        need=need_to(result.need),
        reasons=[check_pb2.Reason(code=r.code, label=r.label) for r in result.reasons],
        alternatives=[alternative_to(a) for a in result.alternatives],
        suggested_addresses=[address_to(a) for a in result.suggested_addresses],
    )


def need_to(need: ServiceNeed) -> network_pb2.ServiceNeed:
    return network_pb2.ServiceNeed(
        technologies=list(need.technologies),
        download_mbps=need.down_mbps,
        upload_mbps=need.up_mbps,
    )


def alternative_to(alternative: Alternative) -> check_pb2.AlternativeService:
    return check_pb2.AlternativeService(
        technology=alternative.technology,
        max_download_mbps=alternative.max_down_mbps,
        max_upload_mbps=alternative.max_up_mbps,
        available_from=day_to(alternative.available_from),
    )


def place_to(place: Place) -> check_pb2.PlaceSelector:
    if place.address is not None:
        return check_pb2.PlaceSelector(address=address_to(place.address))
    if place.address_id:
        return check_pb2.PlaceSelector(address_id=place.address_id)
    return check_pb2.PlaceSelector()


def _text(value: characteristic_pb2.CharacteristicValue) -> str:
    """Feasibility reads values as text: numbers keep their decimal string, flags spelled."""
    which = value.WhichOneof("kind")
    if which == "number":
        return value.number
    if which == "flag":
        return "true" if value.flag else "false"
    return value.text


def _kind(value: characteristic_pb2.CharacteristicValue) -> ValueKind:
    which = value.WhichOneof("kind")
    if which == "number":
        return ValueKind.NUMBER
    if which == "flag":
        return ValueKind.FLAG
    return ValueKind.TEXT


def _value(text: str, kind: ValueKind) -> characteristic_pb2.CharacteristicValue:
    """A value back in the kind it was given."""
    if kind is ValueKind.NUMBER:
        return characteristic_pb2.CharacteristicValue(number=text)
    if kind is ValueKind.FLAG:
        return characteristic_pb2.CharacteristicValue(flag=text == "true")
    return characteristic_pb2.CharacteristicValue(text=text)


def _stamp(moment: datetime | None) -> Timestamp | None:
    """None leaves the field unset."""
    if moment is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(moment.astimezone(UTC))
    return stamp
