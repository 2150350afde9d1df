"""The address register's matching: normalise what a channel typed, match it exactly against
registered addresses, and otherwise suggest the nearest ones."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

MAX_SUGGESTIONS = 5
# Below this similarity an address is not worth suggesting.
_MIN_SIMILARITY = 0.6

# Common abbreviations, written out so "Main St." and "main street" meet.
_ABBREVIATIONS = {
    "st": "street",
    "str": "strasse",
    "rd": "road",
    "ave": "avenue",
    "av": "avenue",
    "blvd": "boulevard",
    "ln": "lane",
    "dr": "drive",
    "sq": "square",
    "pl": "place",
    "ct": "court",
    "hwy": "highway",
}
_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True, slots=True, kw_only=True)
class Address:
    id: str = ""
    street: str
    number: str
    postcode: str
    city: str
    country: str = "GB"
    region: str = ""

    def key(self) -> tuple[str, str, str, str]:
        """What two spellings of the same address have in common."""
        return (
            normalise(self.street),
            normalise(self.number),
            postcode_key(self.postcode),
            normalise(self.country),
        )


def postcode_key(postcode: str) -> str:
    """The postcode as the register and postcode-level coverage index it: "AB1 2CD" ->
    "AB12CD"."""
    return normalise(postcode).replace(" ", "").upper()


def city_key(city: str) -> str:
    """The town as the register indexes it, for addresses typed without a postcode."""
    return normalise(city)


def normalise(text: str) -> str:
    """Lower case, accents and punctuation removed, spaces collapsed, abbreviations expanded."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = [w for w in _NOT_WORD.split(folded) if w]
    return " ".join(_ABBREVIATIONS.get(w, w) for w in words)


@dataclass(frozen=True, slots=True)
class AddressMatch:
    """The registered address when one matches; otherwise up to five near ones."""

    address: Address | None
    suggestions: tuple[Address, ...] = ()


def match_address(wanted: Address, register: Iterable[Address]) -> AddressMatch:
    """`register` is the candidates the caller narrowed down (same postcode area or city)."""
    key = wanted.key()
    scored: list[tuple[float, Address]] = []
    for candidate in register:
        if candidate.key() == key:
            return AddressMatch(candidate)
        scored.append((_similarity(wanted, candidate), candidate))
    near = sorted((s for s in scored if s[0] >= _MIN_SIMILARITY), key=lambda s: (-s[0], s[1].id))
    return AddressMatch(None, tuple(a for _, a in near[:MAX_SUGGESTIONS]))


def _similarity(a: Address, b: Address) -> float:
    return difflib.SequenceMatcher(None, " ".join(a.key()), " ".join(b.key())).ratio()
