"""The RFC 8288 `Link` header of list responses, on a list of each of the four APIs, over a real
(seeded) gRPC tier: first, middle, last and empty pages, filters (raw TMF630 operator forms and
`;` separators included) kept byte for byte in every link, and the request's own scheme and host.
Lists always answer 200."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from starlette.testclient import TestClient

from rest_facade.catalog.api import BASE_PATH as CATALOG_BASE_PATH
from rest_facade.feasibility.api import BASE_PATH as SQ_BASE_PATH
from rest_facade.ordering.api import BASE_PATH as ORDERING_BASE_PATH
from rest_facade.qualification.api import BASE_PATH as POQ_BASE_PATH
from tests.integration.rest import bodies, tmf645, tmf679
from tests.integration.rest.harness import GrpcTier, Tmf620, facade, unique
from tests.integration.rest.tmf622 import (
    Tmf622,
    order_body,
    tier_fixture,  # noqa: F401 - the fixture named "tier" (seeded with the demo data)
)

ROOT = Path(__file__).resolve().parents[3]
HOST = "http://testserver"
_LINK = re.compile(r'<([^>]*)>; rel="([a-z]+)"')


@pytest.fixture(scope="module")
def client(tier: GrpcTier) -> Iterator[TestClient]:
    with facade(tier.target) as running:
        yield running


@dataclass(frozen=True)
class Listing:
    """A list of one API whose filter `query` selects exactly the three entities `ids` (in
    the order the list returns them), and `nothing` a filter selecting none."""

    path: str  # the absolute path of the collection
    query: str  # raw, as sent
    ids: tuple[str, ...]
    nothing: str


def links(response: httpx.Response) -> dict[str, str]:
    """rel -> URL; each relation at most once."""
    header = response.headers["Link"]
    found = _LINK.findall(header)
    assert ", ".join(f'<{url}>; rel="{rel}"' for url, rel in found) == header, header
    relations = [rel for _, rel in found]
    assert len(relations) == len(set(relations)), header
    return {rel: url for url, rel in found}


def get(client: TestClient, url: str, **options: Any) -> httpx.Response:
    response: httpx.Response = client.get(url, **options)
    assert response.status_code == 200, response.text
    return response


def paged(listing: Listing, offset: int, limit: int) -> str:
    return f"{HOST}{listing.path}?{listing.query}&offset={offset}&limit={limit}"


# --- one list of each API, three entities under a filter of raw forms --------------------------


def catalog_categories(client: TestClient) -> Listing:
    catalog = Tmf620(client)
    names = [unique("links") for _ in range(3)]
    for name in names:
        assert catalog.create("category", bodies.category(name)).status_code == 201
    # A literal-operator form (`lastUpdate>=...`, percent-encoded, no '=' of its own), an OR by
    # comma and a `;` separator: kept as written in every link.
    query = f"lastUpdate%3E%3D2000-01-01T00%3A00%3A00Z;name={names[0]},{names[1]}&name={names[2]}"
    listed = get(client, f"{HOST}{tmf645.CATALOG_BASE}/category?{query}")
    ids = tuple(entry["id"] for entry in listed.json())
    assert len(ids) == 3
    return Listing(f"{tmf645.CATALOG_BASE}/category", query, ids, f"name={unique('none')}")


def product_orders(client: TestClient) -> Listing:
    ordering = Tmf622(client)
    externals = [unique("links") for _ in range(3)]
    for external in externals:
        body = order_body(externalId=[{"@type": "ExternalIdentifier", "id": external}])
        ordering.created(body)
    query = f"externalId={','.join(externals)}&creationDate.gte=2000-01-01T00:00:00Z&sort=-id"
    path = "/tmf-api/productOrderingManagement/v5/productOrder"
    ids = tuple(entry["id"] for entry in get(client, f"{HOST}{path}?{query}").json())
    assert len(ids) == 3
    return Listing(path, query, ids, f"externalId={unique('none')}")


def qualification_checks(client: TestClient, target: str) -> Listing:
    shop = tmf679.open_shop(Tmf620(client), target)
    poq = tmf679.Tmf679(client)
    party = unique("links")
    for _ in range(3):
        body = tmf679.check_body(party, [tmf679.item(shop.basic)])
        assert poq.check(body).status_code == 201
    query = f"relatedParty.partyOrPartyRole.id={party}"
    path = tmf679.BASE + tmf679.CHECKS
    ids = tuple(entry["id"] for entry in get(client, f"{HOST}{path}?{query}").json())
    assert len(ids) == 3
    return Listing(path, query, ids, f"relatedParty.id={unique('none')}")


def service_checks(client: TestClient, target: str) -> Listing:
    # The service qualification lists filter by state only, so the checks already in this
    # module's tier (orders validated inline store theirs) are deleted first.
    tmf645.seed_network(target, tmf645.rollout_day())
    specification = tmf645.fibre_specification(client)
    path = tmf645.SQ_BASE + tmf645.CHECKS
    for existing in get(client, f"{HOST}{path}?limit=1000").json():
        assert client.delete(f"{path}/{existing['id']}").status_code == 204
    for address in (tmf645.FIBRE, tmf645.COPPER, tmf645.NOWHERE):
        item = tmf645.service_item(tmf645.at(address), specification=specification)
        body = tmf645.check_body(item, instantSyncQualification=True)
        response = client.post(path, json=body)
        assert response.status_code in (200, 201), response.text
    states = "state=accepted;state=inProgress;state=done"
    ids = tuple(entry["id"] for entry in get(client, f"{HOST}{path}?{states}").json())
    assert len(ids) == 3
    return Listing(path, states, ids, "state=terminatedWithError")


BUILDERS: dict[str, Callable[[TestClient, str], Listing]] = {
    "tmf620-category": lambda client, _: catalog_categories(client),
    "tmf622-productOrder": lambda client, _: product_orders(client),
    "tmf679-check": qualification_checks,
    "tmf645-check": service_checks,
}


@pytest.fixture(scope="module", params=sorted(BUILDERS))
def listing(request: pytest.FixtureRequest, client: TestClient, tier: GrpcTier) -> Listing:
    return BUILDERS[request.param](client, tier.target)


def test_the_first_page_links_self_first_next_and_last(
    client: TestClient, listing: Listing
) -> None:
    response = get(client, paged(listing, 0, 2))
    assert response.headers["X-Total-Count"] == "3"
    assert response.headers["X-Result-Count"] == "2"
    assert links(response) == {
        "self": paged(listing, 0, 2),
        "first": paged(listing, 0, 2),
        "next": paged(listing, 2, 2),
        "last": paged(listing, 2, 2),
    }


def test_a_middle_page_links_prev_and_next(client: TestClient, listing: Listing) -> None:
    response = get(client, paged(listing, 1, 1))
    assert [entry["id"] for entry in response.json()] == [listing.ids[1]]
    assert links(response) == {
        "self": paged(listing, 1, 1),
        "first": paged(listing, 0, 1),
        "prev": paged(listing, 0, 1),
        "next": paged(listing, 2, 1),
        "last": paged(listing, 2, 1),
    }


def test_the_last_page_has_no_next(client: TestClient, listing: Listing) -> None:
    response = get(client, paged(listing, 2, 2))
    assert response.headers["X-Result-Count"] == "1"
    assert links(response) == {
        "self": paged(listing, 2, 2),
        "first": paged(listing, 0, 2),
        "prev": paged(listing, 0, 2),
        "last": paged(listing, 2, 2),
    }


def test_following_next_visits_every_entity_once(client: TestClient, listing: Listing) -> None:
    seen: list[str] = []
    url: str | None = paged(listing, 0, 1)
    while url is not None:
        response = get(client, url)
        seen.extend(entry["id"] for entry in response.json())
        url = links(response).get("next")
        assert len(seen) <= 3
    assert tuple(seen) == listing.ids


def test_a_page_past_the_end_links_back_to_the_last_page(
    client: TestClient, listing: Listing
) -> None:
    response = get(client, paged(listing, 7, 2))
    assert response.json() == []
    assert links(response) == {
        "self": paged(listing, 7, 2),
        "first": paged(listing, 0, 2),
        "prev": paged(listing, 2, 2),
        "last": paged(listing, 2, 2),
    }


def test_an_empty_set_links_first_and_last_to_offset_0(
    client: TestClient, listing: Listing
) -> None:
    response = get(client, f"{HOST}{listing.path}?{listing.nothing}")
    assert response.headers["X-Total-Count"] == "0"
    assert response.json() == []
    # No paging parameters were sent: the links carry the default page size.
    base = f"{HOST}{listing.path}?{listing.nothing}"
    assert links(response) == {
        "self": f"{base}&offset=0&limit=20",
        "first": f"{base}&offset=0&limit=20",
        "last": f"{base}&offset=0&limit=20",
    }


def test_paging_parameters_are_replaced_where_they_stand(
    client: TestClient, listing: Listing
) -> None:
    url = f"{HOST}{listing.path}?limit=1&{listing.query};offset=1"
    found = links(get(client, url))
    assert found["self"] == url
    assert found["next"] == f"{HOST}{listing.path}?limit=1&{listing.query};offset=2"
    assert found["first"] == f"{HOST}{listing.path}?limit=1&{listing.query};offset=0"


def test_links_use_the_scheme_and_host_of_the_request(client: TestClient, listing: Listing) -> None:
    query = f"{listing.query}&offset=0&limit=2"
    secure = get(client, f"https://shop.example{listing.path}?{query}")
    assert (
        links(secure)["next"]
        == f"https://shop.example{listing.path}?{listing.query}&offset=2&limit=2"
    )
    ported = get(client, f"{HOST}{listing.path}?{query}", headers={"Host": "api.example.net:8443"})
    assert links(ported)["self"] == f"http://api.example.net:8443{listing.path}?{query}"


def test_forwarded_headers_are_not_honoured_by_the_app(
    client: TestClient, listing: Listing
) -> None:
    """X-Forwarded-* is for the server in front (uvicorn --proxy-headers rewrites the scheme it
    trusts); the app itself builds links from the request as it arrived."""
    query = f"{listing.query}&offset=0&limit=2"
    response = get(
        client,
        f"{HOST}{listing.path}?{query}",
        headers={"X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "https"},
    )
    assert links(response)["self"] == f"{HOST}{listing.path}?{query}"


# --- every list of the four documents -----------------------------------------------------------

DOCUMENTS = {
    "openapi/tmf620-product-catalog-v5.yaml": CATALOG_BASE_PATH,
    "openapi/tmf622-product-ordering-v5.yaml": ORDERING_BASE_PATH,
    "openapi/tmf645-service-qualification-v4.yaml": SQ_BASE_PATH,
    "openapi/tmf679-product-offering-qualification-v5.yaml": POQ_BASE_PATH,
}


def list_paths() -> list[str]:
    found = []
    for name, base_path in DOCUMENTS.items():
        document = yaml.safe_load((ROOT / name).read_text(encoding="utf-8"))
        found += [
            base_path + path
            for path, item in document["paths"].items()
            if "get" in item and "{" not in path
        ]
    return sorted(found)


def test_every_list_of_the_four_apis_is_counted_and_linked(client: TestClient) -> None:
    paths = list_paths()
    assert len(paths) >= 10, paths  # 6 TMF620, 2 TMF622, 2 TMF645, 2 TMF679 lists
    for path in paths:
        response = get(client, f"{HOST}{path}?offset=3&limit=2")
        total = int(response.headers["X-Total-Count"])
        returned = int(response.headers["X-Result-Count"])
        assert returned == len(response.json()), path
        found = links(response)
        assert found["self"] == f"{HOST}{path}?offset=3&limit=2", path
        assert found["first"] == f"{HOST}{path}?offset=0&limit=2", path
        assert "prev" in found, path
        assert ("next" in found) == (3 + returned < total), path
        last = ((total - 1) // 2) * 2 if total else 0
        assert found["last"] == f"{HOST}{path}?offset={last}&limit=2", path
