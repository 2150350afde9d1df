"""Extensions of catalog messages: Struct -> canonical JSON text (the domain's opaque value) ->
Struct gives back what was sent, for every catalog message and the import job."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

import pytest
from google.protobuf import json_format, struct_pb2

from domain.catalog.model import NO_EXTENSION
from domain.shared.errors import ExtensionTooLarge
from servers.catalog.mapping.catalogs import catalog_from, catalog_to, category_from, category_to
from servers.catalog.mapping.import_jobs import import_job_from, import_job_to
from servers.catalog.mapping.offerings import offering_from, offering_to
from servers.catalog.mapping.prices import price_from, price_to
from servers.catalog.mapping.specifications import specification_from, specification_to
from servers.extensions import (
    MAX_EXTENSION_BYTES,
    extension_from,
    extension_to,
)
from tests.unit.servers import samples

KEPT: dict[str, Any] = {
    "@type": "MyOffering",
    "@schemaLocation": "https://example.com/my.json",
    "colour": "red",
    "tier": 3,
    "ratio": 0.25,
    "flags": [True, None, "x", {"deep": [1, 2.5]}],
    "nested": {"b": 1, "a": {"z": None}},
    "name with spaces": "ünïcode",
}


def struct(attributes: dict[str, Any]) -> struct_pb2.Struct:
    message = struct_pb2.Struct()
    message.update(attributes)
    return message


def test_the_text_is_canonical() -> None:
    text = extension_from(struct(KEPT))

    assert text == json.dumps(KEPT, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert extension_from(struct(dict(reversed(list(KEPT.items()))))) == text


def test_whole_numbers_stay_whole() -> None:
    text = extension_from(struct({"n": 2, "f": 2.5, "list": [3, 4.0]}))

    assert text == '{"f":2.5,"list":[3,4],"n":2}'


def test_the_text_round_trips_to_the_same_struct() -> None:
    message = struct(KEPT)

    back = extension_to(extension_from(message))
    assert back == message
    assert back is not None
    assert json_format.MessageToDict(back) == KEPT


def test_nothing_kept_is_the_empty_object() -> None:
    assert extension_from(struct_pb2.Struct()) == NO_EXTENSION == "{}"
    assert extension_to(NO_EXTENSION) is None
    assert extension_to("") is None


def test_an_extension_is_bounded() -> None:
    fits = struct({"blob": "x" * (MAX_EXTENSION_BYTES - 20)})
    too_large = struct({"blob": "x" * MAX_EXTENSION_BYTES})

    assert len(extension_from(fits)) <= MAX_EXTENSION_BYTES
    with pytest.raises(ExtensionTooLarge) as raised:
        extension_from(too_large)
    assert raised.value.reason == "EXTENSION_TOO_LARGE"
    assert [v.field for v in raised.value.violations] == ["extension"]


Entity = Any
CASES: list[tuple[str, Callable[[], Entity], Callable[..., Any], Callable[..., Entity]]] = [
    ("catalog", samples.catalog, catalog_to, catalog_from),
    ("category", samples.category, category_to, category_from),
    ("specification", samples.specification, specification_to, specification_from),
    ("price", samples.price, price_to, price_from),
    ("offering", samples.offering, offering_to, offering_from),
    ("import_job", samples.import_job, import_job_to, import_job_from),
]


@pytest.mark.parametrize(
    ("sample", "to_message", "from_message"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_every_catalog_message_carries_its_extension(
    sample: Callable[[], Entity],
    to_message: Callable[..., Any],
    from_message: Callable[..., Entity],
) -> None:
    entity = dataclasses.replace(sample(), extension=extension_from(struct(KEPT)))

    message = to_message(entity)

    assert json_format.MessageToDict(message.extension) == KEPT
    assert from_message(message) == entity


@pytest.mark.parametrize(
    ("sample", "to_message", "from_message"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_a_message_without_extension_keeps_nothing(
    sample: Callable[[], Entity],
    to_message: Callable[..., Any],
    from_message: Callable[..., Entity],
) -> None:
    message = to_message(sample())
    message.ClearField("extension")

    assert from_message(message).extension == NO_EXTENSION
