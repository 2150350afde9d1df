"""Catalog entities: one function per direction per message."""

from __future__ import annotations

from typing import Any

from domain.catalog.errors import InvalidEntity
from domain.catalog.model import (
    DEFAULT_LIFECYCLE_STATUS,
    AllowedValue,
    BundleComponent,
    Catalog,
    Category,
    CharacteristicSpecification,
    Entity,
    ImportJob,
    ImportJobState,
    NumberRange,
    Offering,
    OfferingPrice,
    PriceKind,
    ProductSpecification,
    ValueType,
)
from domain.shared.errors import FieldViolation
from ordercapture.catalog.v1 import (
    catalog_pb2,
    import_pb2,
    offering_pb2,
    price_pb2,
    specification_pb2,
)
from servers.catalog.mapping.values import (
    decimal_text,
    money_from,
    money_to,
    optional_decimal,
    period_from,
    period_to,
    stamp,
    time_from,
    value_from,
    value_to,
)

VALUE_TYPES: dict[specification_pb2.ValueType.ValueType, ValueType] = {
    specification_pb2.VALUE_TYPE_UNSPECIFIED: ValueType.TEXT,
    specification_pb2.VALUE_TYPE_TEXT: ValueType.TEXT,
    specification_pb2.VALUE_TYPE_NUMBER: ValueType.NUMBER,
    specification_pb2.VALUE_TYPE_INTEGER: ValueType.INTEGER,
    specification_pb2.VALUE_TYPE_FLAG: ValueType.FLAG,
}
VALUE_TYPES_OUT: dict[ValueType, specification_pb2.ValueType.ValueType] = {
    ValueType.TEXT: specification_pb2.VALUE_TYPE_TEXT,
    ValueType.NUMBER: specification_pb2.VALUE_TYPE_NUMBER,
    ValueType.INTEGER: specification_pb2.VALUE_TYPE_INTEGER,
    ValueType.FLAG: specification_pb2.VALUE_TYPE_FLAG,
}
PRICE_KINDS: dict[price_pb2.PriceKind.ValueType, PriceKind] = {
    price_pb2.PRICE_KIND_ONE_TIME: PriceKind.ONE_TIME,
    price_pb2.PRICE_KIND_RECURRING: PriceKind.RECURRING,
    price_pb2.PRICE_KIND_USAGE: PriceKind.USAGE,
    price_pb2.PRICE_KIND_DISCOUNT: PriceKind.DISCOUNT,
}
PRICE_KINDS_OUT: dict[PriceKind, price_pb2.PriceKind.ValueType] = {
    kind: number for number, kind in PRICE_KINDS.items()
}
IMPORT_JOB_STATES: dict[import_pb2.ImportJobState.ValueType, ImportJobState] = {
    import_pb2.IMPORT_JOB_STATE_NOT_STARTED: ImportJobState.NOT_STARTED,
    import_pb2.IMPORT_JOB_STATE_RUNNING: ImportJobState.RUNNING,
    import_pb2.IMPORT_JOB_STATE_SUCCEEDED: ImportJobState.SUCCEEDED,
    import_pb2.IMPORT_JOB_STATE_FAILED: ImportJobState.FAILED,
}
IMPORT_JOB_STATES_OUT: dict[ImportJobState, import_pb2.ImportJobState.ValueType] = {
    state: number for number, state in IMPORT_JOB_STATES.items()
}


def _common_from(message: Any) -> dict[str, Any]:
    return {
        "id": message.id,
        "name": message.name,
        "description": message.description,
        "version": message.version,
        "lifecycle_status": message.lifecycle_status or DEFAULT_LIFECYCLE_STATUS,
        "validity": period_from(message.validity),
        "create_time": time_from(message.create_time, message.HasField("create_time")),
        "update_time": time_from(message.update_time, message.HasField("update_time")),
    }


def _common_to(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "description": entity.description,
        "version": entity.version,
        "lifecycle_status": entity.lifecycle_status,
        "validity": period_to(entity.validity),
        "create_time": stamp(entity.create_time),
        "update_time": stamp(entity.update_time),
    }


def catalog_from(message: catalog_pb2.Catalog) -> Catalog:
    return Catalog(
        **_common_from(message),
        catalog_type=message.catalog_type,
        category_ids=tuple(message.category_ids),
    )


def catalog_to(catalog: Catalog) -> catalog_pb2.Catalog:
    return catalog_pb2.Catalog(
        **_common_to(catalog),
        catalog_type=catalog.catalog_type,
        category_ids=catalog.category_ids,
    )


def category_from(message: catalog_pb2.Category) -> Category:
    return Category(**_common_from(message), parent_id=message.parent_id)


def category_to(category: Category) -> catalog_pb2.Category:
    return catalog_pb2.Category(**_common_to(category), parent_id=category.parent_id)


def specification_from(message: specification_pb2.ProductSpecification) -> ProductSpecification:
    return ProductSpecification(
        **_common_from(message),
        brand=message.brand,
        product_number=message.product_number,
        characteristics=tuple(
            _characteristic_from(c, f"characteristics[{i}]")
            for i, c in enumerate(message.characteristics)
        ),
    )


def specification_to(spec: ProductSpecification) -> specification_pb2.ProductSpecification:
    return specification_pb2.ProductSpecification(
        **_common_to(spec),
        brand=spec.brand,
        product_number=spec.product_number,
        characteristics=[_characteristic_to(c) for c in spec.characteristics],
    )


def _characteristic_from(
    message: specification_pb2.CharacteristicSpecification, field: str
) -> CharacteristicSpecification:
    return CharacteristicSpecification(
        name=message.name,
        description=message.description,
        value_type=_value_type_from(message.value_type, f"{field}.value_type"),
        configurable=message.configurable,
        min_cardinality=message.min_cardinality,
        max_cardinality=message.max_cardinality or None,
        allowed_values=tuple(
            _allowed_from(a, f"{field}.allowed_values[{i}]")
            for i, a in enumerate(message.allowed_values)
        ),
    )


def _value_type_from(number: specification_pb2.ValueType.ValueType, field: str) -> ValueType:
    value_type = VALUE_TYPES.get(number)
    if value_type is None:
        raise InvalidEntity(
            "unknown value type", violations=(FieldViolation(field, f"unknown value {number}"),)
        )
    return value_type


def _characteristic_to(
    characteristic: CharacteristicSpecification,
) -> specification_pb2.CharacteristicSpecification:
    return specification_pb2.CharacteristicSpecification(
        name=characteristic.name,
        description=characteristic.description,
        value_type=VALUE_TYPES_OUT[characteristic.value_type],
        configurable=characteristic.configurable,
        min_cardinality=characteristic.min_cardinality,
        max_cardinality=characteristic.max_cardinality or 0,
        allowed_values=[_allowed_to(a) for a in characteristic.allowed_values],
    )


def _allowed_from(message: specification_pb2.AllowedValue, field: str) -> AllowedValue:
    span = None
    if message.HasField("range"):
        span = NumberRange(
            optional_decimal(message.range.min, f"{field}.range.min"),
            optional_decimal(message.range.max, f"{field}.range.max"),
        )
    return AllowedValue(
        value=value_from(message.value, f"{field}.value") if message.HasField("value") else None,
        range=span,
        unit_of_measure=message.unit_of_measure,
        is_default=message.is_default,
    )


def _allowed_to(allowed: AllowedValue) -> specification_pb2.AllowedValue:
    message = specification_pb2.AllowedValue(
        unit_of_measure=allowed.unit_of_measure, is_default=allowed.is_default
    )
    if allowed.value is not None:
        message.value.CopyFrom(value_to(allowed.value))
    if allowed.range is not None:
        message.range.CopyFrom(
            specification_pb2.NumberRange(
                min=decimal_text(allowed.range.minimum), max=decimal_text(allowed.range.maximum)
            )
        )
    return message


def price_from(message: price_pb2.OfferingPrice) -> OfferingPrice:
    kind = PRICE_KINDS.get(message.kind)
    if kind is None:
        raise InvalidEntity(
            "an offering price needs a kind",
            violations=(FieldViolation("kind", "one of one-time, recurring, usage, discount"),),
        )
    return OfferingPrice(
        **_common_from(message),
        kind=kind,
        amount=money_from(message.amount, "amount") if message.HasField("amount") else None,
        recurring_period=message.recurring_period,
        unit_of_measure=message.unit_of_measure,
        discount_percentage=optional_decimal(message.discount_percentage, "discount_percentage"),
    )


def price_to(price: OfferingPrice) -> price_pb2.OfferingPrice:
    return price_pb2.OfferingPrice(
        **_common_to(price),
        kind=PRICE_KINDS_OUT[price.kind],
        amount=money_to(price.amount) if price.amount else None,
        recurring_period=price.recurring_period,
        unit_of_measure=price.unit_of_measure,
        discount_percentage=decimal_text(price.discount_percentage),
    )


def offering_from(message: offering_pb2.Offering) -> Offering:
    return Offering(
        **_common_from(message),
        is_bundle=message.is_bundle,
        is_sellable=message.is_sellable,
        specification_id=message.specification_id,
        category_ids=tuple(message.category_ids),
        price_ids=tuple(message.price_ids),
        bundle_components=tuple(
            BundleComponent(
                offering_id=c.offering_id,
                min_quantity=c.min_quantity,
                max_quantity=c.max_quantity,
                default_quantity=c.default_quantity,
            )
            for c in message.bundle_components
        ),
    )


def offering_to(offering: Offering) -> offering_pb2.Offering:
    return offering_pb2.Offering(
        **_common_to(offering),
        is_bundle=offering.is_bundle,
        is_sellable=offering.is_sellable,
        specification_id=offering.specification_id,
        category_ids=offering.category_ids,
        price_ids=offering.price_ids,
        bundle_components=[
            offering_pb2.BundleComponent(
                offering_id=c.offering_id,
                min_quantity=c.min_quantity,
                max_quantity=c.max_quantity,
                default_quantity=c.default_quantity,
            )
            for c in offering.bundle_components
        ],
    )


def import_job_to(job: ImportJob) -> import_pb2.ImportJob:
    return import_pb2.ImportJob(
        id=job.id,
        source_url=job.source_url,
        content_type=job.content_type,
        state=IMPORT_JOB_STATES_OUT[job.state],
        error_log=job.error_log,
        records_imported=job.records_imported,
        create_time=stamp(job.create_time),
        completion_time=stamp(job.completion_time),
    )


def import_job_from(message: import_pb2.ImportJob) -> ImportJob:
    """Used by tests and tools; the servicer only reads source_url and content_type."""
    return ImportJob(
        id=message.id,
        source_url=message.source_url,
        content_type=message.content_type,
        state=IMPORT_JOB_STATES.get(message.state, ImportJobState.NOT_STARTED),
        error_log=message.error_log,
        records_imported=message.records_imported,
        create_time=time_from(message.create_time, message.HasField("create_time")),
        completion_time=time_from(message.completion_time, message.HasField("completion_time")),
    )
