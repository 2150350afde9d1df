"""Attribute conditions compiled to SQL and run on both databases over real search documents
(ProductOrder messages): every comparison, dotted paths through nested and repeated messages,
typed values, and the refusals."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from sqlalchemy import Column, MetaData, String, Table, select
from sqlalchemy.ext.asyncio import create_async_engine

from domain.shared.errors import InvalidCondition
from ordercapture.ordering.v1 import order_pb2
from ordercapture.type.v1 import condition_pb2, reference_pb2
from servers.persistence.attribute_conditions import conditions_sql
from servers.persistence.base import SEARCH_DOCUMENT
from servers.persistence.search_documents import search_document

C = condition_pb2
PROBES = Table(
    "probes", MetaData(), Column("id", String, primary_key=True), Column("search", SEARCH_DOCUMENT)
)


def _time(text: str) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(datetime.fromisoformat(text).astimezone(UTC))
    return stamp


def _orders() -> list[order_pb2.ProductOrder]:
    first = order_pb2.ProductOrder(
        id="o1",
        state=order_pb2.ORDER_STATE_ACKNOWLEDGED,
        channel="web",
        parties=[reference_pb2.PartyReference(id="cust-1", role="customer")],
        create_time=_time("2026-01-01T10:00:00+00:00"),
        items=[
            order_pb2.OrderItem(id="1", offering_id="off-a", quantity=1),
            order_pb2.OrderItem(
                id="2",
                offering_id="off-b",
                quantity=3,
                items=[order_pb2.OrderItem(id="2.1", offering_id="off-deep", quantity=7)],
            ),
        ],
    )
    second = order_pb2.ProductOrder(
        id="o2",
        state=order_pb2.ORDER_STATE_COMPLETED,
        channel="shop",
        parties=[reference_pb2.PartyReference(id="cust-2", role="customer")],
        create_time=_time("2026-01-01T10:00:00.500000+00:00"),
        description="Fibre for the Müller family",
        items=[order_pb2.OrderItem(id="1", offering_id="off-a", quantity=2)],
    )
    third = order_pb2.ProductOrder(id="o3", state=order_pb2.ORDER_STATE_CANCELLED, channel="")
    return [first, second, third]


def _condition(path: str, comparison: int, *values: str) -> condition_pb2.AttributeCondition:
    return C.AttributeCondition(path=path, comparison=comparison, values=list(values))  # type: ignore[arg-type]


async def _matching(url: str, conditions: Sequence[condition_pb2.AttributeCondition]) -> set[str]:
    engine = create_async_engine(url)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(PROBES.create)
            rows = [{"id": o.id, "search": search_document(o)} for o in _orders()]
            await connection.execute(PROBES.insert(), rows)
            where = conditions_sql(
                conditions,
                order_pb2.ProductOrder.DESCRIPTOR,
                PROBES.c.search,
                engine.dialect.name,
            )
            found = await connection.scalars(select(PROBES.c.id).where(*where))
            return set(found)
    finally:
        await engine.dispose()


CASES = [
    (_condition("state", C.COMPARISON_EQUAL, "ORDER_STATE_COMPLETED"), {"o2"}),
    (
        _condition("state", C.COMPARISON_NOT_EQUAL, "ORDER_STATE_COMPLETED", "ORDER_STATE_CANCELLED"),
        {"o1"},
    ),
    (_condition("channel", C.COMPARISON_EQUAL, "web", "shop"), {"o1", "o2"}),
    (_condition("channel", C.COMPARISON_NOT_EQUAL, "web"), {"o2", "o3"}),
    (_condition("channel", C.COMPARISON_GREATER, "shop"), {"o1"}),
    (_condition("channel", C.COMPARISON_LESS_OR_EQUAL, "shop"), {"o2", "o3"}),
    (_condition("description", C.COMPARISON_MATCHES, "M.ller"), {"o2"}),
    (_condition("description", C.COMPARISON_MATCHES, "^Fibre"), {"o2"}),
    (_condition("parties.id", C.COMPARISON_EQUAL, "cust-1"), {"o1"}),
    (_condition("items.offering_id", C.COMPARISON_EQUAL, "off-a"), {"o1", "o2"}),
    (_condition("items.offering_id", C.COMPARISON_NOT_EQUAL, "off-a"), {"o3"}),
    (_condition("items.items.offering_id", C.COMPARISON_EQUAL, "off-deep"), {"o1"}),
    (_condition("items.quantity", C.COMPARISON_GREATER, "2"), {"o1"}),
    (_condition("items.quantity", C.COMPARISON_GREATER_OR_EQUAL, "2"), {"o1", "o2"}),
    (_condition("items.quantity", C.COMPARISON_LESS, "1.5"), {"o1"}),
    (_condition("items.items.quantity", C.COMPARISON_EQUAL, "7"), {"o1"}),
    # Instants compare as instants whatever the offset and the precision written.
    (_condition("create_time", C.COMPARISON_GREATER, "2026-01-01T11:00:00+01:00"), {"o2"}),
    (_condition("create_time", C.COMPARISON_LESS_OR_EQUAL, "2026-01-01T10:00:00Z"), {"o1"}),
    (_condition("create_time", C.COMPARISON_EQUAL, "2026-01-01T10:00:00.5+00:00"), {"o2"}),
    # An unset time is nothing to compare: neither before nor after.
    (_condition("create_time", C.COMPARISON_LESS, "2030-01-01T00:00:00Z"), {"o1", "o2"}),
    # Through an unset message and an empty array: nothing there, nothing matches.
    (_condition("items.configuration.characteristics.name", C.COMPARISON_EQUAL, "x"), set()),
]


@pytest.mark.parametrize(("condition", "expected"), CASES, ids=lambda c: str(c).replace("\n", " "))
def test_conditions_select_in_the_database(
    empty_database_url: str, condition: condition_pb2.AttributeCondition, expected: set[str]
) -> None:
    assert asyncio.run(_matching(empty_database_url, [condition])) == expected


def test_conditions_of_one_request_all_hold(empty_database_url: str) -> None:
    both = [
        _condition("items.offering_id", C.COMPARISON_EQUAL, "off-a"),
        _condition("channel", C.COMPARISON_EQUAL, "shop"),
    ]
    assert asyncio.run(_matching(empty_database_url, both)) == {"o2"}


@pytest.mark.parametrize(
    ("condition", "said"),
    [
        (_condition("colour", C.COMPARISON_EQUAL, "red"), "no attribute 'colour'"),
        (_condition("items", C.COMPARISON_EQUAL, "x"), "is an object"),
        (_condition("channel.x", C.COMPARISON_EQUAL, "x"), "no attributes of its own"),
        (_condition("state", C.COMPARISON_GREATER, "ORDER_STATE_COMPLETED"), "does not apply"),
        (_condition("state", C.COMPARISON_EQUAL, "completed"), "not a value of OrderState"),
        (_condition("items.quantity", C.COMPARISON_EQUAL, "three"), "not a number"),
        (_condition("items.quantity", C.COMPARISON_MATCHES, "3"), "does not apply"),
        (_condition("create_time", C.COMPARISON_GREATER, "2026-01-01"), "no time zone"),
        (_condition("create_time", C.COMPARISON_GREATER, "yesterday"), "not an RFC 3339"),
        (_condition("description", C.COMPARISON_MATCHES, "("), "not a regular expression"),
        (_condition("extension", C.COMPARISON_EQUAL, "x"), "cannot be filtered on"),
        (_condition("channel", C.COMPARISON_UNSPECIFIED, "x"), "a comparison is required"),
        (_condition("channel", C.COMPARISON_EQUAL), "at least one value"),
    ],
)
def test_bad_conditions_are_refused_with_the_reason(
    condition: condition_pb2.AttributeCondition, said: str
) -> None:
    with pytest.raises(InvalidCondition) as refused:
        conditions_sql([condition], order_pb2.ProductOrder.DESCRIPTOR, PROBES.c.search, "sqlite")
    assert said in refused.value.message
    assert refused.value.violations[0].field == "conditions[0]"
