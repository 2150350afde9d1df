"""Reading TMF645 request JSON: typed attribute access whose errors name the full path, and the
refusal of attributes this server does not keep (refused, never silently dropped)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from rest_facade.errors import bad_request
from rest_facade.tmf_values import invalid

# Polymorphism markers: they carry no data of their own.
MARKERS = frozenset({"@type", "@baseType", "@schemaLocation"})


def path_of(parent: str, attribute: str) -> str:
    return f"{parent}.{attribute}" if parent else attribute


def obj(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise invalid(path, "an object is expected")
    return value


def text(document: Mapping[str, Any], attribute: str, parent: str = "") -> str:
    value = document.get(attribute)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise invalid(path_of(parent, attribute), "a string is expected")
    return value


def flag(document: Mapping[str, Any], attribute: str, parent: str = "") -> bool:
    value = document.get(attribute)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise invalid(path_of(parent, attribute), "true or false is expected")
    return value


def array(document: Mapping[str, Any], attribute: str, parent: str = "") -> list[Any]:
    value = document.get(attribute)
    if value is None:
        return []
    if not isinstance(value, list):
        raise invalid(path_of(parent, attribute), "an array is expected")
    return value


def refuse_unknown(document: Mapping[str, Any], accepted: Iterable[str], parent: str = "") -> None:
    unknown = sorted(set(document) - set(accepted) - MARKERS)
    if unknown:
        names = ", ".join(path_of(parent, name) for name in unknown)
        raise bad_request(
            "ATTRIBUTE_NOT_SUPPORTED", f"Attribute(s) not supported by this server: {names}."
        )


def day_to_tmf(day: str) -> str:
    """A proto calendar day (YYYY-MM-DD) as a TMF date-time: midnight UTC of that day."""
    return datetime.fromisoformat(day).replace(tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
