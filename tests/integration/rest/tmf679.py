"""A thin client for the TMF679 facade that holds every response to the OFFICIAL TMF679 v5
schemas, and the catalog and eligibility data its tests need (offerings through TMF620,
rules and customer profiles through the EligibilityService)."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import grpc
import httpx
from starlette.testclient import TestClient

from ordercapture.qualification.v1 import (
    eligibility_service_pb2,
    eligibility_service_pb2_grpc,
    profile_pb2,
    rule_pb2,
)
from tests.contract.official import template_of
from tests.contract.official_tmf679 import official_validator
from tests.integration.rest import bodies
from tests.integration.rest.harness import Exchange, Tmf620, unique

BASE = "/tmf-api/productOfferingQualification/v5"
CHECKS = "/checkProductOfferingQualification"
QUERIES = "/queryProductOfferingQualification"
MERGE_PATCH = "application/merge-patch+json"


@dataclass
class Tmf679:
    """Calls below the TMF679 base path; each response must validate against TMF679 v5."""

    client: TestClient
    exchanges: list[Exchange] = field(default_factory=list)

    def request(self, method: str, path: str, **options: Any) -> httpx.Response:
        response: httpx.Response = self.client.request(method, BASE + path, **options)
        body = response.json() if response.content else None
        exchange = Exchange(method, path.split("?", 1)[0], response.status_code, body)
        self.exchanges.append(exchange)
        validator = official_validator()
        template = template_of(exchange.path, validator.paths)
        problems = validator.check_response(method, template, exchange.status, body)
        assert not problems, (method, path, exchange.status, problems, body)
        return response

    def check(
        self, body: dict[str, Any], headers: dict[str, str] | None = None, query: str = ""
    ) -> httpx.Response:
        return self.request("POST", f"{CHECKS}{query}", json=body, headers=headers or {})

    def retrieve(self, check_id: str, query: str = "") -> httpx.Response:
        return self.request("GET", f"{CHECKS}/{check_id}{query}")

    def list(self, query: str = "") -> httpx.Response:
        return self.request("GET", f"{CHECKS}{query}")

    def patch(
        self, check_id: str, body: dict[str, Any], media_type: str = MERGE_PATCH
    ) -> httpx.Response:
        return self.request(
            "PATCH",
            f"{CHECKS}/{check_id}",
            content=json.dumps(body),
            headers={"Content-Type": media_type},
        )

    def delete(self, check_id: str) -> httpx.Response:
        return self.request("DELETE", f"{CHECKS}/{check_id}")

    def query(
        self, body: dict[str, Any], headers: dict[str, str] | None = None, query: str = ""
    ) -> httpx.Response:
        return self.request("POST", f"{QUERIES}{query}", json=body, headers=headers or {})

    def retrieve_query(self, query_id: str, query: str = "") -> httpx.Response:
        return self.request("GET", f"{QUERIES}/{query_id}{query}")

    def list_queries(self, query: str = "") -> httpx.Response:
        return self.request("GET", f"{QUERIES}{query}")

    def patch_query(
        self, query_id: str, body: dict[str, Any], media_type: str = MERGE_PATCH
    ) -> httpx.Response:
        return self.request(
            "PATCH",
            f"{QUERIES}/{query_id}",
            content=json.dumps(body),
            headers={"Content-Type": media_type},
        )

    def delete_query(self, query_id: str) -> httpx.Response:
        return self.request("DELETE", f"{QUERIES}/{query_id}")

    def until_judged(self, check_id: str) -> dict[str, Any]:
        """Retrieves a background check until it is no longer waiting (bounded, not timed)."""
        return self._until_settled(check_id, self.retrieve)

    def until_answered(self, query_id: str) -> dict[str, Any]:
        """Retrieves a background query until it is no longer waiting (bounded, not timed)."""
        return self._until_settled(query_id, self.retrieve_query)

    @staticmethod
    def _until_settled(task_id: str, retrieve: Callable[[str], httpx.Response]) -> dict[str, Any]:
        for _ in range(400):
            document: dict[str, Any] = retrieve(task_id).json()
            if document["state"] not in ("acknowledged", "inProgress"):
                return document
            time.sleep(0.025)
        raise AssertionError(f"{task_id} was never settled")


# --- request bodies ----------------------------------------------------------------------------


def customer(party_id: str, role: str = "customer") -> dict[str, Any]:
    return {
        "@type": "RelatedPartyOrPartyRole",
        "role": role,
        "partyOrPartyRole": {"@type": "PartyRef", "id": party_id},
    }


def item(offering_id: str = "", category_id: str = "", **extra: Any) -> dict[str, Any]:
    document: dict[str, Any] = {"@type": "CheckProductOfferingQualificationItem", **extra}
    if offering_id:
        document["productOffering"] = {"@type": "ProductOfferingRef", "id": offering_id}
    if category_id:
        document["category"] = {"@type": "CategoryRef", "id": category_id}
    return document


def at_region(region: str) -> dict[str, Any]:
    return {
        "@type": "Product",
        "place": [
            {
                "@type": "RelatedPlaceRefOrValue",
                "role": "installationAddress",
                "place": {"@type": "GeographicAddress", "stateOrProvince": region},
            }
        ],
    }


def check_body(party_id: str, items: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "@type": "CheckProductOfferingQualification",
        "relatedParty": [customer(party_id)],
        "channel": {"@type": "ChannelRef", "id": "web"},
        "checkProductOfferingQualificationItem": items,
        **extra,
    }


def query_body(
    party_id: str, category_id: str = "", offering_id: str = "", **extra: Any
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "@type": "QueryProductOfferingQualification",
        "relatedParty": [customer(party_id)],
        "channel": {"@type": "ChannelRef", "id": "web"},
        **extra,
    }
    criteria: dict[str, Any] = {"@type": "QueryProductOfferingQualificationItem"}
    if category_id:
        criteria["category"] = {"@type": "CategoryRef", "id": category_id}
    if offering_id:
        criteria["productOffering"] = {"@type": "ProductOfferingRef", "id": offering_id}
    if category_id or offering_id:
        document["searchCriteria"] = criteria
    return document


# --- catalog and eligibility data ---------------------------------------------------------------


@dataclass(frozen=True)
class Shop:
    """A category with offerings: `basic` (no rules), `premium` (credit class B or better,
    `basic` proposed instead), `north_only` (region north), `shop_only` (channel shop), and
    `fibre`, configurable (downloadSpeed 1000, or 100 to 500)."""

    category: str
    basic: str
    premium: str
    north_only: str
    shop_only: str
    fibre: str
    good_customer: str  # credit class A
    poor_customer: str  # credit class E


def open_shop(catalog: Tmf620, target: str) -> Shop:
    category = bodies.created_id(catalog, "category", bodies.category(unique("Broadband")))
    price = bodies.created_id(catalog, "productOfferingPrice", bodies.product_offering_price())
    spec = bodies.created_id(catalog, "productSpecification", bodies.product_specification())

    def offering(name: str) -> str:
        body = bodies.product_offering("", price, category, name=name)
        body.pop("productSpecification")  # nothing to configure
        return bodies.created_id(catalog, "productOffering", body)

    shop = Shop(
        category=category,
        basic=offering("Basic"),
        premium=offering("Premium"),
        north_only=offering("North"),
        shop_only=offering("Shop"),
        fibre=bodies.created_id(
            catalog, "productOffering", bodies.product_offering(spec, price, category)
        ),
        good_customer=unique("good"),
        poor_customer=unique("poor"),
    )
    with eligibility(target) as stub:
        stub.UpsertEligibilityRules(
            eligibility_service_pb2.UpsertEligibilityRulesRequest(
                rules=[
                    rule_pb2.EligibilityRule(
                        offering_id=shop.premium,
                        alternative_offering_ids=[shop.basic],
                        credit_class=rule_pb2.CreditClassCondition(minimum="B"),
                    ),
                    rule_pb2.EligibilityRule(
                        offering_id=shop.north_only,
                        geography=rule_pb2.GeographyCondition(regions=["north"]),
                    ),
                    rule_pb2.EligibilityRule(
                        offering_id=shop.shop_only,
                        channel=rule_pb2.ChannelCondition(channels=["shop"]),
                    ),
                ]
            ),
            timeout=10,
        )
        stub.UpsertCustomerProfiles(
            eligibility_service_pb2.UpsertCustomerProfilesRequest(
                profiles=[
                    profile(shop.good_customer, "A"),
                    profile(shop.poor_customer, "E"),
                ]
            ),
            timeout=10,
        )
    return shop


def profile(party_id: str, credit_class: str) -> profile_pb2.CustomerProfile:
    return profile_pb2.CustomerProfile(
        party_id=party_id,
        party_type=profile_pb2.PartyType.PARTY_TYPE_INDIVIDUAL,
        segment="residential",
        credit_class=credit_class,
        region="north",
        date_of_birth="1980-05-01",
    )


@contextmanager
def eligibility(target: str) -> Iterator[eligibility_service_pb2_grpc.EligibilityServiceStub]:
    """A blocking stub (its own channel, no event loop) for setting up data."""
    with grpc.insecure_channel(target) as channel:
        yield eligibility_service_pb2_grpc.EligibilityServiceStub(channel)
