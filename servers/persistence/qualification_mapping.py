"""Qualification rows <-> domain objects. Rule conditions and a check's place, items and
verdicts are stored as JSON documents; each rule kind has one explicit encoder and decoder."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime
from typing import Any

from domain.qualification.checks import CheckState, EligibilityCheck
from domain.qualification.model import (
    CheckOptions,
    CustomerProfile,
    ItemAction,
    ItemVerdict,
    OfferingSummary,
    Outcome,
    PartyType,
    PlaceFacts,
    Reason,
    RequestedConfiguration,
    RequestedItem,
)
from domain.qualification.offering_queries import EligibilityQuery, SearchCriteria
from domain.qualification.rules import (
    AgeBandRule,
    ChannelRule,
    ExclusionRule,
    GeographyRule,
    MaxQuantityRule,
    MinimumCreditClassRule,
    PrerequisiteRule,
    Rule,
    SegmentRule,
    TimeWindow,
    ValidityWindowRule,
)
from servers.persistence.qualification_rows import (
    CustomerProfileRow,
    EligibilityCheckRow,
    EligibilityQueryRow,
    EligibilityRuleRow,
)

Document = dict[str, Any]


# --- rules ---


def rule_row(rule: Rule) -> EligibilityRuleRow:
    kind, condition = _condition_document(rule)
    return EligibilityRuleRow(
        id=rule.id,
        offering_id=rule.offering_id,
        kind=kind,
        condition=_dumps(condition),
        alternative_offering_ids=_dumps(list(rule.alternative_offering_ids)),
    )


def rule_from_row(row: EligibilityRuleRow) -> Rule:
    common: Document = {
        "id": row.id,
        "offering_id": row.offering_id,
        "alternative_offering_ids": tuple(json.loads(row.alternative_offering_ids)),
    }
    return _RULE_DECODERS[row.kind](common, json.loads(row.condition))


def _condition_document(rule: Rule) -> tuple[str, Document]:
    if isinstance(rule, SegmentRule):
        types = [t.value for t in rule.party_types]
        return "segment", {"segments": list(rule.segments), "party_types": types}
    if isinstance(rule, ChannelRule):
        return "channel", {"channels": list(rule.channels)}
    if isinstance(rule, GeographyRule):
        prefixes = list(rule.postcode_prefixes)
        return "geography", {"regions": list(rule.regions), "postcode_prefixes": prefixes}
    if isinstance(rule, PrerequisiteRule):
        return "prerequisite", {"any_of": list(rule.any_of)}
    if isinstance(rule, ExclusionRule):
        return "exclusion", {"excluded": list(rule.excluded)}
    if isinstance(rule, MaxQuantityRule):
        return "maximum_quantity", {"maximum": rule.maximum}
    if isinstance(rule, MinimumCreditClassRule):
        return "credit_class", {"minimum": rule.minimum}
    if isinstance(rule, AgeBandRule):
        return "age_band", {"minimum_age": rule.minimum_age, "maximum_age": rule.maximum_age}
    if isinstance(rule, ValidityWindowRule):
        window = rule.window
        return "validity", {"start": _time_text(window.start), "end": _time_text(window.end)}
    raise TypeError(f"no storage form for {type(rule).__name__}")


_RULE_DECODERS: dict[str, Callable[[Document, Document], Rule]] = {
    "segment": lambda c, d: SegmentRule(
        **c,
        segments=tuple(d["segments"]),
        party_types=tuple(PartyType(t) for t in d["party_types"]),
    ),
    "channel": lambda c, d: ChannelRule(**c, channels=tuple(d["channels"])),
    "geography": lambda c, d: GeographyRule(
        **c, regions=tuple(d["regions"]), postcode_prefixes=tuple(d["postcode_prefixes"])
    ),
    "prerequisite": lambda c, d: PrerequisiteRule(**c, any_of=tuple(d["any_of"])),
    "exclusion": lambda c, d: ExclusionRule(**c, excluded=tuple(d["excluded"])),
    "maximum_quantity": lambda c, d: MaxQuantityRule(**c, maximum=d["maximum"]),
    "credit_class": lambda c, d: MinimumCreditClassRule(**c, minimum=d["minimum"]),
    "age_band": lambda c, d: AgeBandRule(
        **c, minimum_age=d["minimum_age"], maximum_age=d["maximum_age"]
    ),
    "validity": lambda c, d: ValidityWindowRule(
        **c, window=TimeWindow(_time_from(d["start"]), _time_from(d["end"]))
    ),
}


# --- profiles ---


def profile_row(profile: CustomerProfile) -> CustomerProfileRow:
    return CustomerProfileRow(
        party_id=profile.party_id,
        party_type=profile.party_type.value,
        segment=profile.segment,
        credit_class=profile.credit_class,
        region=profile.region,
        date_of_birth=profile.date_of_birth,
        owned_offering_ids=_dumps(list(profile.owned_offering_ids)),
        update_time=profile.update_time,
    )


def profile_from_row(row: CustomerProfileRow) -> CustomerProfile:
    return CustomerProfile(
        party_id=row.party_id,
        party_type=PartyType(row.party_type),
        segment=row.segment,
        credit_class=row.credit_class,
        region=row.region,
        date_of_birth=row.date_of_birth,
        owned_offering_ids=tuple(json.loads(row.owned_offering_ids)),
        update_time=row.update_time,
    )


# --- checks ---


def check_row(check: EligibilityCheck) -> EligibilityCheckRow:
    place = check.place
    return EligibilityCheckRow(
        id=check.id,
        party_id=check.party_id,
        channel=check.channel,
        place=None if place is None else _dumps(_place_document(place)),
        description=check.description,
        extension=check.extension,
        state=check.state.value,
        error=check.error,
        provide_alternatives=check.options.provide_alternatives,
        provide_reasons=check.options.provide_reasons,
        only_available=check.options.only_available,
        customer_is_prospect=check.customer_is_prospect,
        items=_dumps([_item_document(i) for i in check.items]),
        verdicts=_dumps([_verdict_document(v) for v in check.verdicts]),
        create_time=check.create_time,
        judge_time=check.judge_time,
        expire_time=check.expire_time,
    )


def check_from_row(row: EligibilityCheckRow) -> EligibilityCheck:
    place = None if row.place is None else PlaceFacts(**json.loads(row.place))
    return EligibilityCheck(
        id=row.id,
        party_id=row.party_id,
        channel=row.channel,
        place_id=place.place_id if place else "",
        place=place,
        description=row.description,
        extension=row.extension,
        state=CheckState(row.state),
        error=row.error,
        options=CheckOptions(
            provide_alternatives=row.provide_alternatives,
            provide_reasons=row.provide_reasons,
            only_available=row.only_available,
        ),
        customer_is_prospect=row.customer_is_prospect,
        items=tuple(_item_from(d) for d in json.loads(row.items)),
        verdicts=tuple(_verdict_from(d) for d in json.loads(row.verdicts)),
        create_time=row.create_time,
        judge_time=row.judge_time,
        expire_time=row.expire_time,
    )


# --- queries ---


def query_row(query: EligibilityQuery) -> EligibilityQueryRow:
    criteria = query.criteria
    place = criteria.place
    return EligibilityQueryRow(
        id=query.id,
        party_id=criteria.party_id,
        channel=criteria.channel,
        place=None if place is None else _dumps(_place_document(place)),
        category_id=criteria.category_id,
        offering_ids=_dumps(list(criteria.offering_ids)),
        page_size=criteria.page_size,
        description=query.description,
        extension=query.extension,
        state=query.state.value,
        error=query.error,
        customer_is_prospect=query.customer_is_prospect,
        offerings=_dumps([[o.offering_id, o.name, list(o.category_ids)] for o in query.offerings]),
        create_time=query.create_time,
        judge_time=query.judge_time,
        expire_time=query.expire_time,
    )


def query_from_row(row: EligibilityQueryRow) -> EligibilityQuery:
    criteria = SearchCriteria(
        party_id=row.party_id,
        channel=row.channel,
        place=None if row.place is None else PlaceFacts(**json.loads(row.place)),
        category_id=row.category_id,
        offering_ids=tuple(json.loads(row.offering_ids)),
        page_size=row.page_size,
    )
    return EligibilityQuery(
        id=row.id,
        criteria=criteria,
        description=row.description,
        extension=row.extension,
        state=CheckState(row.state),
        error=row.error,
        customer_is_prospect=row.customer_is_prospect,
        offerings=tuple(
            OfferingSummary(i, name, tuple(cats)) for i, name, cats in json.loads(row.offerings)
        ),
        create_time=row.create_time,
        judge_time=row.judge_time,
        expire_time=row.expire_time,
    )


def _place_document(place: PlaceFacts) -> Document:
    return {"place_id": place.place_id, "region": place.region, "postcode": place.postcode}


def _item_document(item: RequestedItem) -> Document:
    configuration = item.configuration
    return {
        "item_id": item.item_id,
        "offering_id": item.offering_id,
        "category_id": item.category_id,
        "action": item.action.value,
        "quantity": item.quantity,
        "configuration": None if configuration is None else configuration.document,
    }


def _item_from(document: Document) -> RequestedItem:
    configuration = document["configuration"]
    return RequestedItem(
        item_id=document["item_id"],
        offering_id=document["offering_id"],
        category_id=document["category_id"],
        action=ItemAction(document["action"]),
        quantity=document["quantity"],
        configuration=None if configuration is None else RequestedConfiguration(configuration),
    )


def _verdict_document(verdict: ItemVerdict) -> Document:
    return {
        "item_id": verdict.item_id,
        "offering_id": verdict.offering_id,
        "outcome": verdict.outcome.value,
        "reasons": [[r.code, r.label] for r in verdict.reasons],
        "alternative_offering_ids": list(verdict.alternative_offering_ids),
        "eligible_offering_ids": list(verdict.eligible_offering_ids),
    }


def _verdict_from(document: Document) -> ItemVerdict:
    return ItemVerdict(
        item_id=document["item_id"],
        offering_id=document["offering_id"],
        outcome=Outcome(document["outcome"]),
        reasons=tuple(Reason(code, label) for code, label in document["reasons"]),
        alternative_offering_ids=tuple(document["alternative_offering_ids"]),
        eligible_offering_ids=tuple(document["eligible_offering_ids"]),
    )


def _dumps(document: object) -> str:
    return json.dumps(document, separators=(",", ":"), ensure_ascii=False)


def _time_text(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _time_from(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)
