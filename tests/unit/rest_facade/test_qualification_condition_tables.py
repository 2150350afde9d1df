"""The TMF679 and TMF645 condition tables name real proto fields: every TMF path resolves in
the listed message (as the tier resolves it), to a leaf, and each enumerated attribute's TMF
values translate into value names of that field's enum, all of them covered."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
from google.protobuf.descriptor import Descriptor

from ordercapture.feasibility.v1 import check_pb2 as feasibility_check_pb2
from ordercapture.feasibility.v1 import query_pb2 as feasibility_query_pb2
from ordercapture.qualification.v1 import check_pb2, query_pb2
from rest_facade.feasibility import queries as feasibility
from rest_facade.qualification import queries as qualification
from rest_facade.tmf630 import ConditionPath
from servers.persistence.attribute_conditions import Kind, resolve

TABLES: list[tuple[str, Mapping[str, ConditionPath], Descriptor]] = [
    ("TMF679 check", qualification.CHECK_CONDITIONS, check_pb2.EligibilityCheck.DESCRIPTOR),
    ("TMF679 query", qualification.QUERY_CONDITIONS, query_pb2.EligibilityQuery.DESCRIPTOR),
    (
        "TMF645 check",
        feasibility.CHECK_CONDITIONS,
        feasibility_check_pb2.FeasibilityCheck.DESCRIPTOR,
    ),
    (
        "TMF645 query",
        feasibility.QUERY_CONDITIONS,
        feasibility_query_pb2.AvailabilityQuery.DESCRIPTOR,
    ),
]
ENTRIES = [
    pytest.param(path, target, message, id=f"{name}: {path}")
    for name, table, message in TABLES
    for path, target in table.items()
]


@pytest.mark.parametrize(("path", "target", "message"), ENTRIES)
def test_every_entry_resolves_in_the_listed_message(
    path: str, target: ConditionPath, message: Descriptor
) -> None:
    attribute = resolve(target.path, message)
    if attribute.kind is Kind.ENUM:
        assert attribute.enum_type is not None
        assert target.values is not None, f"{path}: an enum needs its TMF values"
        names = set(attribute.enum_type.values_by_name)
        assert set(target.values.values()) <= names
        unspecified = {n for n in names if n.endswith("_UNSPECIFIED")}
        assert set(target.values.values()) == names - unspecified
    else:
        assert target.values is None, f"{path}: only enums translate values"


def test_the_older_filter_spellings_stay_conditions() -> None:
    for table in (qualification.CHECK_CONDITIONS, qualification.QUERY_CONDITIONS):
        assert {"state", "relatedParty.id", "relatedParty.partyOrPartyRole.id"} <= set(table)
    for table in (feasibility.CHECK_CONDITIONS, feasibility.QUERY_CONDITIONS):
        assert "state" in table
