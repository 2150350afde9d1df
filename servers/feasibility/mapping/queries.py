"""Stored availability queries -> proto."""

from __future__ import annotations

from datetime import UTC, datetime

from google.protobuf.timestamp_pb2 import Timestamp

from domain.feasibility.queries import AvailabilityQuery
from ordercapture.feasibility.v1 import query_pb2
from servers.extensions import extension_to
from servers.feasibility.mapping.addresses import address_to
from servers.feasibility.mapping.availability import service_to
from servers.feasibility.mapping.checks import place_to
from servers.feasibility.mapping.enums import CHECK_STATES_OUT


def query_to(query: AvailabilityQuery) -> query_pb2.AvailabilityQuery:
    answer = query.answer
    return query_pb2.AvailabilityQuery(
        id=query.id,
        place=place_to(query.place),
        party_id=query.party_id,
        description=query.description,
        external_id=query.external_id,
        state=CHECK_STATES_OUT[query.state],
        address=address_to(answer.address) if answer.address else None,
        services=[service_to(s) for s in answer.services],
        suggestions=[address_to(a) for a in answer.suggestions],
        error=query.error,
        create_time=_stamp(query.create_time),
        judge_time=_stamp(query.judge_time),
        expire_time=_stamp(query.expire_time),
        extension=extension_to(query.extension),
    )


def _stamp(moment: datetime | None) -> Timestamp | None:
    if moment is None:
        return None
    stamp = Timestamp()
    stamp.FromDatetime(moment.astimezone(UTC))
    return stamp
