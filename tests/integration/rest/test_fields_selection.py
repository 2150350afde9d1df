"""`fields=` (TMF630 attribute selection) through the real app over a real gRPC tier, on a
list and a retrieve of one resource of each API: productOffering (TMF620 v5),
checkProductOfferingQualification (TMF679 v5), checkServiceQualification (TMF645 v4) and
productOrder (TMF622 v5). `fields=none` keeps only id, href and @type (where the resource has
it); a dotted name keeps only that sub-attribute inside each nested object or array element,
plus the nested objects' own id, href and @type; an unknown attribute is a 400 naming `fields`.
Every response is held to the official document of its API by the client."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from tests.conftest import BACKENDS
from tests.contract.official_tmf645 import Tmf645Validator, official_tmf645
from tests.integration.rest import bodies
from tests.integration.rest.harness import GrpcTier, Tmf620, facade, unique
from tests.integration.rest.tmf622 import Tmf622, item, order_body, seeded_tier
from tests.integration.rest.tmf645 import (
    FIBRE,
    Tmf645,
    at,
    check_body,
    fibre_specification,
    rollout_day,
    seed_network,
    service_item,
)
from tests.integration.rest.tmf679 import Shop, Tmf679, open_shop
from tests.integration.rest.tmf679 import check_body as poq_body
from tests.integration.rest.tmf679 import item as poq_item

IDENTITY = {"id", "href", "@type"}


def ok(response: httpx.Response) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


def refused(response: httpx.Response, name: str) -> None:
    assert response.status_code == 400, response.text
    message = response.json()["message"]
    assert "'fields'" in message, message
    assert name in message, message


# --- the clients over the plain tier (TMF620, TMF679, TMF645) and the seeded tier (TMF622) ---


@pytest.fixture(scope="module")
def clients(tier: GrpcTier) -> Iterator[tuple[Tmf620, Tmf679, Tmf645]]:
    seed_network(tier.target, rollout_day())
    with facade(tier.target) as client:
        yield Tmf620(client), Tmf679(client), Tmf645(client, Tmf645Validator(official_tmf645()))


@pytest.fixture(scope="module", params=BACKENDS)
def orders(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Tmf622]:
    with seeded_tier(request, tmp_path_factory) as running, facade(running.target) as client:
        yield Tmf622(client)


# --- TMF620 productOffering ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def offering(clients: tuple[Tmf620, Tmf679, Tmf645]) -> dict[str, Any]:
    catalog = clients[0]
    category = bodies.created_id(catalog, "category", bodies.category(unique("Fields")))
    price = bodies.created_id(catalog, "productOfferingPrice", bodies.product_offering_price())
    spec = bodies.created_id(catalog, "productSpecification", bodies.product_specification())
    name = unique("fields-offering")
    body = bodies.product_offering(spec, price, category, name=name)
    body["validFor"]["endDateTime"] = "2040-01-01T00:00:00Z"
    created = catalog.create("productOffering", body)
    assert created.status_code == 201, created.text
    document: dict[str, Any] = created.json()
    return document


class TestProductOffering:
    def test_none_on_retrieve_and_list(
        self, clients: tuple[Tmf620, Tmf679, Tmf645], offering: dict[str, Any]
    ) -> None:
        catalog = clients[0]
        picked = ok(catalog.retrieve("productOffering", offering["id"], "?fields=none"))
        assert picked == {k: offering[k] for k in IDENTITY}
        listed = ok(catalog.list("productOffering", f"?name={offering['name']}&fields=none"))
        assert listed == [picked]

    def test_nested_paths_on_retrieve_and_list(
        self, clients: tuple[Tmf620, Tmf679, Tmf645], offering: dict[str, Any]
    ) -> None:
        catalog = clients[0]
        query = "?fields=validFor.endDateTime,productOfferingPrice.id,category.name"
        picked = ok(catalog.retrieve("productOffering", offering["id"], query))
        assert set(picked) == IDENTITY | {"validFor", "productOfferingPrice", "category"}
        assert picked["validFor"] == {"endDateTime": "2040-01-01T00:00:00Z"}
        (price,) = picked["productOfferingPrice"]
        assert set(price) <= IDENTITY
        assert price["id"] == offering["productOfferingPrice"][0]["id"]
        (category,) = picked["category"]
        expected = {k: v for k, v in offering["category"][0].items() if k in IDENTITY | {"name"}}
        assert category == expected
        listed = ok(catalog.list("productOffering", f"?name={offering['name']}&{query[1:]}"))
        assert listed == [picked]

    def test_unknown_attribute_is_refused(
        self, clients: tuple[Tmf620, Tmf679, Tmf645], offering: dict[str, Any]
    ) -> None:
        catalog = clients[0]
        refused(catalog.retrieve("productOffering", offering["id"], "?fields=colour"), "colour")
        refused(catalog.list("productOffering", "?fields=name,colour.id"), "colour")


# --- TMF679 checkProductOfferingQualification ---------------------------------------------------

POQ_ITEMS = "checkProductOfferingQualificationItem"


@pytest.fixture(scope="module")
def shop(clients: tuple[Tmf620, Tmf679, Tmf645], tier: GrpcTier) -> Shop:
    return open_shop(clients[0], tier.target)


@pytest.fixture(scope="module")
def poq_check(clients: tuple[Tmf620, Tmf679, Tmf645], shop: Shop) -> dict[str, Any]:
    response = clients[1].check(
        poq_body(shop.good_customer, [poq_item(shop.basic), poq_item(shop.premium, id="2")])
    )
    assert response.status_code == 201, response.text
    document: dict[str, Any] = response.json()
    return document


class TestCheckProductOfferingQualification:
    def test_none_on_retrieve_and_list(
        self, clients: tuple[Tmf620, Tmf679, Tmf645], poq_check: dict[str, Any]
    ) -> None:
        poq = clients[1]
        picked = ok(poq.retrieve(poq_check["id"], "?fields=none"))
        assert picked == {k: poq_check[k] for k in IDENTITY}
        listed = ok(poq.list("?fields=none&limit=1000"))
        assert picked in listed
        assert all(set(one) == IDENTITY for one in listed)

    def test_nested_paths_on_retrieve_and_list(
        self, clients: tuple[Tmf620, Tmf679, Tmf645], poq_check: dict[str, Any]
    ) -> None:
        poq = clients[1]
        query = f"?fields=state,{POQ_ITEMS}.qualificationItemResult"
        picked = ok(poq.retrieve(poq_check["id"], query))
        assert set(picked) == IDENTITY | {"state", POQ_ITEMS}
        expected = [
            {k: v for k, v in one.items() if k in IDENTITY | {"qualificationItemResult"}}
            for one in poq_check[POQ_ITEMS]
        ]
        assert picked[POQ_ITEMS] == expected
        assert len(expected) == 2
        assert all("qualificationItemResult" in one for one in expected)
        assert all("productOffering" not in one for one in picked[POQ_ITEMS])
        listed = ok(poq.list(f"{query}&limit=1000"))
        assert picked in listed

    def test_unknown_attribute_is_refused(
        self, clients: tuple[Tmf620, Tmf679, Tmf645], poq_check: dict[str, Any]
    ) -> None:
        poq = clients[1]
        refused(poq.retrieve(poq_check["id"], "?fields=colour"), "colour")
        refused(poq.list("?fields=state,colour"), "colour")


# --- TMF645 checkServiceQualification (v4: no @type on the check) -----------------------------

SQ_ITEMS = "serviceQualificationItem"


@pytest.fixture(scope="module")
def sq_check(clients: tuple[Tmf620, Tmf679, Tmf645]) -> dict[str, Any]:
    sq = clients[2]
    spec = fibre_specification(sq.client)
    body = check_body(
        service_item(at(FIBRE), specification=spec),
        instantSyncQualification=True,
        externalId=unique("fields"),
    )
    response = sq.check(body)
    assert response.status_code == 200, response.text
    document: dict[str, Any] = response.json()
    return document


class TestCheckServiceQualification:
    def test_none_on_retrieve_and_list(
        self, clients: tuple[Tmf620, Tmf679, Tmf645], sq_check: dict[str, Any]
    ) -> None:
        sq = clients[2]
        picked = ok(sq.retrieve(sq_check["id"], "?fields=none"))
        assert picked == {k: sq_check[k] for k in IDENTITY if k in sq_check}
        assert {"id", "href"} <= set(picked)
        listed = ok(sq.list("?fields=none&limit=1000"))
        assert picked in listed
        assert all(set(one) <= IDENTITY for one in listed)

    def test_nested_paths_on_retrieve_and_list(
        self, clients: tuple[Tmf620, Tmf679, Tmf645], sq_check: dict[str, Any]
    ) -> None:
        sq = clients[2]
        query = f"?fields={SQ_ITEMS}.qualificationResult,{SQ_ITEMS}.service.serviceSpecification"
        picked = ok(sq.retrieve(sq_check["id"], query))
        assert set(picked) == {k for k in IDENTITY if k in sq_check} | {SQ_ITEMS}
        (one,) = picked[SQ_ITEMS]
        (full,) = sq_check[SQ_ITEMS]
        assert one["qualificationResult"] == full["qualificationResult"] == "qualified"
        assert set(one) == {k for k in full if k in IDENTITY} | {"qualificationResult", "service"}
        service = {k for k in full["service"] if k in IDENTITY} | {"serviceSpecification"}
        assert set(one["service"]) == service
        assert one["service"]["serviceSpecification"] == full["service"]["serviceSpecification"]
        listed = ok(sq.list(f"{query}&limit=1000"))
        assert picked in listed

    def test_unknown_attribute_is_refused(
        self, clients: tuple[Tmf620, Tmf679, Tmf645], sq_check: dict[str, Any]
    ) -> None:
        sq = clients[2]
        refused(sq.retrieve(sq_check["id"], "?fields=colour"), "colour")
        refused(sq.list("?fields=colour"), "colour")


# --- TMF622 productOrder ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def order(orders: Tmf622) -> dict[str, Any]:
    marker = unique("fields")
    external = [{"@type": "ExternalIdentifier", "id": marker, "owner": "crm"}]
    return orders.created(order_body(item("1"), item("2"), externalId=external))


class TestProductOrder:
    def test_none_on_retrieve_and_list(self, orders: Tmf622, order: dict[str, Any]) -> None:
        picked = ok(orders.retrieve(order["id"], "?fields=none"))
        assert picked == {k: order[k] for k in IDENTITY}
        marker = order["externalId"][0]["id"]
        assert ok(orders.list(f"?externalId={marker}&fields=none")) == [picked]

    def test_nested_paths_on_retrieve_and_list(self, orders: Tmf622, order: dict[str, Any]) -> None:
        query = "?fields=productOrderItem.id,productOrderItem.productOffering.id"
        picked = ok(orders.retrieve(order["id"], query))
        assert set(picked) == IDENTITY | {"productOrderItem"}
        expected = [
            {
                **{k: v for k, v in one.items() if k in IDENTITY},
                "productOffering": {
                    k: v for k, v in one["productOffering"].items() if k in IDENTITY
                },
            }
            for one in order["productOrderItem"]
        ]
        assert picked["productOrderItem"] == expected
        assert [one["id"] for one in expected] == ["1", "2"]
        assert all("action" not in one and "product" not in one for one in expected)
        marker = order["externalId"][0]["id"]
        assert ok(orders.list(f"?externalId={marker}&{query[1:]}")) == [picked]

    def test_unknown_attribute_is_refused(self, orders: Tmf622, order: dict[str, Any]) -> None:
        refused(orders.retrieve(order["id"], "?fields=colour"), "colour")
        refused(orders.list("?fields=state,colour"), "colour")


# --- every attribute a resource renders can be selected by name ---------------------------------


def every_attribute(document: dict[str, Any]) -> str:
    return "?fields=" + ",".join(sorted(document))


def test_every_rendered_attribute_of_an_offering_is_selectable(
    clients: tuple[Tmf620, Tmf679, Tmf645], offering: dict[str, Any]
) -> None:
    catalog = clients[0]
    full = ok(catalog.retrieve("productOffering", offering["id"]))
    assert ok(catalog.retrieve("productOffering", offering["id"], every_attribute(full))) == full


def test_every_rendered_attribute_of_a_poq_check_is_selectable(
    clients: tuple[Tmf620, Tmf679, Tmf645], poq_check: dict[str, Any]
) -> None:
    full = ok(clients[1].retrieve(poq_check["id"]))
    assert ok(clients[1].retrieve(poq_check["id"], every_attribute(full))) == full


def test_every_rendered_attribute_of_a_service_check_is_selectable(
    clients: tuple[Tmf620, Tmf679, Tmf645], sq_check: dict[str, Any]
) -> None:
    full = ok(clients[2].retrieve(sq_check["id"]))
    assert ok(clients[2].retrieve(sq_check["id"], every_attribute(full))) == full


def test_every_rendered_attribute_of_an_order_is_selectable(
    orders: Tmf622, order: dict[str, Any]
) -> None:
    full = ok(orders.retrieve(order["id"]))
    assert ok(orders.retrieve(order["id"], every_attribute(full))) == full
