"""The raw query string parser: separators, operators, OR lists, encoding."""

from __future__ import annotations

import pytest

from rest_facade.errors import TmfError
from rest_facade.tmf630.query_string import QueryItem, parse_query_string


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("name=Fiber", [QueryItem("name", "name", "eq", ("Fiber",))]),
        ("name=a,b", [QueryItem("name", "name", "eq", ("a", "b"))]),
        ("name=a%2Cb", [QueryItem("name", "name", "eq", ("a,b",))]),
        ('name="Fiber 1G"', [QueryItem("name", "name", "eq", ("Fiber 1G",))]),
        ("name=Fiber+1G", [QueryItem("name", "name", "eq", ("Fiber 1G",))]),
        ("category.id=c1", [QueryItem("category.id", "category.id", "eq", ("c1",))]),
        (
            "lastUpdate.gte=2024-01-01T00:00:00Z",
            [QueryItem("lastUpdate.gte", "lastUpdate", "gte", ("2024-01-01T00:00:00Z",))],
        ),
        ("lastUpdate%3E%3D2024", [QueryItem("lastUpdate>=", "lastUpdate", "gte", ("2024",))]),
        ("lastUpdate%3C2024", [QueryItem("lastUpdate<", "lastUpdate", "lt", ("2024",))]),
        ("lastUpdate>=2024", [QueryItem("lastUpdate>", "lastUpdate", "gte", ("2024",))]),
        ("name==x", [QueryItem("name", "name", "eq", ("x",))]),
        # TMF630's literal regex form, raw and percent-encoded.
        ("name=~%5EFib", [QueryItem("name", "name", "regex", ("^Fib",))]),
        ("name%3D~%5EFib", [QueryItem("name=~", "name", "regex", ("^Fib",))]),
        ("name.ne=~x", [QueryItem("name.ne", "name", "ne", ("~x",))]),
        ("a=1;a=2", [QueryItem("a", "a", "eq", ("1",)), QueryItem("a", "a", "eq", ("2",))]),
        ("a=1&&b=2", [QueryItem("a", "a", "eq", ("1",)), QueryItem("b", "b", "eq", ("2",))]),
        ("", []),
    ],
)
def test_parses_terms(raw: str, expected: list[QueryItem]) -> None:
    assert parse_query_string(raw) == expected


@pytest.mark.parametrize(
    ("raw", "parameter"), [("isBundle", "isBundle"), ("name=a,,b", "name"), ("name=", "name")]
)
def test_refuses_terms_without_values_naming_the_parameter(raw: str, parameter: str) -> None:
    with pytest.raises(TmfError) as caught:
        parse_query_string(raw)
    assert caught.value.status == 400
    assert f"'{parameter}'" in caught.value.message
