"""Stored eligibility queries: create requests in, stored queries out."""

from __future__ import annotations

from domain.qualification.model import OfferingSummary
from domain.qualification.offering_queries import EligibilityQuery, SearchCriteria
from ordercapture.qualification.v1 import check_pb2, query_pb2
from ordercapture.qualification.v1 import eligibility_service_pb2 as pb
from servers.catalog.mapping.values import stamp
from servers.extensions import extension_to
from servers.qualification.mapping.checks import place_from
from servers.qualification.mapping.enums import CHECK_STATE_CODES


def criteria_from(request: pb.CreateEligibilityQueryRequest) -> SearchCriteria:
    return SearchCriteria(
        party_id=request.party_id,
        channel=request.channel,
        place=place_from(request.place),
        category_id=request.category_id,
        offering_ids=tuple(dict.fromkeys(request.offering_ids)),
        page_size=request.page_size,
    )


def eligible_offering_to(offering: OfferingSummary) -> check_pb2.EligibleOffering:
    return check_pb2.EligibleOffering(
        offering_id=offering.offering_id, name=offering.name, category_ids=offering.category_ids
    )


def query_to(query: EligibilityQuery) -> query_pb2.EligibilityQuery:
    criteria = query.criteria
    place = criteria.place
    return query_pb2.EligibilityQuery(
        id=query.id,
        party_id=criteria.party_id,
        channel=criteria.channel,
        place=None
        if place is None
        else check_pb2.Place(id=place.place_id, region=place.region, postcode=place.postcode),
        category_id=criteria.category_id,
        offering_ids=criteria.offering_ids,
        description=query.description,
        state=CHECK_STATE_CODES[query.state],
        offerings=[eligible_offering_to(o) for o in query.offerings],
        customer_is_prospect=query.customer_is_prospect,
        error=query.error,
        create_time=stamp(query.create_time),
        judge_time=stamp(query.judge_time),
        expire_time=stamp(query.expire_time),
        extension=extension_to(query.extension),
    )
