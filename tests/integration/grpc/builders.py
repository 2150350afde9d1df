"""Proto builders for the gRPC tests and a helper to store them through the stub."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ordercapture.catalog.v1 import (
    catalog_pb2,
    catalog_service_pb2,
    offering_pb2,
    price_pb2,
    specification_pb2,
)
from ordercapture.type.v1 import characteristic_pb2, money_pb2

if TYPE_CHECKING:
    from ordercapture.catalog.v1.catalog_service_pb2_grpc import CatalogServiceAsyncStub


def category(category_id: str, parent_id: str = "", name: str = "") -> catalog_pb2.Category:
    return catalog_pb2.Category(
        id=category_id, name=name or f"Category {category_id}", parent_id=parent_id
    )


def specification(spec_id: str) -> specification_pb2.ProductSpecification:
    """A fibre line: speed 100 or 500 (default 100), and an optional router name."""
    return specification_pb2.ProductSpecification(
        id=spec_id,
        name="Fibre line",
        brand="Northwind",
        lifecycle_status="Active",
        characteristics=[
            specification_pb2.CharacteristicSpecification(
                name="speed",
                value_type=specification_pb2.VALUE_TYPE_INTEGER,
                configurable=True,
                min_cardinality=1,
                max_cardinality=1,
                allowed_values=[
                    specification_pb2.AllowedValue(
                        value=characteristic_pb2.CharacteristicValue(number="100"),
                        unit_of_measure="Mbps",
                        is_default=True,
                    ),
                    specification_pb2.AllowedValue(
                        value=characteristic_pb2.CharacteristicValue(number="500"),
                        unit_of_measure="Mbps",
                    ),
                ],
            ),
            specification_pb2.CharacteristicSpecification(
                name="router", value_type=specification_pb2.VALUE_TYPE_TEXT, configurable=True
            ),
        ],
    )


def price(price_id: str, amount: str = "29.99") -> price_pb2.OfferingPrice:
    return price_pb2.OfferingPrice(
        id=price_id,
        name=f"Price {price_id}",
        kind=price_pb2.PRICE_KIND_RECURRING,
        amount=money_pb2.Money(currency_code="EUR", amount=amount),
        recurring_period="month",
    )


def offering(
    offering_id: str,
    *,
    specification_id: str = "",
    category_ids: tuple[str, ...] = (),
    price_ids: tuple[str, ...] = (),
    lifecycle_status: str = "Active",
    name: str = "",
) -> offering_pb2.Offering:
    return offering_pb2.Offering(
        id=offering_id,
        name=name or f"Offering {offering_id}",
        lifecycle_status=lifecycle_status,
        is_sellable=True,
        specification_id=specification_id,
        category_ids=category_ids,
        price_ids=price_ids,
    )


async def store_fibre_offering(stub: CatalogServiceAsyncStub) -> offering_pb2.Offering:
    """Category, specification, price and an offering using all three."""
    cs = catalog_service_pb2
    await stub.CreateCategory(cs.CreateCategoryRequest(category=category("c-fibre")))
    await stub.CreateProductSpecification(
        cs.CreateProductSpecificationRequest(product_specification=specification("s-fibre"))
    )
    await stub.CreateOfferingPrice(cs.CreateOfferingPriceRequest(offering_price=price("p-fibre")))
    created = await stub.CreateOffering(
        cs.CreateOfferingRequest(
            offering=offering(
                "o-fibre",
                specification_id="s-fibre",
                category_ids=("c-fibre",),
                price_ids=("p-fibre",),
            )
        )
    )
    return created.offering
