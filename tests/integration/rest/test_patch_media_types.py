"""The four PATCH media types on one resource of each API (every TMF620 resource), over the real
app and a real gRPC tier: each changes the resource (read back), an immutable attribute is
refused whatever the media type, another media type is 415, a failed `test` 409 and a query
selecting nothing 400."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from tests.contract.official_tmf645 import Tmf645Validator, official_tmf645
from tests.integration.rest import bodies
from tests.integration.rest.harness import GrpcTier, Tmf620, facade, unique
from tests.integration.rest.tmf622 import (
    BASE as ORDERING,
)
from tests.integration.rest.tmf622 import (
    api_fixture,  # noqa: F401 - the fixture named "api" (TMF622 client)
    order_body,
    tier_fixture,  # noqa: F401 - the fixture named "tier": a seeded tier per backend
)
from tests.integration.rest.tmf622 import (
    item as order_item,
)
from tests.integration.rest.tmf645 import (
    FIBRE,
    SQ_BASE,
    Tmf645,
    at,
    fibre_specification,
    rollout_day,
    seed_network,
    service_item,
)
from tests.integration.rest.tmf645 import check_body as sq_check_body
from tests.integration.rest.tmf679 import BASE as POQ
from tests.integration.rest.tmf679 import Tmf679, open_shop
from tests.integration.rest.tmf679 import check_body as poq_check_body
from tests.integration.rest.tmf679 import item as poq_item

CATALOG = "/tmf-api/productCatalogManagement/v5"
MERGE_PATCH = "application/merge-patch+json"
JSON = "application/json"
JSON_PATCH = "application/json-patch+json"
JSON_PATCH_QUERY = "application/json-patch-query+json"
MEDIA_TYPES = (MERGE_PATCH, JSON, JSON_PATCH, JSON_PATCH_QUERY)
OPERATIONS = (JSON_PATCH, JSON_PATCH_QUERY)


@dataclass(frozen=True)
class Resource:
    """A patchable resource: its URL, an immutable attribute with a value to try, and an
    array of it whose elements have ids (for queries)."""

    url: str
    tmf_type: str
    immutable: str
    other_value: Any
    array: str


@pytest.fixture(scope="module")
def client(tier: GrpcTier) -> Iterator[TestClient]:
    with facade(tier.target) as running:
        yield running


@pytest.fixture(scope="module")
def resources(client: TestClient, tier: GrpcTier) -> dict[str, Resource]:
    """One created instance of every patchable resource of the four APIs."""
    catalog = Tmf620(client)
    first = bodies.created_id(catalog, "category", bodies.category(unique("A")))
    spec = bodies.created_id(catalog, "productSpecification", bodies.product_specification())
    price = bodies.created_id(catalog, "productOfferingPrice", bodies.product_offering_price())
    offering = bodies.created_id(
        catalog, "productOffering", bodies.product_offering(spec, price, first)
    )
    catalog_id = bodies.created_id(
        catalog, "productCatalog", bodies.product_catalog([first], description="x")
    )
    found = {
        name: Resource(
            f"{CATALOG}/{name}/{entity_id}", name[0].upper() + name[1:], "id", "other", array
        )
        for name, entity_id, array in (
            ("productCatalog", catalog_id, "category"),
            ("category", first, ""),
            ("productOffering", offering, "productOfferingPrice"),
            ("productOfferingPrice", price, ""),
            ("productSpecification", spec, "productSpecCharacteristic"),
        )
    }

    shop = open_shop(catalog, tier.target)
    poq = Tmf679(client)
    check = poq.check(poq_check_body(unique("prospect"), [poq_item(shop.basic)])).json()
    found["checkProductOfferingQualification"] = Resource(
        f"{POQ}/checkProductOfferingQualification/{check['id']}",
        "CheckProductOfferingQualification",
        "state",
        "terminatedWithError",
        "checkProductOfferingQualificationItem",
    )

    seed_network(tier.target, rollout_day())
    sq = Tmf645(client, Tmf645Validator(official_tmf645()))
    feasibility = sq.check(
        sq_check_body(
            service_item(at(FIBRE), specification=fibre_specification(client), item_id="1"),
            instantSyncQualification=True,
        )
    ).json()
    found["checkServiceQualification"] = Resource(
        f"{SQ_BASE}/checkServiceQualification/{feasibility['id']}",
        "CheckServiceQualification",
        "state",
        "terminatedWithError",
        "serviceQualificationItem",
    )

    draft = client.post(
        f"{ORDERING}/productOrder",
        json=order_body(order_item("1"), order_item("2"), requestedInitialState="draft"),
    )
    assert draft.status_code == 201, draft.text
    found["productOrder"] = Resource(
        f"{ORDERING}/productOrder/{draft.json()['id']}",
        "ProductOrder",
        "creationDate",
        "2020-01-01T00:00:00Z",
        "productOrderItem",
    )
    return found


RESOURCES = (
    "productCatalog",
    "category",
    "productOffering",
    "productOfferingPrice",
    "productSpecification",
    "checkProductOfferingQualification",
    "checkServiceQualification",
    "productOrder",
)


def patch(client: TestClient, url: str, body: Any, media_type: str) -> httpx.Response:
    response: httpx.Response = client.request(
        "PATCH", url, content=json.dumps(body), headers={"Content-Type": media_type}
    )
    return response


def read(client: TestClient, url: str) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    document: dict[str, Any] = response.json()
    return document


def setting(resource: Resource, media_type: str, attribute: str, value: Any) -> Any:
    """The body that sets `attribute` to `value` in the given media type."""
    if media_type in (MERGE_PATCH, JSON):
        return {"@type": resource.tmf_type, attribute: value}
    return [{"op": "add", "path": f"/{attribute}", "value": value}]


def refused(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/json"
    error: dict[str, Any] = response.json()
    assert error["@type"] == "Error"
    assert error["status"] == str(status)
    if code is not None:
        assert error["code"] == code, error
    return error


@pytest.mark.parametrize("media_type", MEDIA_TYPES)
@pytest.mark.parametrize("name", RESOURCES)
def test_each_media_type_changes_the_resource(
    client: TestClient, resources: dict[str, Resource], name: str, media_type: str
) -> None:
    resource = resources[name]
    text = unique(media_type.rsplit("/", 1)[-1])
    response = patch(
        client, resource.url, setting(resource, media_type, "description", text), media_type
    )
    assert response.status_code == 200, response.text
    assert response.json()["description"] == text
    assert read(client, resource.url)["description"] == text


@pytest.mark.parametrize("media_type", OPERATIONS)
@pytest.mark.parametrize("name", RESOURCES)
def test_json_patch_removes_an_attribute(
    client: TestClient, resources: dict[str, Resource], name: str, media_type: str
) -> None:
    resource = resources[name]
    assert (
        patch(
            client, resource.url, setting(resource, MERGE_PATCH, "description", "gone"), MERGE_PATCH
        ).status_code
        == 200
    )
    operations = [
        {"op": "test", "path": "/description", "value": "gone"},
        {"op": "remove", "path": "/description"},
    ]
    response = patch(client, resource.url, operations, media_type)
    assert response.status_code == 200, response.text
    assert "description" not in read(client, resource.url)


@pytest.mark.parametrize("media_type", MEDIA_TYPES)
@pytest.mark.parametrize("name", RESOURCES)
def test_an_immutable_attribute_is_refused_whatever_the_media_type(
    client: TestClient, resources: dict[str, Resource], name: str, media_type: str
) -> None:
    resource = resources[name]
    before = read(client, resource.url)
    body = setting(resource, media_type, resource.immutable, resource.other_value)
    refused(patch(client, resource.url, body, media_type), 400)
    after = read(client, resource.url)
    assert after[resource.immutable] == before[resource.immutable]


@pytest.mark.parametrize("name", RESOURCES)
def test_the_refusal_of_an_immutable_attribute_is_the_same_for_each_json_patch(
    client: TestClient, resources: dict[str, Resource], name: str
) -> None:
    """Both JSON Patch kinds go through the resource's merge-patch path: the same Error."""
    resource = resources[name]
    body = setting(resource, MERGE_PATCH, resource.immutable, resource.other_value)
    merge = patch(client, resource.url, body, MERGE_PATCH)
    operations = [
        {"op": "replace", "path": f"/{resource.immutable}", "value": resource.other_value}
    ]
    for media_type in OPERATIONS:
        error = refused(patch(client, resource.url, operations, media_type), 400)
        if merge.json()["code"] != "INVALID_BODY":  # not refused by the document's schema
            assert error["code"] == merge.json()["code"], (media_type, error)


@pytest.mark.parametrize(
    "media_type", ["text/plain", "application/xml", "application/x-www-form-urlencoded"]
)
@pytest.mark.parametrize("name", RESOURCES)
def test_another_media_type_is_415(
    client: TestClient, resources: dict[str, Resource], name: str, media_type: str
) -> None:
    response = client.request(
        "PATCH",
        resources[name].url,
        content=b'{"description": "x"}',
        headers={"Content-Type": media_type},
    )
    refused(response, 415, "UNSUPPORTED_MEDIA_TYPE")


@pytest.mark.parametrize("media_type", OPERATIONS)
@pytest.mark.parametrize("name", RESOURCES)
def test_a_failed_test_is_409_and_changes_nothing(
    client: TestClient, resources: dict[str, Resource], name: str, media_type: str
) -> None:
    resource = resources[name]
    before = read(client, resource.url)
    operations = [
        {"op": "add", "path": "/description", "value": "never"},
        {"op": "test", "path": "/id", "value": "not-this-id"},
    ]
    refused(patch(client, resource.url, operations, media_type), 409, "JSON_PATCH_TEST_FAILED")
    assert read(client, resource.url).get("description") == before.get("description")


@pytest.mark.parametrize("name", [name for name in RESOURCES if name != "category"])
def test_a_query_selecting_nothing_is_400_naming_it(
    client: TestClient, resources: dict[str, Resource], name: str
) -> None:
    resource = resources[name]
    path = f"/{resource.array or 'note'}[?(@.id=='no-such-element')]"
    operations = [{"op": "remove", "path": path}]
    error = refused(
        patch(client, resource.url, operations, JSON_PATCH_QUERY), 400, "JSON_PATCH_QUERY_NO_MATCH"
    )
    assert path in error["message"]


@pytest.mark.parametrize(
    "name",
    [
        "productOffering",
        "productSpecification",
        "checkProductOfferingQualification",
        "checkServiceQualification",
    ],
)
def test_a_query_reads_the_selected_element(
    client: TestClient, resources: dict[str, Resource], name: str
) -> None:
    """A `test` through a query holds for the element it selects (and a change goes through)."""
    resource = resources[name]
    element = read(client, resource.url)[resource.array][0]
    key = "id" if "id" in element else "name"
    path = f"/{resource.array}[?(@.{key}=='{element[key]}')]"
    text = unique("queried")
    operations = [
        {"op": "test", "path": path, "value": element},
        {"op": "add", "path": "/description", "value": text},
    ]
    response = patch(client, resource.url, operations, JSON_PATCH_QUERY)
    assert response.status_code == 200, response.text
    assert read(client, resource.url)["description"] == text


def test_a_query_changes_an_element_of_a_catalog(
    client: TestClient, resources: dict[str, Resource]
) -> None:
    url = resources["productCatalog"].url
    catalog = Tmf620(client)
    second = bodies.created_id(catalog, "category", bodies.category(unique("B")))
    first = read(client, url)["category"][0]["id"]
    operations = [
        {"op": "replace", "path": f"/category[?(@.id=='{first}')]/id", "value": second},
    ]
    response = patch(client, url, operations, JSON_PATCH_QUERY)
    assert response.status_code == 200, response.text
    assert [ref["id"] for ref in read(client, url)["category"]] == [second]


def test_a_query_changes_the_selected_items_of_a_draft_order(
    client: TestClient, resources: dict[str, Resource]
) -> None:
    url = resources["productOrder"].url
    operations = [
        {"op": "add", "path": "/productOrderItem[?(@.id=='2')]/quantity", "value": 3},
        {"op": "add", "path": "/productOrderItem[?(@.action=='add')]/quantity", "value": 4},
        {"op": "test", "path": "/productOrderItem[?(@.id=='1')]/quantity", "value": 4},
    ]
    response = patch(client, url, operations, JSON_PATCH_QUERY)
    assert response.status_code == 200, response.text
    items = {item["id"]: item for item in read(client, url)["productOrderItem"]}
    assert {key: item.get("quantity") for key, item in items.items()} == {"1": 4, "2": 4}
    removed = patch(
        client, url, [{"op": "remove", "path": "/productOrderItem[?(@.id=='2')]"}], JSON_PATCH_QUERY
    )
    assert removed.status_code == 200, removed.text
    assert [item["id"] for item in read(client, url)["productOrderItem"]] == ["1"]


def test_an_order_state_is_refused_through_json_patch_as_through_merge(
    client: TestClient, resources: dict[str, Resource]
) -> None:
    url = resources["productOrder"].url
    body = {"@type": "ProductOrder", "state": "cancelled"}
    merge = refused(patch(client, url, body, MERGE_PATCH), 409)
    operations = [{"op": "replace", "path": "/state", "value": "cancelled"}]
    for media_type in OPERATIONS:
        error = refused(patch(client, url, operations, media_type), 409)
        assert error["code"] == merge["code"] == "ORDER_TRANSITION_NOT_ALLOWED"
    assert read(client, url)["state"] == "draft"
