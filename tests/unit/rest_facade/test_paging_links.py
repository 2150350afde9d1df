"""The `Link` header builder of list responses (RFC 8288, TMF630 paging)."""

from __future__ import annotations

import re

import pytest

from rest_facade.tmf630.paging_links import last_offset, page_query, paging_links

URL = "https://api.example:8443/tmf-api/productCatalogManagement/v5/category"


def relations(header: str) -> dict[str, str]:
    found = re.findall(r'<([^>]*)>; rel="([a-z]+)"', header)
    assert ", ".join(f'<{url}>; rel="{rel}"' for url, rel in found) == header
    return {rel: url.split("?", 1)[1] for url, rel in found}


def links(query: str, offset: int, limit: int, total: int, returned: int) -> dict[str, str]:
    header = paging_links(URL, query, offset=offset, limit=limit, total=total, returned=returned)
    assert all(url.startswith(URL + "?") for url in re.findall(r"<([^>]*)>", header))
    return relations(header)


def test_the_tmf630_example() -> None:
    # TMF630 Part 1 §4.5: 50 rows, page of 10 at offset 20.
    assert links("offset=20&limit=10", 20, 10, 50, 10) == {
        "self": "offset=20&limit=10",
        "first": "offset=0&limit=10",
        "prev": "offset=10&limit=10",
        "next": "offset=30&limit=10",
        "last": "offset=40&limit=10",
    }


def test_the_relations_come_in_a_fixed_order() -> None:
    header = paging_links(URL, "", offset=20, limit=10, total=50, returned=10)
    assert re.findall(r'rel="([a-z]+)"', header) == ["self", "first", "prev", "next", "last"]


def test_the_first_page_has_no_prev() -> None:
    assert set(links("", 0, 10, 50, 10)) == {"self", "first", "next", "last"}


def test_the_last_page_has_no_next() -> None:
    found = links("", 40, 10, 50, 10)
    assert set(found) == {"self", "first", "prev", "last"}
    assert found["self"] == found["last"] == "offset=40&limit=10"


def test_an_empty_set_has_first_and_last_at_0() -> None:
    assert links("name=x", 0, 20, 0, 0) == {
        "self": "name=x&offset=0&limit=20",
        "first": "name=x&offset=0&limit=20",
        "last": "name=x&offset=0&limit=20",
    }


def test_next_follows_the_rows_actually_returned() -> None:
    # A server capping the page below the limit must not make the client skip rows.
    assert links("", 0, 10, 50, 4)["next"] == "offset=4&limit=10"


def test_prev_of_a_page_past_the_end_is_the_last_page() -> None:
    found = links("", 90, 10, 50, 0)
    assert found["prev"] == found["last"] == "offset=40&limit=10"
    assert "next" not in found


def test_prev_never_goes_below_0() -> None:
    assert links("", 3, 10, 50, 10)["prev"] == "offset=0&limit=10"


@pytest.mark.parametrize(
    ("total", "limit", "last"),
    [(0, 10, 0), (1, 10, 0), (10, 10, 0), (11, 10, 10), (50, 10, 40), (51, 10, 50), (7, 1, 6)],
)
def test_last_is_the_offset_of_the_last_page(total: int, limit: int, last: int) -> None:
    assert last_offset(total, limit) == last


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", "offset=5&limit=2"),
        ("offset=1&limit=9", "offset=5&limit=2"),
        ("limit=9&offset=1", "limit=2&offset=5"),
        ("a=1", "a=1&offset=5&limit=2"),
        ("a=1&", "a=1&offset=5&limit=2"),
        ("limit=9;a=1", "limit=2;a=1&offset=5"),
        # Raw TMF630 operator forms and separators stay byte for byte.
        ("lastUpdate%3E%3D2024-01-01&offset=0", "lastUpdate%3E%3D2024-01-01&offset=5&limit=2"),
        ("a.gte=x;b>=y&c<=z", "a.gte=x;b>=y&c<=z&offset=5&limit=2"),
        ("a==v&name=x%2Cy,z", "a==v&name=x%2Cy,z&offset=5&limit=2"),
        ("state=a;state=b&fields=id,state", "state=a;state=b&fields=id,state&offset=5&limit=2"),
        ("q=a+b%20c", "q=a+b%20c&offset=5&limit=2"),
        # Names that only contain the paging names are not paging parameters.
        ("offsetx=1&xlimit=2", "offsetx=1&xlimit=2&offset=5&limit=2"),
        ("off%73et=1", "offset=5&limit=2"),
    ],
)
def test_only_offset_and_limit_are_replaced(query: str, expected: str) -> None:
    assert page_query(query, 5, 2) == expected


def test_characters_a_uri_may_not_hold_are_escaped_and_nothing_else() -> None:
    found = links('a<=1&b>2&n="x y"&c=%C3%A9&d=\xe9&e=[1]', 0, 10, 5, 5)
    assert found["self"] == "a%3C=1&b%3E2&n=%22x%20y%22&c=%C3%A9&d=%E9&e=[1]&offset=0&limit=10"
