"""Every failure is a TMF Error (application/json): validation, media types, methods, and the
gRPC statuses of the catalog's rules."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.integration.rest import bodies
from tests.integration.rest.harness import Tmf620, unique


def assert_error(response: httpx.Response, status: int, code: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"] == "application/json"
    document = response.json()
    assert document["@type"] == "Error"
    assert document["status"] == str(status)
    assert document["reason"]
    if code is not None:
        assert document["code"] == code, document
    assert "<address>" not in document.get("message", ""), document  # nothing mistaken for one
    assert isinstance(document, dict)
    return document


@pytest.mark.parametrize(
    "collection",
    [
        "productCatalog",
        "category",
        "productOffering",
        "productOfferingPrice",
        "productSpecification",
        "importJob",
    ],
)
def test_unknown_id_is_404(api: Tmf620, collection: str) -> None:
    assert_error(api.retrieve(collection, "no-such-id"), 404)
    assert_error(api.delete(collection, "no-such-id"), 404)


def test_unknown_id_on_patch_is_404(api: Tmf620) -> None:
    assert_error(api.patch("category", "no-such-id", {"@type": "Category", "name": "x"}), 404)


def test_reference_to_unknown_specification_is_422(api: Tmf620) -> None:
    category = bodies.created_id(api, "category", bodies.category())
    price = bodies.created_id(api, "productOfferingPrice", bodies.product_offering_price())
    body = bodies.product_offering("no-such-spec", price, category)
    error = assert_error(api.create("productOffering", body), 422, "REFERENCED_ENTITY_NOT_FOUND")
    assert "no-such-spec" in error["message"]
    assert "category_ids" not in error["message"]  # only the missing specification is named


def test_reference_to_unknown_price_is_422(api: Tmf620) -> None:
    category = bodies.created_id(api, "category", bodies.category())
    spec = bodies.created_id(api, "productSpecification", bodies.product_specification())
    body = bodies.product_offering(spec, "no-such-price", category)
    assert_error(api.create("productOffering", body), 422, "REFERENCED_ENTITY_NOT_FOUND")


def test_duplicate_id_is_409(api: Tmf620) -> None:
    entity_id = unique("dup")
    assert api.create("category", bodies.category(id=entity_id)).status_code == 201
    assert_error(
        api.create("category", bodies.category(id=entity_id)), 409, "ENTITY_ALREADY_EXISTS"
    )


def test_deleting_what_is_still_referenced_is_422(api: Tmf620) -> None:
    parent = bodies.created_id(api, "category", bodies.category("Parent"))
    bodies.created_id(api, "category", bodies.category("Child", parent=parent))
    assert_error(api.delete("category", parent), 422, "ENTITY_STILL_REFERENCED")


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({"name": "no type"}, "'@type' is a required property"),
        ({"@type": "Category"}, "'name' is a required property"),
        # Another @type is a subtype of the channel's own, which needs its @schemaLocation.
        (
            {"@type": "ProductOffering", "name": "wrong type"},
            "is not valid under any of the given schemas",
        ),
        ({"@type": "Category", "name": 42}, "42 is not of type 'string'"),
        (
            {"@type": "Category", "name": "x", "validFor": {"startDateTime": "yesterday"}},
            "date-time",
        ),
        (
            {"@type": "Category", "name": "x", "parent": {"id": "p"}},
            "'@type' is a required property",
        ),
    ],
)
def test_schema_violations_are_400(api: Tmf620, body: dict[str, Any], words: str) -> None:
    error = assert_error(api.create("category", body), 400, "INVALID_BODY")
    assert words in error["message"]


def test_an_attribute_not_modelled_is_kept_not_refused(api: Tmf620) -> None:
    """An extension attribute (test_extension_attributes.py has the rest)."""
    created = api.create("category", bodies.category(productOffering=[]))
    assert created.status_code == 201, created.text
    assert created.json()["productOffering"] == []


def test_contradicting_is_root_is_400(api: Tmf620) -> None:
    parent = bodies.created_id(api, "category", bodies.category())
    body = bodies.category("Child", parent=parent, isRoot=True)
    error = assert_error(api.create("category", body), 400, "INVALID_ATTRIBUTE_VALUE")
    assert "'isRoot'" in error["message"]


def test_malformed_json_is_400(api: Tmf620) -> None:
    response = api.request(
        "POST",
        "/category",
        content=b'{"@type": "Category", ',
        headers={"Content-Type": "application/json"},
    )
    assert_error(response, 400, "MALFORMED_JSON")


@pytest.mark.parametrize(
    ("method", "path", "media_type"),
    [
        ("POST", "/category", "application/json"),
        ("PATCH", "/category/any", "application/merge-patch+json"),
        ("PATCH", "/category/any", "application/json-patch-query+json"),
    ],
)
def test_a_body_that_is_not_utf8_is_malformed_json(
    api: Tmf620, method: str, path: str, media_type: str
) -> None:
    """Found by schemathesis: Connexion's decoding error escaped as a 500."""
    response = api.request(
        method, path, content=b"\xff\xfe{}", headers={"Content-Type": media_type}
    )
    error = assert_error(response, 400, "MALFORMED_JSON")
    assert "utf-8" in error["message"]


def test_empty_body_is_400(api: Tmf620) -> None:
    response = api.request(
        "POST", "/category", content=b"", headers={"Content-Type": "application/json"}
    )
    assert_error(response, 400)


@pytest.mark.parametrize(
    "media_type", ["text/plain", "application/x-www-form-urlencoded", "application/xml"]
)
def test_wrong_media_type_is_415(api: Tmf620, media_type: str) -> None:
    response = api.request(
        "POST", "/category", content=b"name=x", headers={"Content-Type": media_type}
    )
    assert_error(response, 415, "UNSUPPORTED_MEDIA_TYPE")


def test_a_json_patch_that_is_no_array_of_operations_is_400(api: Tmf620) -> None:
    entity_id = bodies.created_id(api, "category", bodies.category())
    response = api.patch(
        "category",
        entity_id,
        {"op": "replace", "path": "/name", "value": "x"},
        media_type="application/json-patch+json",
    )
    assert_error(response, 400)


@pytest.mark.parametrize(
    ("method", "path", "allow"),
    [
        ("PUT", "/category/x", "DELETE, GET, PATCH"),
        ("DELETE", "/productOffering", "GET, POST"),
        ("PATCH", "/importJob/x", "DELETE, GET"),
        ("PUT", "/importJob", "GET, POST"),
    ],
)
def test_wrong_method_is_405_with_every_allowed_method(
    api: Tmf620, method: str, path: str, allow: str
) -> None:
    response = api.request(method, path)
    assert_error(response, 405, "METHOD_NOT_ALLOWED")
    assert response.headers["Allow"] == allow


def test_unknown_path_is_404(api: Tmf620) -> None:
    assert_error(api.request("GET", "/exportJob"), 404, "RESOURCE_PATH_NOT_FOUND")
    assert_error(api.client.get("/tmf-api/nothing"), 404)


@pytest.mark.parametrize("attribute", ["id", "href", "lastUpdate"])
def test_patching_server_managed_attributes_is_400(api: Tmf620, attribute: str) -> None:
    entity_id = bodies.created_id(api, "category", bodies.category())
    response = api.patch("category", entity_id, {"@type": "Category", attribute: "x"})
    error = assert_error(response, 400, "ATTRIBUTE_NOT_PATCHABLE")
    assert f"'{attribute}'" in error["message"]


def test_patching_is_root_is_400(api: Tmf620) -> None:
    entity_id = bodies.created_id(api, "category", bodies.category())
    assert_error(api.patch("category", entity_id, {"@type": "Category", "isRoot": False}), 400)


def test_removing_a_required_attribute_is_400(api: Tmf620) -> None:
    entity_id = bodies.created_id(api, "category", bodies.category())
    assert_error(
        api.patch("category", entity_id, {"@type": "Category", "name": None}), 400, "INVALID_BODY"
    )


def test_a_rule_of_the_domain_is_reported_with_its_reason(api: Tmf620) -> None:
    """A bundle without components breaks a catalog rule the facade cannot see."""
    response = api.create("productOffering", bodies.bundle([]))
    error = assert_error(response, 400)
    assert error["code"] == "INVALID_ENTITY"
