"""The proof every condition table entry gets over the real facade and tier: a stored sample's
own value at the entry's path finds it (and X-Total-Count counts what is listed), `.ne` of that
value excludes it, and everything the value finds carries it."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any
from urllib.parse import quote

import httpx

ListCall = Callable[[str], httpx.Response]
NO_ALIASES: Mapping[str, str] = {}


def values_at(document: Any, path: Sequence[str]) -> list[Any]:
    """Every value found at the dotted path, arrays crossed on the way."""
    if isinstance(document, list):
        return [v for member in document for v in values_at(member, path)]
    if not path:
        return [document]
    if not isinstance(document, dict) or path[0] not in document:
        return []
    return values_at(document[path[0]], path[1:])


def text(value: Any) -> str:
    """A JSON value as a query writes it."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def listed(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    ids = [one["id"] for one in response.json()]
    assert response.headers["X-Total-Count"] == str(len(ids))
    return ids


def proved(
    list_call: ListCall,
    retrieve: Callable[[str], httpx.Response],
    samples: Sequence[dict[str, Any]],
    attribute: str,
    *,
    aliases: Mapping[str, str] = NO_ALIASES,
    absent: Collection[str] = (),
) -> None:
    """The proof for one entry. `aliases` maps other spellings to the attribute whose value
    they filter; `absent` lists the entries no sample can carry, which must still be accepted
    (a `.ne` of a value of their type keeps the sample)."""
    path = aliases.get(attribute, attribute).split(".")
    carrying = [(sample, found) for sample in samples if (found := values_at(sample, path))]
    if not carrying:
        assert attribute in absent, f"{attribute}: no value in the samples"
        other = "2000-01-01T00:00:00Z" if attribute.endswith("Date") else "nothing-like-it"
        own = f"id={samples[0]['id']}"
        assert listed(list_call(f"?{own}&{attribute}.ne={other}")) == [samples[0]["id"]]
        return
    assert attribute not in absent, f"{attribute}: listed as absent, yet a sample carries it"
    sample, found = carrying[0]
    value = quote(text(found[0]), safe="")
    own = f"id={sample['id']}"
    assert listed(list_call(f"?{own}&{attribute}={value}&limit=1000")) == [sample["id"]]
    assert listed(list_call(f"?{own}&{attribute}.ne={value}&limit=1000")) == []
    ids = listed(list_call(f"?{attribute}={value}&limit=1000"))
    assert sample["id"] in ids
    for other_id in ids[:5]:
        stored = retrieve(other_id).json()
        assert text(found[0]) in [text(v) for v in values_at(stored, path)]
