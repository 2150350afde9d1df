"""Query strings of the check and query collections -> ListEligibilityChecks /
ListEligibilityQueries: attributes become conditions on the proto fields they map to (TMF
values translated), evaluated by the tier; what cannot be expressed is refused with 400, never
filtered in the facade."""

from __future__ import annotations

from typing import Any

import pytest

from ordercapture.type.v1 import condition_pb2
from rest_facade.errors import TmfError
from rest_facade.qualification.queries import (
    CHECK_QUERY,
    QUERY_QUERY,
    CheckQuery,
    QueryQuery,
)
from rest_facade.tmf630 import QuerySpec, parse_list_query
from rest_facade.tmf630.listing import paged_request

C = condition_pb2
SPECS = pytest.mark.parametrize("spec", [CHECK_QUERY, QUERY_QUERY], ids=["checks", "queries"])


def conditions(query: Any) -> list[tuple[str, int, list[str]]]:
    return [(c.path, c.comparison, list(c.values)) for c in query.conditions]


@SPECS
def test_state_and_customer_are_conditions_and_paging_is_pushed_down(
    spec: QuerySpec[Any, int],
) -> None:
    query = parse_list_query(
        "state=done,acknowledged&relatedParty.id=p-1&offset=5&limit=7&fields=state", spec
    )
    assert conditions(query) == [
        ("state", C.COMPARISON_EQUAL, ["CHECK_STATE_DONE", "CHECK_STATE_ACKNOWLEDGED"]),
        ("party_id", C.COMPARISON_EQUAL, ["p-1"]),
    ]
    assert query.condition_parameters == ("state", "relatedParty.id")
    assert (query.offset, query.limit, query.fields) == (5, 7, {"state": None})
    request = paged_request(query, CheckQuery if spec is CHECK_QUERY else QueryQuery)
    assert (request.page_size, request.skip, len(request.conditions)) == (7, 5, 2)
    assert not request.states
    assert not request.party_id


@SPECS
def test_the_v5_path_of_the_party_id_is_read_the_same_way(spec: QuerySpec[Any, int]) -> None:
    query = parse_list_query("relatedParty.partyOrPartyRole.id=p-2,p-3", spec)
    assert conditions(query) == [("party_id", C.COMPARISON_EQUAL, ["p-2", "p-3"])]


def test_operators_and_nested_paths_become_conditions() -> None:
    query = parse_list_query(
        "creationDate.gte=2026-01-01T00:00:00Z&description.regex=M.ller"
        "&checkProductOfferingQualificationItem.qualificationItemResult.ne=unqualified",
        CHECK_QUERY,
    )
    assert conditions(query) == [
        ("create_time", C.COMPARISON_GREATER_OR_EQUAL, ["2026-01-01T00:00:00Z"]),
        ("description", C.COMPARISON_MATCHES, ["M.ller"]),
        ("results.outcome", C.COMPARISON_NOT_EQUAL, ["OUTCOME_UNQUALIFIED"]),
    ]


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        ("state=finished", "state"),
        ("relatedParty.role=customer", "relatedParty.role"),
        ("channel.name=web", "channel.name"),
        ("href=x", "href"),
        ("sort=-creationDate", "sort"),
        ("fields=colour", "fields"),
    ],
)
@SPECS
def test_what_the_tier_cannot_filter_is_refused(
    raw: str, named: str, spec: QuerySpec[Any, int]
) -> None:
    with pytest.raises(TmfError) as caught:
        parse_list_query(raw, spec)
    assert caught.value.status == 400
    assert named in caught.value.message
