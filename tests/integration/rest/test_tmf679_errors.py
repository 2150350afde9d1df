"""Malformed checks, unknown ids and unsupported methods: TMF Error bodies with the status of
the facade's table and a message naming what is wrong."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.integration.rest.harness import GrpcTier, facade, unique
from tests.integration.rest.tmf679 import CHECKS, Tmf679, check_body, customer, item


@pytest.fixture(scope="module")
def api(tier: GrpcTier) -> Iterator[Tmf679]:
    with facade(tier.target) as client:
        yield Tmf679(client)


def refusal(response: Any, status: int = 400) -> dict[str, Any]:
    assert response.status_code == status, response.text
    error: dict[str, Any] = response.json()
    assert error["@type"] == "Error"
    assert error["status"] == str(status)
    return error


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ({"checkProductOfferingQualificationItem": [item("o")]}, "@type"),
        (check_body("p", []), "checkProductOfferingQualificationItem"),
        (check_body("p", [item()]), "checkProductOfferingQualificationItem[0]"),
        (check_body("p", [item("o", action="upgrade")]), "action"),
        (
            # The customer's unknown attributes (another role's party is kept whole).
            {**check_body("p", [item("o")]), "relatedParty": [{**customer("p"), "colour": "red"}]},
            "relatedParty[0].colour",
        ),
        ({**check_body("p", [item("o")]), "channel": {"@type": "ChannelRef"}}, "id"),
    ],
)
def test_malformed_checks_are_400_naming_the_attribute(
    api: Tmf679, body: dict[str, Any], named: str
) -> None:
    assert named in refusal(api.check(body))["message"]


def test_malformed_json_is_400(api: Tmf679) -> None:
    response = api.request(
        "POST", CHECKS, content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert refusal(response)["code"] == "MALFORMED_JSON"


def test_unknown_ids_are_404(api: Tmf679) -> None:
    missing = unique("missing")
    for response in (api.retrieve(missing), api.delete(missing)):
        assert refusal(response, 404)["code"] == "ELIGIBILITY_CHECK_NOT_FOUND"


def test_methods_not_served_are_405_with_allow(api: Tmf679) -> None:
    response = api.request("PUT", f"{CHECKS}/x")
    assert refusal(response, 405)["code"] == "METHOD_NOT_ALLOWED"
    assert set(response.headers["Allow"].split(", ")) == {"GET", "PATCH", "DELETE"}


def test_a_json_patch_that_is_no_array_of_operations_is_400(api: Tmf679) -> None:
    response = api.patch("x", {"op": "replace"}, media_type="application/json-patch+json")
    refusal(response, 400)


def test_a_patch_media_type_outside_the_four_is_415(api: Tmf679) -> None:
    response = api.patch("x", {"description": "x"}, media_type="application/xml")
    refusal(response, 415)


def test_delete_takes_no_query(api: Tmf679) -> None:
    assert "fields" in refusal(api.request("DELETE", f"{CHECKS}/x?fields=id"))["message"]
