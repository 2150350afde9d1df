"""Creating catalog entities: ids, timestamps, taken ids and every invariant of rules.py."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from domain.catalog import errors
from domain.catalog.model import (
    AllowedValue,
    CatalogEntity,
    NumberRange,
    PriceKind,
    ValueType,
)
from domain.catalog.services import CatalogManagement
from domain.shared.time import TimePeriod
from tests.fakes.catalog import FakeCatalogStore, FakeCatalogUnitOfWorkFactory, FixedClock
from tests.fakes.catalog_builders import (
    a_bundle,
    a_catalog,
    a_category,
    a_characteristic,
    a_component,
    a_discount,
    a_price,
    a_recurring_price,
    a_specification,
    a_usage_price,
    allowed,
    allowed_range,
    an_offering,
    money,
)
from tests.unit.catalog.conftest import T0
from tests.unit.catalog.helpers import create, fields


class TestIdsAndTimestamps:
    async def test_an_empty_id_is_generated(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        created = await service.create_offering(an_offering(""))

        assert created.id == "gen-1"
        assert store.offerings == {"gen-1": created}

    async def test_a_given_id_is_kept(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        created = await service.create_category(a_category("cg-tv"))

        assert created.id == "cg-tv"
        assert list(store.categories) == ["cg-tv"]

    async def test_timestamps_come_from_the_clock(
        self, service: CatalogManagement, clock: FixedClock
    ) -> None:
        later = T0 + timedelta(days=3)
        clock.set(later)

        created = await service.create_offering_price(
            a_price("p-1", create_time=T0 - timedelta(days=9), update_time=T0)
        )

        assert created.create_time == later
        assert created.update_time == later

    async def test_the_unit_of_work_is_committed(
        self, service: CatalogManagement, uow: FakeCatalogUnitOfWorkFactory
    ) -> None:
        await service.create_catalog(a_catalog("cat-1"))

        assert [unit.committed for unit in uow.units] == [True]


class TestTakenId:
    async def test_a_taken_id_is_refused_and_the_stored_entity_kept(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        first = await service.create_offering(an_offering("off-1", description="first"))

        with pytest.raises(errors.EntityAlreadyExists) as raised:
            await service.create_offering(an_offering("off-1", description="second"))

        assert raised.value.reason == "ENTITY_ALREADY_EXISTS"
        assert raised.value.metadata == {"id": "off-1"}
        assert store.offerings == {"off-1": first}

    async def test_the_same_id_in_another_kind_is_no_conflict(
        self, service: CatalogManagement, store: FakeCatalogStore
    ) -> None:
        await service.create_category(a_category("x"))
        await service.create_catalog(a_catalog("x"))

        assert list(store.catalogs) == ["x"]


# (entity, the violation fields create must report) for every invariant of rules.py.
INVALID: list[tuple[str, CatalogEntity, list[str]]] = [
    ("blank name", an_offering("o", name="  "), ["name"]),
    ("no lifecycle status", a_catalog("c", lifecycle_status=""), ["lifecycle_status"]),
    (
        "validity ends before it starts",
        a_category("c", validity=TimePeriod(start=T0, end=T0 - timedelta(seconds=1))),
        ["validity"],
    ),
    (
        "category listed twice by an offering",
        an_offering("o", category_ids=("a", "b", "a")),
        ["category_ids[2]"],
    ),
    (
        "category listed twice by a catalog",
        a_catalog("c", category_ids=("a", "a")),
        ["category_ids[1]"],
    ),
    ("price listed twice", an_offering("o", price_ids=("p", "p")), ["price_ids[1]"]),
    ("bundle without components", an_offering("o", is_bundle=True), ["bundle_components"]),
    (
        "components on a non-bundle",
        an_offering("o", bundle_components=(a_component("x"),)),
        ["bundle_components"],
    ),
    (
        "bundle containing itself",
        a_bundle("o", a_component("o")),
        ["bundle_components[0].offering_id"],
    ),
    (
        "component listed twice",
        a_bundle("o", a_component("x"), a_component("x")),
        ["bundle_components[1].offering_id"],
    ),
    ("negative min quantity", a_bundle("o", a_component("x", -1, 1, 0)), ["bundle_components[0]"]),
    ("max below min quantity", a_bundle("o", a_component("x", 2, 1, 1)), ["bundle_components[0]"]),
    ("max quantity zero", a_bundle("o", a_component("x", 0, 0, 0)), ["bundle_components[0]"]),
    (
        "default quantity above max",
        a_bundle("o", a_component("x", 1, 2, 3)),
        ["bundle_components[0].default_quantity"],
    ),
    (
        "default quantity below min",
        a_bundle("o", a_component("x", 1, 2, 0)),
        ["bundle_components[0].default_quantity"],
    ),
    (
        "empty characteristic name",
        a_specification("s", a_characteristic(" ")),
        ["characteristics[0].name"],
    ),
    (
        "characteristic defined twice",
        a_specification("s", a_characteristic("speed"), a_characteristic("speed")),
        ["characteristics[1].name"],
    ),
    (
        "negative min cardinality",
        a_specification("s", a_characteristic(min_cardinality=-1)),
        ["characteristics[0].min_cardinality"],
    ),
    (
        "max cardinality below min",
        a_specification("s", a_characteristic(min_cardinality=2, max_cardinality=1)),
        ["characteristics[0].max_cardinality"],
    ),
    (
        "max cardinality zero",
        a_specification("s", a_characteristic(max_cardinality=0)),
        ["characteristics[0].max_cardinality"],
    ),
    (
        "text allowed for an integer",
        a_specification(
            "s", a_characteristic(value_type=ValueType.INTEGER, allowed_values=(allowed("fast"),))
        ),
        ["characteristics[0].allowed_values[0].value"],
    ),
    (
        "fraction allowed for an integer",
        a_specification(
            "s",
            a_characteristic(
                value_type=ValueType.INTEGER, allowed_values=(allowed(Decimal("1.5")),)
            ),
        ),
        ["characteristics[0].allowed_values[0].value"],
    ),
    (
        "text allowed for a flag",
        a_specification(
            "s", a_characteristic(value_type=ValueType.FLAG, allowed_values=(allowed("yes"),))
        ),
        ["characteristics[0].allowed_values[0].value"],
    ),
    (
        "number allowed for text",
        a_specification("s", a_characteristic(allowed_values=(allowed(Decimal(1)),))),
        ["characteristics[0].allowed_values[0].value"],
    ),
    (
        "flag allowed for a number",
        a_specification(
            "s", a_characteristic(value_type=ValueType.NUMBER, allowed_values=(allowed(True),))
        ),
        ["characteristics[0].allowed_values[0].value"],
    ),
    (
        "allowed value with neither value nor range",
        a_specification("s", a_characteristic(allowed_values=(AllowedValue(),))),
        ["characteristics[0].allowed_values[0]"],
    ),
    (
        "allowed value with both value and range",
        a_specification(
            "s",
            a_characteristic(
                value_type=ValueType.NUMBER,
                allowed_values=(AllowedValue(value=Decimal(1), range=NumberRange(Decimal(0))),),
            ),
        ),
        ["characteristics[0].allowed_values[0]"],
    ),
    (
        "range on text",
        a_specification("s", a_characteristic(allowed_values=(allowed_range(1, 2),))),
        ["characteristics[0].allowed_values[0].range"],
    ),
    (
        "range on a flag",
        a_specification(
            "s", a_characteristic(value_type=ValueType.FLAG, allowed_values=(allowed_range(0, 1),))
        ),
        ["characteristics[0].allowed_values[0].range"],
    ),
    (
        "range minimum above maximum",
        a_specification(
            "s",
            a_characteristic(value_type=ValueType.INTEGER, allowed_values=(allowed_range(5, 4),)),
        ),
        ["characteristics[0].allowed_values[0].range"],
    ),
    (
        "two defaults",
        a_specification(
            "s",
            a_characteristic(
                allowed_values=(allowed("a", default=True), allowed("b", default=True))
            ),
        ),
        ["characteristics[0].allowed_values"],
    ),
    ("lower-case currency", a_price("p", amount=money("1", "eur")), ["amount.currency_code"]),
    ("two-letter currency", a_price("p", amount=money("1", "EU")), ["amount.currency_code"]),
    ("currency with a digit", a_price("p", amount=money("1", "E1R")), ["amount.currency_code"]),
    ("non-ASCII currency", a_price("p", amount=money("1", "ÄÖÜ")), ["amount.currency_code"]),
    ("negative one-time amount", a_price("p", amount=money("-1")), ["amount.amount"]),
    ("negative recurring amount", a_recurring_price("p", amount=money("-0.01")), ["amount.amount"]),
    ("infinite amount", a_price("p", amount=money("Infinity")), ["amount.amount"]),
    ("NaN amount", a_price("p", amount=money("NaN")), ["amount.amount"]),
    (
        "discount with amount and percentage",
        a_discount("p", amount=money("-5")),
        ["amount"],
    ),
    ("discount with neither", a_discount("p", discount_percentage=None), ["amount"]),
    (
        "discount of 0 percent",
        a_discount("p", discount_percentage=Decimal(0)),
        ["discount_percentage"],
    ),
    (
        "discount above 100 percent",
        a_discount("p", discount_percentage=Decimal("100.01")),
        ["discount_percentage"],
    ),
    (
        "negative discount percentage",
        a_discount("p", discount_percentage=Decimal(-10)),
        ["discount_percentage"],
    ),
    (
        "percentage on a one-time price",
        a_price("p", discount_percentage=Decimal(10)),
        ["discount_percentage"],
    ),
    (
        "negative percentage on a recurring price",
        a_recurring_price("p", discount_percentage=Decimal("-0.5")),
        ["discount_percentage"],
    ),
    ("one-time price without amount", a_price("p", amount=None), ["amount"]),
    (
        "recurring price without period",
        a_recurring_price("p", recurring_period=" "),
        ["recurring_period"],
    ),
    ("usage price without unit", a_usage_price("p", unit_of_measure=""), ["unit_of_measure"]),
    ("category as its own parent", a_category("c", parent_id="c"), ["parent_id"]),
]


@pytest.mark.parametrize(
    ("entity", "expected"),
    [pytest.param(entity, expected, id=name) for name, entity, expected in INVALID],
)
async def test_every_invariant_is_checked_on_create(
    service: CatalogManagement,
    store: FakeCatalogStore,
    entity: CatalogEntity,
    expected: list[str],
) -> None:
    before = store.snapshot()

    with pytest.raises(errors.InvalidEntity) as raised:
        await create(service, entity)

    assert raised.value.reason == "INVALID_ENTITY"
    assert fields(raised.value) == expected
    assert store.snapshot() == before


VALID: list[tuple[str, CatalogEntity]] = [
    ("minimal offering", an_offering("o")),
    ("open validity", an_offering("o", validity=TimePeriod(start=T0))),
    ("validity of one instant", a_catalog("c", validity=TimePeriod(start=T0, end=T0))),
    ("negative discount amount", a_discount("p", amount=money("-5"), discount_percentage=None)),
    ("discount of 100 percent", a_discount("p", discount_percentage=Decimal(100))),
    ("free one-time price", a_price("p", amount=money("0"))),
    ("usage price", a_usage_price("p")),
    ("recurring price", a_recurring_price("p")),
    # 0 % alters nothing: a price of any kind may say so (a non-zero one stays a discount's).
    ("recurring price of 0 percent", a_recurring_price("p", discount_percentage=Decimal(0))),
    ("one-time price of 0.00 percent", a_price("p", discount_percentage=Decimal("0.00"))),
    ("unbounded cardinality", a_specification("s", a_characteristic(max_cardinality=None))),
    (
        "integer given as text",
        a_specification(
            "s", a_characteristic(value_type=ValueType.INTEGER, allowed_values=(allowed("300"),))
        ),
    ),
    (
        "open range",
        a_specification(
            "s", a_characteristic(value_type=ValueType.NUMBER, allowed_values=(allowed_range(1),))
        ),
    ),
    (
        "range of one number",
        a_specification(
            "s",
            a_characteristic(value_type=ValueType.INTEGER, allowed_values=(allowed_range(2, 2),)),
        ),
    ),
]


@pytest.mark.parametrize("entity", [pytest.param(e, id=name) for name, e in VALID])
async def test_valid_entities_are_stored(
    service: CatalogManagement, store: FakeCatalogStore, entity: CatalogEntity
) -> None:
    created = await create(service, entity)

    assert store.snapshot()[_table(created)] == {created.id: created}


async def test_several_violations_are_reported_at_once(
    service: CatalogManagement, store: FakeCatalogStore
) -> None:
    offering = an_offering(
        "o",
        name="",
        lifecycle_status=" ",
        is_bundle=True,
        price_ids=("p", "q", "p"),
        category_ids=("c", "c"),
    )

    with pytest.raises(errors.InvalidEntity) as raised:
        await service.create_offering(offering)

    assert fields(raised.value) == [
        "name",
        "lifecycle_status",
        "category_ids[1]",
        "price_ids[2]",
        "bundle_components",
    ]
    assert store.offerings == {}


async def test_several_violations_of_one_price(service: CatalogManagement) -> None:
    price = a_price(
        "p",
        kind=PriceKind.RECURRING,
        amount=money("-3", "usd"),
        discount_percentage=Decimal(5),
    )

    with pytest.raises(errors.InvalidEntity) as raised:
        await service.create_offering_price(price)

    assert fields(raised.value) == [
        "amount.currency_code",
        "amount.amount",
        "discount_percentage",
        "recurring_period",
    ]


def _table(entity: CatalogEntity) -> str:
    return {
        "Catalog": "catalogs",
        "Category": "categories",
        "ProductSpecification": "specifications",
        "OfferingPrice": "prices",
        "Offering": "offerings",
    }[type(entity).__name__]
