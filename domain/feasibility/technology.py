"""Access technology families. The catalog and the network name technologies differently
("VDSL2 vectoring" in a specification, "VDSL" in coverage data): they are compared by family."""

from __future__ import annotations

import re

# (pattern on the normalised name, family); the first match wins.
_FAMILIES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"fixed wireless|\bfwa\b"), "5G-FWA"),
    (re.compile(r"^(ftt[hpb]|fib(re|er)|[gx]?(gs)?-?pon)\b"), "FTTH"),
    (re.compile(r"^vdsl"), "VDSL"),
    (re.compile(r"^adsl"), "ADSL"),
    (re.compile(r"^(docsis|cable)\b"), "CABLE"),
)
_SEPARATORS = re.compile(r"[\s_]+")


def technology_family(name: str) -> str:
    """ "FTTH (XGS-PON)" -> "FTTH", "5G NR fixed wireless" -> "5G-FWA"; an unknown name is
    its own family (upper case, spaces collapsed)."""
    folded = _SEPARATORS.sub(" ", name.strip().lower())
    for pattern, family in _FAMILIES:
        if pattern.search(folded):
            return family
    return folded.upper()


def same_family(a: str, b: str) -> bool:
    return technology_family(a) == technology_family(b)
