"""RFC 7396 merge patch and the update mask of a patch."""

from __future__ import annotations

from typing import Any

import pytest

from rest_facade.errors import TmfError
from rest_facade.tmf630 import merge_patch, update_mask
from tests.unit.rest_facade.rfc7386_examples import RFC7386_EXAMPLES


@pytest.mark.parametrize(("target", "patch", "result"), RFC7386_EXAMPLES)
def test_rfc_7396_examples(target: Any, patch: Any, result: Any) -> None:
    assert merge_patch(target, patch) == result


def test_merge_leaves_the_target_untouched() -> None:
    target = {"validFor": {"startDateTime": "s", "endDateTime": "e"}}
    merge_patch(target, {"validFor": {"endDateTime": None}})
    assert target == {"validFor": {"startDateTime": "s", "endDateTime": "e"}}


PATHS = {"name": ("name",), "validFor": ("validity",), "recurringChargePeriodLength": ()}
READ_ONLY = frozenset({"id", "href", "lastUpdate"})
MARKERS = frozenset({"@type", "@baseType"})


def mask(patch: dict[str, Any]) -> tuple[str, ...]:
    return update_mask(patch, paths=PATHS, read_only=READ_ONLY, ignored=MARKERS)


def test_mask_names_the_proto_fields_present() -> None:
    assert mask({"@type": "X", "name": "n", "validFor": None}) == ("name", "validity")
    assert mask({"@type": "X", "recurringChargePeriodLength": 1}) == ()


@pytest.mark.parametrize(
    ("attribute", "code"),
    [
        ("id", "ATTRIBUTE_NOT_PATCHABLE"),
        ("lastUpdate", "ATTRIBUTE_NOT_PATCHABLE"),
        ("colour", "ATTRIBUTE_NOT_SUPPORTED"),
    ],
)
def test_refuses_attributes_naming_them(attribute: str, code: str) -> None:
    with pytest.raises(TmfError) as caught:
        mask({"name": "n", attribute: "x"})
    assert (caught.value.status, caught.value.code) == (400, code)
    assert f"'{attribute}'" in caught.value.message
