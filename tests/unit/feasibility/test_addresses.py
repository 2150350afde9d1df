"""Address normalisation, exact matching and near suggestions."""

from __future__ import annotations

from domain.feasibility.addresses import MAX_SUGGESTIONS, Address, match_address, normalise

REGISTER = [
    Address(id="a1", street="Main Street", number="12", postcode="AB1 2CD", city="Northwick"),
    Address(id="a2", street="Main Street", number="14", postcode="AB1 2CD", city="Northwick"),
    Address(id="a3", street="Mill Road", number="3", postcode="AB1 3EF", city="Northwick"),
    Address(id="a4", street="Élan Avenue", number="7", postcode="AB2 1GH", city="Northwick"),
]


def test_normalise_folds_case_spacing_punctuation_accents_and_abbreviations() -> None:
    assert normalise("  MAIN   St. ") == "main street"
    assert normalise("Élan Ave") == "elan avenue"
    assert normalise("Mill Rd") == "mill road"


def test_differently_typed_address_matches_the_registered_one() -> None:
    typed = Address(street="main st.", number="12", postcode="ab12cd", city="NORTHWICK")
    found = match_address(typed, REGISTER)
    assert found.address is not None
    assert found.address.id == "a1"
    assert found.suggestions == ()


def test_unknown_address_gets_near_suggestions_best_first() -> None:
    typed = Address(street="Main Street", number="13", postcode="AB1 2CD", city="Northwick")
    found = match_address(typed, REGISTER)
    assert found.address is None
    assert [a.id for a in found.suggestions][:2] == ["a1", "a2"]
    assert "a4" not in [a.id for a in found.suggestions]


def test_at_most_five_suggestions() -> None:
    many = [
        Address(id=f"m{n}", street="Main Street", number=str(n), postcode="AB1 2CD", city="N")
        for n in range(20, 40)
    ]
    typed = Address(street="Main Street", number="2", postcode="AB1 2CD", city="N")
    assert len(match_address(typed, many).suggestions) == MAX_SUGGESTIONS


def test_nothing_alike_means_no_suggestions() -> None:
    typed = Address(street="Zzyzx Boulevard", number="999", postcode="ZZ9 9ZZ", city="Far")
    assert match_address(typed, REGISTER) == match_address(typed, [])
