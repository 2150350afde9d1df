"""Domain -> proto -> domain gives back the same value, for every catalog message."""

from __future__ import annotations

import dataclasses
from datetime import UTC
from decimal import Decimal

import pytest

from domain.catalog.errors import InvalidEntity
from domain.catalog.model import (
    DEFAULT_LIFECYCLE_STATUS,
    AllowedValue,
    Catalog,
    CatalogEntity,
    CatalogRecord,
    Category,
    CharacteristicSpecification,
    ImportJobState,
    PriceKind,
    ValueType,
)
from domain.shared.time import TimePeriod
from ordercapture.catalog.v1 import catalog_pb2, import_pb2, price_pb2, specification_pb2
from ordercapture.type.v1 import characteristic_pb2, money_pb2
from servers.catalog.mapping.catalogs import catalog_from, catalog_to, category_from, category_to
from servers.catalog.mapping.import_jobs import import_job_from, import_job_to
from servers.catalog.mapping.offerings import offering_from, offering_to
from servers.catalog.mapping.prices import price_from, price_to
from servers.catalog.mapping.records import record_from, record_to
from servers.catalog.mapping.specifications import (
    characteristic_from,
    specification_from,
    specification_to,
)
from tests.unit.servers import samples


def test_catalog_round_trip() -> None:
    assert catalog_from(catalog_to(samples.catalog())) == samples.catalog()


def test_category_round_trip() -> None:
    assert category_from(category_to(samples.category())) == samples.category()


def test_specification_round_trip() -> None:
    spec = samples.specification()
    assert specification_from(specification_to(spec)) == spec


@pytest.mark.parametrize("kind", list(PriceKind))
def test_price_round_trip(kind: PriceKind) -> None:
    price = samples.price(kind)
    assert price_from(price_to(price)) == price


def test_price_without_amount_or_percentage_round_trip() -> None:
    price = dataclasses.replace(samples.price(), amount=None, discount_percentage=None)
    message = price_to(price)
    assert not message.HasField("amount")
    assert message.discount_percentage == ""
    assert price_from(message) == price


def test_offering_round_trip() -> None:
    assert offering_from(offering_to(samples.offering())) == samples.offering()


@pytest.mark.parametrize("state", list(ImportJobState))
def test_import_job_round_trip(state: ImportJobState) -> None:
    job = samples.import_job(state)
    assert import_job_from(import_job_to(job)) == job


@pytest.mark.parametrize(
    "entity",
    [
        samples.catalog(),
        samples.category(),
        samples.specification(),
        samples.price(),
        samples.offering(),
    ],
    ids=lambda e: type(e).__name__,
)
def test_catalog_record_round_trip(entity: CatalogEntity) -> None:
    record = CatalogRecord(line=42, entity=entity)
    assert record_from(record_to(record)) == record


def test_record_without_entity_is_invalid() -> None:
    with pytest.raises(InvalidEntity) as raised:
        record_from(import_pb2.CatalogRecord(line=3))
    assert [v.field for v in raised.value.violations] == ["entity"]


def test_times_come_back_as_the_same_instant_in_utc() -> None:
    result = catalog_from(catalog_to(samples.catalog()))
    assert result.create_time == samples.CREATED
    assert result.create_time is not None
    assert result.create_time.tzinfo is UTC
    assert result.validity.start is not None
    assert result.validity.start.tzinfo is UTC


def test_unset_times_are_none_and_stay_unset() -> None:
    bare = Catalog(id="x", validity=TimePeriod(start=samples.CREATED))
    message = catalog_to(bare)
    assert not message.HasField("create_time")
    assert not message.HasField("update_time")
    assert not message.validity.HasField("end_time")
    assert catalog_from(message) == bare


def test_empty_lifecycle_status_gets_the_domain_default() -> None:
    assert category_from(catalog_pb2.Category(id="c")).lifecycle_status == (
        DEFAULT_LIFECYCLE_STATUS
    )


def test_decimals_keep_their_exact_text() -> None:
    assert price_to(samples.price()).amount.amount == "-29.990"
    assert price_to(samples.price()).discount_percentage == "12.5"


def test_unbounded_cardinality_is_zero_on_the_wire() -> None:
    message = specification_to(samples.specification())
    assert [c.max_cardinality for c in message.characteristics] == [1, 0, 3, 1]


@pytest.mark.parametrize("text", ["", " ", "abc", "1e5", "NaN", "Infinity", "1_000", "1,5", "--1"])
def test_a_malformed_amount_names_the_field(text: str) -> None:
    message = price_pb2.OfferingPrice(
        id="p",
        kind=price_pb2.PRICE_KIND_ONE_TIME,
        amount=money_pb2.Money(currency_code="EUR", amount=text),
    )
    with pytest.raises(InvalidEntity) as raised:
        price_from(message)
    assert [v.field for v in raised.value.violations] == ["amount.amount"]


@pytest.mark.parametrize("text", ["1", "-1", "+1.5", ".5", "5.", " 29.99 "])
def test_plain_decimals_are_accepted(text: str) -> None:
    message = price_pb2.OfferingPrice(
        id="p", kind=price_pb2.PRICE_KIND_DISCOUNT, discount_percentage=text
    )
    assert price_from(message).discount_percentage == Decimal(text.strip())


def test_a_malformed_range_bound_names_the_nested_field() -> None:
    message = specification_pb2.ProductSpecification(
        id="s",
        characteristics=[
            specification_pb2.CharacteristicSpecification(name="ok"),
            specification_pb2.CharacteristicSpecification(
                name="bad",
                allowed_values=[
                    specification_pb2.AllowedValue(),
                    specification_pb2.AllowedValue(
                        range=specification_pb2.NumberRange(min="1", max="ten")
                    ),
                ],
            ),
        ],
    )
    with pytest.raises(InvalidEntity) as raised:
        specification_from(message)
    assert [v.field for v in raised.value.violations] == [
        "characteristics[1].allowed_values[1].range.max"
    ]


def test_an_allowed_value_with_an_empty_value_is_invalid() -> None:
    message = specification_pb2.CharacteristicSpecification(
        name="x",
        allowed_values=[
            specification_pb2.AllowedValue(value=characteristic_pb2.CharacteristicValue())
        ],
    )
    with pytest.raises(InvalidEntity) as raised:
        characteristic_from(message, "characteristics[0]")
    assert [v.field for v in raised.value.violations] == [
        "characteristics[0].allowed_values[0].value"
    ]


def test_unspecified_value_type_means_text() -> None:
    message = specification_pb2.CharacteristicSpecification(
        name="x", value_type=specification_pb2.VALUE_TYPE_UNSPECIFIED
    )
    assert characteristic_from(message, "c") == CharacteristicSpecification(
        name="x", value_type=ValueType.TEXT, configurable=False, max_cardinality=None
    )


def test_characteristic_values_keep_their_type() -> None:
    spec = samples.specification()
    values = [
        a.value
        for c in specification_from(specification_to(spec)).characteristics
        for a in c.allowed_values
        if a.value is not None
    ]
    assert [type(v) for v in values] == [Decimal, Decimal, str, bool, bool]
    assert AllowedValue(value=False) in spec.characteristics[2].allowed_values


def test_unspecified_price_kind_is_refused_on_create() -> None:
    with pytest.raises(InvalidEntity) as raised:
        price_from(price_pb2.OfferingPrice(id="p"))
    assert [v.field for v in raised.value.violations] == ["kind"]
    assert raised.value.violations[0].description == "required"


def test_unspecified_price_kind_is_allowed_when_the_kind_is_not_updated() -> None:
    price = price_from(price_pb2.OfferingPrice(id="p", name="n"), kind_required=False)
    assert price.name == "n"


def test_an_unknown_price_kind_number_is_refused_even_when_not_required() -> None:
    with pytest.raises(InvalidEntity):
        price_from(price_pb2.OfferingPrice(id="p", kind=99), kind_required=False)  # type: ignore[arg-type]


def test_category_is_root_follows_parent() -> None:
    assert category_from(catalog_pb2.Category(id="c")).is_root
    assert not category_from(category_to(samples.category())).is_root
    assert isinstance(category_from(category_to(samples.category())), Category)
