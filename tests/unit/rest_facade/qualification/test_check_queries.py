"""Query strings of the check and query collections -> ListEligibilityChecks /
ListEligibilityQueries filters; what the tier cannot express is refused with 400, never filtered
in the facade."""

from __future__ import annotations

from typing import Any

import pytest

from ordercapture.qualification.v1 import check_pb2
from rest_facade.errors import TmfError
from rest_facade.qualification.queries import CHECK_QUERY, QUERY_QUERY
from rest_facade.tmf630 import QuerySpec, parse_list_query

CS = check_pb2.CheckState
SPECS = pytest.mark.parametrize("spec", [CHECK_QUERY, QUERY_QUERY], ids=["checks", "queries"])


@SPECS
def test_state_and_customer_filters_and_paging_are_pushed_down(spec: QuerySpec[Any, int]) -> None:
    query = parse_list_query(
        "state=done,acknowledged&relatedParty.id=p-1&offset=5&limit=7&fields=state", spec
    )
    assert list(query.filter.states) == [CS.CHECK_STATE_DONE, CS.CHECK_STATE_ACKNOWLEDGED]
    assert query.filter.party_id == "p-1"
    assert (query.offset, query.limit, query.fields) == (5, 7, {"state": None})


@SPECS
def test_the_v5_path_of_the_party_id_is_read_the_same_way(spec: QuerySpec[Any, int]) -> None:
    query = parse_list_query("relatedParty.partyOrPartyRole.id=p-2", spec)
    assert query.filter.party_id == "p-2"


@pytest.mark.parametrize(
    ("raw", "named"),
    [
        ("state=finished", "state"),
        ("relatedParty.id=a,b", "relatedParty.id"),
        ("relatedParty.id.gt=a", "relatedParty.id"),
        ("channel.id=web", "channel.id"),
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
