"""Orders and cancellation requests as JSON documents, derived from the domain dataclasses
themselves: fields by name, enums by value, times as ISO text, tuples as lists. A field added
to the domain with a default is read from older documents without a migration."""

from __future__ import annotations

import dataclasses
import enum
import json
import types
import typing
from datetime import datetime
from functools import cache
from typing import Any, TypeVar

from domain.ordering.cancellation import Cancellation
from domain.ordering.model import ProductOrder

T = TypeVar("T")


def order_document(order: ProductOrder) -> str:
    return json.dumps(_plain(order), separators=(",", ":"), sort_keys=True)


def order_from(document: str) -> ProductOrder:
    return _typed(ProductOrder, json.loads(document))


def cancellation_document(cancellation: Cancellation) -> str:
    return json.dumps(_plain(cancellation), separators=(",", ":"), sort_keys=True)


def cancellation_from(document: str) -> Cancellation:
    return _typed(Cancellation, json.loads(document))


def _plain(value: object) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _typed(cls: type[T], data: dict[str, Any]) -> T:
    hints = _hints(cls)  # type: ignore[arg-type]
    known = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
    values = {name: _value(hints[name], raw) for name, raw in data.items() if name in known}
    return cls(**values)


def _value(hint: Any, raw: Any) -> Any:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        if raw is None:
            return None
        (inner,) = [a for a in typing.get_args(hint) if a is not type(None)]
        return _value(inner, raw)
    if origin is tuple:
        return tuple(_value(typing.get_args(hint)[0], r) for r in raw)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return _typed(hint, raw)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return hint(raw)
    if hint is datetime:
        return datetime.fromisoformat(raw)
    return raw


def event_payload(order: ProductOrder, cancellation: Cancellation | None) -> str:
    """What an outbox row carries besides its columns: the order (and the cancellation)."""
    payload = {"order": _plain(order), "cancellation": _plain(cancellation)}
    return json.dumps(payload, separators=(",", ":"), sort_keys=True)


def event_parts(payload: str) -> tuple[ProductOrder, Cancellation | None]:
    data = json.loads(payload)
    cancellation = data.get("cancellation")
    return (
        _typed(ProductOrder, data["order"]),
        None if cancellation is None else _typed(Cancellation, cancellation),
    )
