"""Attribute conditions compiled to SQL and run on both databases over real search documents
(ProductOrder messages): every comparison, dotted paths through nested and repeated messages,
typed values, and the refusals."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime

import pytest
from google.protobuf.struct_pb2 import Struct
from google.protobuf.timestamp_pb2 import Timestamp
from sqlalchemy import Column, MetaData, String, Table, select
from sqlalchemy.ext.asyncio import create_async_engine

from domain.shared.conditions import AttributeCondition
from domain.shared.conditions import Comparison as Cmp
from domain.shared.errors import InvalidCondition
from ordercapture.ordering.v1 import order_pb2
from ordercapture.type.v1 import reference_pb2
from servers.persistence.attribute_conditions import conditions_sql
from servers.persistence.base import SEARCH_DOCUMENT
from servers.persistence.search_documents import search_document

PROBES = Table(
    "probes", MetaData(), Column("id", String, primary_key=True), Column("search", SEARCH_DOCUMENT)
)


def _time(text: str) -> Timestamp:
    stamp = Timestamp()
    stamp.FromDatetime(datetime.fromisoformat(text).astimezone(UTC))
    return stamp


def _kept(attributes: dict[str, str]) -> Struct:
    kept = Struct()
    kept.update(attributes)
    return kept


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
        extension=_kept({"@type": "FibreOrder", "colour": "red"}),
        items=[order_pb2.OrderItem(id="1", offering_id="off-a", quantity=2)],
    )
    third = order_pb2.ProductOrder(id="o3", state=order_pb2.ORDER_STATE_CANCELLED, channel="")
    return [first, second, third]


def _condition(
    path: str, comparison: Cmp, *values: str, absent: str | None = None
) -> AttributeCondition:
    return AttributeCondition(path, comparison, values, absent)


async def _matching(url: str, conditions: Sequence[AttributeCondition]) -> set[str]:
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
    (_condition("state", Cmp.EQUAL, "ORDER_STATE_COMPLETED"), {"o2"}),
    (
        _condition("state", Cmp.NOT_EQUAL, "ORDER_STATE_COMPLETED", "ORDER_STATE_CANCELLED"),
        {"o1"},
    ),
    (_condition("channel", Cmp.EQUAL, "web", "shop"), {"o1", "o2"}),
    (_condition("channel", Cmp.NOT_EQUAL, "web"), {"o2", "o3"}),
    (_condition("channel", Cmp.GREATER, "shop"), {"o1"}),
    (_condition("channel", Cmp.LESS_OR_EQUAL, "shop"), {"o2", "o3"}),
    (_condition("description", Cmp.MATCHES, "M.ller"), {"o2"}),
    (_condition("description", Cmp.MATCHES, "^Fibre"), {"o2"}),
    (_condition("parties.id", Cmp.EQUAL, "cust-1"), {"o1"}),
    (_condition("items.offering_id", Cmp.EQUAL, "off-a"), {"o1", "o2"}),
    (_condition("items.offering_id", Cmp.NOT_EQUAL, "off-a"), {"o3"}),
    (_condition("items.items.offering_id", Cmp.EQUAL, "off-deep"), {"o1"}),
    (_condition("items.quantity", Cmp.GREATER, "2"), {"o1"}),
    (_condition("items.quantity", Cmp.GREATER_OR_EQUAL, "2"), {"o1", "o2"}),
    (_condition("items.quantity", Cmp.LESS, "1.5"), {"o1"}),
    (_condition("items.items.quantity", Cmp.EQUAL, "7"), {"o1"}),
    # Instants compare as instants whatever the offset and the precision written.
    (_condition("create_time", Cmp.GREATER, "2026-01-01T11:00:00+01:00"), {"o2"}),
    (_condition("create_time", Cmp.LESS_OR_EQUAL, "2026-01-01T10:00:00Z"), {"o1"}),
    (_condition("create_time", Cmp.EQUAL, "2026-01-01T10:00:00.5+00:00"), {"o2"}),
    # An unset time is nothing to compare: neither before nor after.
    (_condition("create_time", Cmp.LESS, "2030-01-01T00:00:00Z"), {"o1", "o2"}),
    # Kept attributes compare as text; an absent one as the condition says (a base type).
    (_condition("extension.colour", Cmp.EQUAL, "red"), {"o2"}),
    (_condition("extension.@type", Cmp.EQUAL, "FibreOrder", absent="ProductOrder"), {"o2"}),
    (
        _condition("extension.@type", Cmp.EQUAL, "ProductOrder", absent="ProductOrder"),
        {"o1", "o3"},
    ),
    (
        _condition("extension.@type", Cmp.NOT_EQUAL, "ProductOrder", absent="ProductOrder"),
        {"o2"},
    ),
    (_condition("extension.@type", Cmp.EQUAL, "ProductOrder"), set()),
    # Through an unset message and an empty array: nothing there, nothing matches.
    (_condition("items.configuration.characteristics.name", Cmp.EQUAL, "x"), set()),
]


@pytest.mark.parametrize(("condition", "expected"), CASES, ids=lambda c: str(c).replace("\n", " "))
def test_conditions_select_in_the_database(
    empty_database_url: str, condition: AttributeCondition, expected: set[str]
) -> None:
    assert asyncio.run(_matching(empty_database_url, [condition])) == expected


def test_conditions_of_one_request_all_hold(empty_database_url: str) -> None:
    both = [
        _condition("items.offering_id", Cmp.EQUAL, "off-a"),
        _condition("channel", Cmp.EQUAL, "shop"),
    ]
    assert asyncio.run(_matching(empty_database_url, both)) == {"o2"}


@pytest.mark.parametrize(
    ("condition", "said"),
    [
        (_condition("colour", Cmp.EQUAL, "red"), "no attribute 'colour'"),
        (_condition("items", Cmp.EQUAL, "x"), "is an object"),
        (_condition("channel.x", Cmp.EQUAL, "x"), "no attributes of its own"),
        (_condition("state", Cmp.GREATER, "ORDER_STATE_COMPLETED"), "does not apply"),
        (_condition("state", Cmp.EQUAL, "completed"), "not a value of OrderState"),
        (_condition("items.quantity", Cmp.EQUAL, "three"), "not a number"),
        (_condition("items.quantity", Cmp.MATCHES, "3"), "does not apply"),
        (_condition("create_time", Cmp.GREATER, "2026-01-01"), "no time zone"),
        (_condition("create_time", Cmp.GREATER, "yesterday"), "not an RFC 3339"),
        (_condition("description", Cmp.MATCHES, "("), "not a regular expression"),
        (_condition("extension", Cmp.EQUAL, "x"), "is an object"),
        (_condition("extension.a'b", Cmp.EQUAL, "x"), "cannot filter on"),
        (_condition("channel", Cmp.EQUAL), "at least one value"),
    ],
)
def test_bad_conditions_are_refused_with_the_reason(
    condition: AttributeCondition, said: str
) -> None:
    with pytest.raises(InvalidCondition) as refused:
        conditions_sql([condition], order_pb2.ProductOrder.DESCRIPTOR, PROBES.c.search, "sqlite")
    assert said in refused.value.message
    assert refused.value.violations[0].field == "conditions[0]"
