"""Every response of a catalog journey validates against the OFFICIAL TMF620 v5 schemas
(success bodies against the operation's response schema, errors against `Error`)."""

from __future__ import annotations

import json
import time
from pathlib import Path

from tests.contract.official import OfficialValidator, template_of
from tests.integration.rest import bodies
from tests.integration.rest.harness import Tmf620, unique


def journey(api: Tmf620, import_folder: Path) -> None:
    """Walks every operation of every resource, the error paths included."""
    root = bodies.created_id(api, "category", bodies.category("Broadband"))
    child = bodies.created_id(api, "category", bodies.category("Fibre", parent=root))
    catalog = bodies.created_id(api, "productCatalog", bodies.product_catalog([root, child]))
    spec = bodies.created_id(api, "productSpecification", bodies.product_specification())
    recurring = bodies.created_id(api, "productOfferingPrice", bodies.product_offering_price())
    usage = bodies.created_id(
        api,
        "productOfferingPrice",
        {
            "@type": "ProductOfferingPrice",
            "name": "Data",
            "priceType": "usage",
            "price": {"unit": "EUR", "value": 0.99},
            "unitOfMeasure": {"amount": 1, "units": "GB"},
        },
    )
    discount = bodies.created_id(
        api,
        "productOfferingPrice",
        {
            "@type": "ProductOfferingPrice",
            "name": "Promo",
            "priceType": "discount",
            "percentage": 15,
        },
    )
    offering = bodies.created_id(
        api, "productOffering", bodies.product_offering(spec, recurring, child)
    )
    bundle = bodies.created_id(
        api,
        "productOffering",
        bodies.bundle(
            [offering], productOfferingPrice=[{"@type": "ProductOfferingPriceRef", "id": discount}]
        ),
    )

    created = {
        "category": [root, child],
        "productCatalog": [catalog],
        "productSpecification": [spec],
        "productOfferingPrice": [recurring, usage, discount],
        "productOffering": [offering, bundle],
    }
    for collection, ids in created.items():
        tmf_type = collection[0].upper() + collection[1:]
        api.list(collection)
        api.list(collection, "?fields=name&limit=1")
        api.list(collection, "?sort=-lastUpdate,name&offset=1")
        for entity_id in ids:
            api.retrieve(collection, entity_id)
            api.retrieve(collection, entity_id, "?fields=validFor.startDateTime")
        api.patch(collection, ids[0], {"@type": tmf_type, "description": "patched", "version": "2"})
        api.patch(
            collection,
            ids[0],
            {"@type": tmf_type, "description": None},
            media_type="application/json",
        )
        api.retrieve(collection, "missing")

    name = f"{unique('catalog')}.jsonl"
    (import_folder / name).write_text(
        json.dumps({"category": {"id": "imported", "name": "Imported"}}) + "\n"
    )
    job = api.create("importJob", {"@type": "ImportJob", "url": name}).json()
    for _ in range(200):
        if api.retrieve("importJob", job["id"]).json()["status"] in ("Succeeded", "Failed"):
            break
        time.sleep(0.05)
    api.list("importJob")
    api.list("importJob", "?status=Succeeded&fields=status")

    # Errors: 400 (schema, query, patch rule), 404, 405, 409, 415, 422, 501.
    api.create("category", {"name": "no type"})
    api.list("productOffering", "?colour=red")
    api.patch("category", root, {"@type": "Category", "id": "other"})
    api.create("category", bodies.category(id=root))
    api.request("PUT", f"/category/{root}")
    api.request("POST", "/category", content=b"x", headers={"Content-Type": "text/plain"})
    api.create("productOffering", bodies.product_offering("missing", recurring, root))
    api.delete("category", root)
    api.list("category", "?filter=name")

    for collection, ids in reversed(list(created.items())):
        for entity_id in reversed(ids):
            api.delete(collection, entity_id)
    api.delete("importJob", job["id"])


def test_every_response_of_a_journey_validates_against_tmf620_v5(
    official: OfficialValidator, api: Tmf620, import_folder: Path
) -> None:
    journey(api, import_folder)
    templates = official.paths
    failures: list[str] = []
    statuses = set()
    for exchange in api.exchanges:
        statuses.add(exchange.status)
        template = template_of(exchange.path, templates)
        problems = official.check_response(
            exchange.method, template, exchange.status, exchange.body
        )
        failures.extend(
            f"{exchange.method} {exchange.path} {exchange.status}: {p}" for p in problems
        )
    assert not failures, "\n".join(failures)
    assert {200, 201, 204, 400, 404, 405, 409, 415, 422, 501} <= statuses, statuses
