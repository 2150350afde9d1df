"""Readers of TMF request JSON that name the attribute at fault when a value has the wrong shape,
and the refusal of attributes a server does not keep (refused, never silently dropped).

`where` is the attribute's path in the body (`checkProductOfferingQualificationItem[0].action`)
so the 400 tells the client exactly what to fix.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rest_facade.errors import bad_request
from rest_facade.tmf_values import invalid

# Polymorphism markers: checked by the document's schemas, they carry no data of their own.
MARKERS = frozenset({"@type", "@baseType", "@schemaLocation"})


def path(where: str, attribute: str) -> str:
    return f"{where}.{attribute}" if where else attribute


def text(document: Mapping[str, Any], attribute: str, where: str = "") -> str:
    value = document.get(attribute)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise invalid(path(where, attribute), "a string is expected")
    return value


def flag(document: Mapping[str, Any], attribute: str, where: str = "") -> bool:
    value = document.get(attribute)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise invalid(path(where, attribute), "true or false is expected")
    return value


def array(document: Mapping[str, Any], attribute: str, where: str = "") -> list[Any]:
    value = document.get(attribute)
    if value is None:
        return []
    if not isinstance(value, list):
        raise invalid(path(where, attribute), "an array is expected")
    return value


def member(value: Any, where: str) -> Mapping[str, Any]:
    """An object where one is expected (an array entry or a nested attribute)."""
    if not isinstance(value, Mapping):
        raise invalid(where, "an object is expected")
    return value


def nested(document: Mapping[str, Any], attribute: str, where: str = "") -> Mapping[str, Any]:
    """The object under `attribute`, or an empty one when absent."""
    value = document.get(attribute)
    return {} if value is None else member(value, path(where, attribute))


def reference_id(document: Mapping[str, Any], attribute: str, where: str = "") -> str:
    """The `id` of the reference under `attribute`; "" when the reference is absent."""
    if document.get(attribute) is None:
        return ""
    reference = nested(document, attribute, where)
    entity_id = text(reference, "id", path(where, attribute))
    if not entity_id:
        raise invalid(path(where, attribute), "a reference needs an 'id'")
    return entity_id


def refuse_unknown(document: Mapping[str, Any], accepted: Iterable[str], where: str = "") -> None:
    """Attributes the server would not keep are refused, never silently dropped."""
    unknown = sorted(set(document) - set(accepted) - MARKERS)
    if unknown:
        names = ", ".join(path(where, name) for name in unknown)
        raise bad_request(
            "ATTRIBUTE_NOT_SUPPORTED", f"Attribute(s) not supported by this server: {names}."
        )
