"""Every event the facade publishes against the official document of its API: the event name
and its listener path exist there, the payload key is the official one, and the rendered
envelope validates against the official event schema (TMF620, TMF679, TMF622 v5; TMF645 v4).
Official events the facade does not publish are listed, so a new one is a decision."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
from jsonschema import Draft4Validator
from referencing import Registry
from referencing.jsonschema import DRAFT4

from rest_facade.notification import audiences
from rest_facade.notification.event_names import TABLES
from tests.contract import official, official_tmf622, official_tmf679
from tests.contract.official import BASE_URI, _any_of, _rebase
from tests.contract.official_tmf645 import Tmf645Validator, official_tmf645
from tests.unit.rest_facade.test_event_envelopes import published, rendered

# Official events outside what this product does: information requests, milestones, jeopardy
# and error messages of orders (no such process here) and catalog exports (none served).
NOT_PUBLISHED = {
    audiences.PRODUCT_CATALOG_V5: {"ExportJobCreateEvent", "ExportJobStateChangeEvent"},
    audiences.PRODUCT_OFFERING_QUALIFICATION_V5: set(),
    audiences.SERVICE_QUALIFICATION_V4: {"CheckServiceQualificationInformationRequiredEvent"},
    audiences.PRODUCT_ORDERING_V5: {
        "ProductOrderInformationRequiredEvent",
        "ProductOrderErrorMessageEvent",
        "ProductOrderJeopardyAlertEvent",
        "ProductOrderMilestoneEvent",
        "CancelProductOrderInformationRequiredEvent",
    },
}
# TMF622 v5 misspells this one payload key; the resource's own name is published.
MISSPELT = {("CancelProductOrderStateChangeEvent", "cancelProductOrder"): "canccelProductOrder"}

V5_DOCUMENTS: dict[str, Callable[[], dict[str, Any]]] = {
    audiences.PRODUCT_CATALOG_V5: official.official_document,
    audiences.PRODUCT_OFFERING_QUALIFICATION_V5: official_tmf679.official_document,
    audiences.PRODUCT_ORDERING_V5: official_tmf622.official_document,
}


@cache
def _registry(audience: str) -> Registry[Any]:
    document = _any_of(V5_DOCUMENTS[audience]())
    registry: Registry[Any] = Registry().with_resource(BASE_URI, DRAFT4.create_resource(document))
    return registry


def v5_problems(audience: str, schema_name: str, body: Any) -> list[str]:
    validator = Draft4Validator(
        _rebase({"$ref": f"#/components/schemas/{schema_name}"}),
        registry=_registry(audience),
        format_checker=Draft4Validator.FORMAT_CHECKER,
    )
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(body)
    ]


def problems(audience: str, schema_name: str, body: Any) -> list[str]:
    if audience == audiences.SERVICE_QUALIFICATION_V4:
        return Tmf645Validator(official_tmf645()).check_definition(schema_name, body)
    return v5_problems(audience, schema_name, body)


def official_events(audience: str) -> dict[str, tuple[str, str]]:
    """Event name -> (listener path, payload key holding the resource) in the official document."""
    found: dict[str, tuple[str, str]] = {}
    if audience == audiences.SERVICE_QUALIFICATION_V4:
        document = official_tmf645()
        for path, item in document["paths"].items():
            if path.startswith("/listener/"):
                name = item["post"]["parameters"][0]["schema"]["$ref"].rsplit("/", 1)[-1]
                payload = document["definitions"][name]["properties"]["event"]["$ref"]
                keys = document["definitions"][payload.rsplit("/", 1)[-1]]["properties"]
                found[name] = (path, next(iter(keys)))
        return found
    document = V5_DOCUMENTS[audience]()
    components = document["components"]
    for path, item in document["paths"].items():
        if path.startswith("/listener/"):
            body = components["requestBodies"][
                item["post"]["requestBody"]["$ref"].rsplit("/", 1)[-1]
            ]
            name = body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
            payload = components["schemas"][name]["allOf"][1]["properties"]["event"]["$ref"]
            keys = components["schemas"][payload.rsplit("/", 1)[-1]]["properties"]
            found[name] = (path, next(iter(keys)))
    return found


def resource_schema(audience: str, event_type: str, key: str) -> str:
    """The official schema name of the resource under the payload key."""
    if audience == audiences.SERVICE_QUALIFICATION_V4:
        return key[:1].upper() + key[1:]
    components = V5_DOCUMENTS[audience]()["components"]["schemas"]
    payload = components[event_type]["allOf"][1]["properties"]["event"]["$ref"].rsplit("/", 1)[-1]
    official_key = MISSPELT.get((event_type, key), key)
    return str(components[payload]["properties"][official_key]["$ref"].rsplit("/", 1)[-1])


@pytest.mark.parametrize(("audience", "message", "kind", "event_type"), published())
def test_the_envelope_validates_against_the_official_event_schema(
    audience: str, message: str, kind: int, event_type: str
) -> None:
    found = rendered(audience, message, kind)  # type: ignore[arg-type]
    assert found is not None
    events = official_events(audience)
    assert event_type in events, f"{event_type} is not an event of {audience}"
    path, official_key = events[event_type]
    assert "/" + found.listener_path == path
    key = TABLES[audience][message].key
    assert MISSPELT.get((event_type, key), key) == official_key
    assert problems(audience, event_type, found.body) == []
    resource = found.body["event"][key]
    assert problems(audience, resource_schema(audience, event_type, key), resource) == []


@pytest.mark.parametrize("audience", sorted(TABLES))
def test_every_official_event_is_published_or_deliberately_not(audience: str) -> None:
    ours = {name for events in TABLES[audience].values() for name in events.names.values()}
    assert set(official_events(audience)) == ours | NOT_PUBLISHED[audience]
    assert not ours & NOT_PUBLISHED[audience]
