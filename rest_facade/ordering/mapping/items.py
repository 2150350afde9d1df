"""productOrderItem <-> OrderItem, nested items (bundles) included.

- `product` is a `Product` (value: `productCharacteristic`, bundle components in `product`,
  delivery places in `place`) or a `ProductRef`; its `id` names the existing product an item
  modifies or deletes.
- `product.place[]` are `RelatedPlaceRefOrValue` entries naming an address of the register by
  id (`PlaceRef`, or a `GeographicAddress` with its `id`), each with its `role`
  (`installationAddress`...).
- `productOfferingQualificationItem` (a TMF679 check and its item) is the commercial
  qualification the item relies on. `qualification[]` entries name a stored check by `id`, its
  kind by `@referredType` (`CheckServiceQualification` for the technical one,
  `CheckProductOfferingQualification` for the commercial one) and the item of that check in
  `name`.
- Attributes of an item (nested items included) or of its product that the mapping does not
  model (`itemPrice`, `payment`, `billingAccount`, a product's `productSpecification`...) are
  kept with the item's id (`items_extras`, in the order's extension under `productOrderItem`)
  and merged back into the item: an item that carries any needs its `id`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ordercapture.ordering.v1 import order_pb2
from rest_facade.extension_attributes import element_extras
from rest_facade.ordering.mapping.values import REFERENCE_ACCEPTED, reference
from rest_facade.ordering.mapping.vocabulary import (
    ITEM_ACTION_NAMES,
    ITEM_ACTIONS,
    ITEM_STATE_NAMES,
)
from rest_facade.qualification.mapping.configuration import (
    configuration_from_tmf,
    configuration_to_tmf,
)
from rest_facade.tmf_readers import array, member, nested, path, refuse_unknown, text
from rest_facade.tmf_values import JsonObject, invalid

ITEM_TYPE = "ProductOrderItem"
ITEM_ACCEPTED = (
    "id",
    "action",
    "quantity",
    "productOffering",
    "product",
    "productOfferingQualificationItem",
    "qualification",
    "productOrderItemRelationship",
    "productOrderItem",
)
# Set by the server: refused in a create body, ignored in a patched representation.
ITEM_SERVER_MANAGED = ("state",)
PRODUCT_ACCEPTED = (*REFERENCE_ACCEPTED, "productCharacteristic", "product", "place")
PRODUCT_TYPES = ("Product", "ProductRef")
PLACE_ACCEPTED = ("role", "place")
POQ_ITEM_ACCEPTED = (
    "productOfferingQualificationId",
    "itemId",
    "productOfferingQualificationHref",
    "productOfferingQualificationName",
    "@referredType",
)
ELIGIBILITY_TYPE = "CheckProductOfferingQualification"
FEASIBILITY_TYPE = "CheckServiceQualification"
MAX_QUANTITY = 2**31 - 1


def items_from_tmf(
    entries: list[Any], where: str, *, tolerate_output: bool
) -> list[order_pb2.OrderItem]:
    return [
        item_from_tmf(member(entry, f"{where}[{n}]"), f"{where}[{n}]", tolerate_output)
        for n, entry in enumerate(entries)
    ]


def items_extras(entries: list[Any], where: str) -> list[JsonObject]:
    """The kept attributes of the items (see the module's docstring), each with its item's id,
    nested items' under their parent's; [] when there are none."""
    kept: list[JsonObject] = []
    for n, entry in enumerate(entries):
        at = f"{where}[{n}]"
        document = member(entry, at)
        item_id = text(document, "id", at)
        extras = element_extras(
            document, ITEM_ACCEPTED + ITEM_SERVER_MANAGED, {"id": item_id}, ITEM_TYPE
        ) or {"id": item_id}
        product = document.get("product")
        if isinstance(product, Mapping):
            own = product.get("@type") if product.get("@type") in PRODUCT_TYPES else ""
            product_extras = element_extras(product, PRODUCT_ACCEPTED, {}, str(own))
            if product_extras:
                extras["product"] = product_extras
        nested_items = items_extras(
            array(document, "productOrderItem", at), path(at, "productOrderItem")
        )
        if nested_items:
            extras["productOrderItem"] = nested_items
        if len(extras) > 1:
            if not item_id:
                raise invalid(
                    path(at, "id"), "an item with attributes kept uninterpreted needs its id"
                )
            kept.append(extras)
    return kept


def item_from_tmf(
    document: Mapping[str, Any], where: str, tolerate_output: bool
) -> order_pb2.OrderItem:
    """The item; attributes it does not model are not read (`items_extras` keeps them), the
    server's own are refused unless `tolerate_output`."""
    if not tolerate_output:
        refuse_unknown(
            {name: value for name, value in document.items() if name in ITEM_SERVER_MANAGED},
            ITEM_ACCEPTED,
            where,
        )
    item = order_pb2.OrderItem(id=text(document, "id", where))
    action = text(document, "action", where)
    if action:
        if action not in ITEM_ACTIONS:
            allowed = ", ".join(ITEM_ACTIONS)
            raise invalid(path(where, "action"), f"'{action}' is not one of: {allowed}")
        item.action = ITEM_ACTIONS[action]
    item.quantity = _quantity(document, where)
    offering = reference(document, "productOffering", where)
    item.offering_id = text(offering, "id")
    _product_from_tmf(document, where, item)
    _qualifications_from_tmf(document, where, item)
    for index, entry in enumerate(array(document, "productOrderItemRelationship", where)):
        at = f"{where}.productOrderItemRelationship[{index}]"
        link = member(entry, at)
        refuse_unknown(link, ("id", "relationshipType"), at)
        target = text(link, "id", at)
        if not target:
            raise invalid(f"{at}.id", "the related item's id is required")
        item.relationships.append(
            order_pb2.ItemRelationship(
                item_id=target, relationship_type=text(link, "relationshipType", at)
            )
        )
    item.items.extend(
        items_from_tmf(
            array(document, "productOrderItem", where),
            path(where, "productOrderItem"),
            tolerate_output=tolerate_output,
        )
    )
    return item


def _quantity(document: Mapping[str, Any], where: str) -> int:
    value = document.get("quantity")
    if value is None:
        return 0
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_QUANTITY:
        raise invalid(path(where, "quantity"), "a whole number of at least 1 is expected")
    return value


def _product_from_tmf(document: Mapping[str, Any], where: str, item: order_pb2.OrderItem) -> None:
    if document.get("product") is None:
        return
    at = path(where, "product")
    product = nested(document, "product", where)
    item.product_id = text(product, "id", at)
    configuration = configuration_from_tmf(product, at)
    if configuration.ListFields():  # nothing requested: leave the field unset
        item.configuration.CopyFrom(configuration)
    for index, entry in enumerate(array(product, "place", at)):
        place_at = f"{at}.place[{index}]"
        related = member(entry, place_at)
        refuse_unknown(related, PLACE_ACCEPTED, place_at)
        place = reference(related, "place", place_at)
        if not place:
            raise invalid(f"{place_at}.place", "the place's reference (its 'id') is required")
        item.places.append(
            order_pb2.ItemPlace(address_id=text(place, "id"), role=text(related, "role", place_at))
        )


def _qualifications_from_tmf(
    document: Mapping[str, Any], where: str, item: order_pb2.OrderItem
) -> None:
    if document.get("productOfferingQualificationItem") is not None:
        at = path(where, "productOfferingQualificationItem")
        ref = nested(document, "productOfferingQualificationItem", where)
        refuse_unknown(ref, POQ_ITEM_ACCEPTED, at)
        check_id = text(ref, "productOfferingQualificationId", at)
        item_id = text(ref, "itemId", at)
        if not check_id or not item_id:
            raise invalid(at, "'productOfferingQualificationId' and 'itemId' are required")
        item.eligibility.CopyFrom(
            order_pb2.QualificationReference(check_id=check_id, item_id=item_id)
        )
    for index, entry in enumerate(array(document, "qualification", where)):
        at = f"{where}.qualification[{index}]"
        ref = member(entry, at)
        refuse_unknown(ref, REFERENCE_ACCEPTED, at)
        kind = text(ref, "@referredType", at)
        check_id, item_id = text(ref, "id", at), text(ref, "name", at)
        if not check_id or not item_id:
            raise invalid(at, "the check's 'id' and, in 'name', the id of its item are required")
        target = {ELIGIBILITY_TYPE: "eligibility", FEASIBILITY_TYPE: "feasibility"}.get(kind)
        if target is None:
            raise invalid(
                f"{at}.@referredType", f"'{ELIGIBILITY_TYPE}' or '{FEASIBILITY_TYPE}' is expected"
            )
        if item.HasField(target):  # type: ignore[arg-type]
            raise invalid(at, f"the item already relies on a {kind}")
        getattr(item, target).CopyFrom(
            order_pb2.QualificationReference(check_id=check_id, item_id=item_id)
        )


def items_to_tmf(items: list[order_pb2.OrderItem] | Any) -> list[JsonObject]:
    return [item_to_tmf(item) for item in items]


def item_to_tmf(item: order_pb2.OrderItem) -> JsonObject:
    document: JsonObject = {"@type": ITEM_TYPE, "id": item.id}
    if item.action in ITEM_ACTION_NAMES:
        document["action"] = ITEM_ACTION_NAMES[item.action]
    document["quantity"] = item.quantity or 1
    if item.state in ITEM_STATE_NAMES:
        document["state"] = ITEM_STATE_NAMES[item.state]
    if item.offering_id:
        document["productOffering"] = {"@type": "ProductOfferingRef", "id": item.offering_id}
    product = _product_to_tmf(item)
    if product:
        document["product"] = product
    if item.HasField("eligibility"):
        document["productOfferingQualificationItem"] = {
            "@type": "ProductOfferingQualificationItemRef",
            "productOfferingQualificationId": item.eligibility.check_id,
            "itemId": item.eligibility.item_id,
            "@referredType": ELIGIBILITY_TYPE,
        }
    if item.HasField("feasibility"):
        document["qualification"] = [
            {
                "@type": "ProductOfferingQualificationRef",
                "id": item.feasibility.check_id,
                "name": item.feasibility.item_id,
                "@referredType": FEASIBILITY_TYPE,
            }
        ]
    if item.relationships:
        document["productOrderItemRelationship"] = [
            {
                "@type": "OrderItemRelationship",
                "id": r.item_id,
                "relationshipType": r.relationship_type,
            }
            if r.relationship_type
            else {"@type": "OrderItemRelationship", "id": r.item_id}
            for r in item.relationships
        ]
    if item.items:
        document["productOrderItem"] = items_to_tmf(item.items)
    return document


def _product_to_tmf(item: order_pb2.OrderItem) -> JsonObject:
    product: JsonObject = configuration_to_tmf(item.configuration)
    if item.places:
        product["place"] = [
            {
                "@type": "RelatedPlaceRefOrValue",
                **({"role": p.role} if p.role else {}),
                "place": {"@type": "PlaceRef", "id": p.address_id},
            }
            for p in item.places
        ]
    if not product and item.product_id:
        return {"@type": "ProductRef", "id": item.product_id}
    if not product:
        return {}
    if item.product_id:
        return {"@type": "Product", "id": item.product_id, **product}
    return {"@type": "Product", **product}
