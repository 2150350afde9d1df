"""Writes the feasibility demo data (servers/feasibility/demo_*.jsonl) deterministically: an
address register of four fictional towns, coverage of FTTH, VDSL and 5G-FWA (address-level and
postcode-level, live and planned) and access nodes, some full. Each line is the protobuf JSON
form of one Address, CoverageEntry or AccessNode.

Run: python tools/generate_feasibility_demo.py"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

OUT = Path(__file__).resolve().parent.parent / "servers" / "feasibility"

# town code, town, region, [(street, postcode, house numbers)]
TOWNS: list[tuple[str, str, str, list[tuple[str, str, range]]]] = [
    (
        "nw",
        "Northwick",
        "north",
        [
            ("High Street", "NW1 1AA", range(1, 17)),
            ("Mill Road", "NW1 1AB", range(1, 15)),
            ("Church Lane", "NW1 2AA", range(2, 30, 2)),
            ("Station Road", "NW1 2AB", range(1, 19)),
        ],
    ),
    (
        "es",
        "Easton",
        "east",
        [
            ("Market Street", "ES2 1AA", range(1, 17)),
            ("Bridge Street", "ES2 1AB", range(1, 15)),
            ("Park Avenue", "ES2 2AA", range(1, 15)),
            ("Orchard Close", "ES2 3AA", range(1, 15)),
        ],
    ),
    (
        "so",
        "Southby",
        "south",
        [
            ("Harbour Road", "SO3 1AA", range(1, 15)),
            ("Quay Street", "SO3 1AB", range(1, 15)),
            ("Cliff Terrace", "SO3 2AA", range(1, 17)),
        ],
    ),
    (
        "wm",
        "Westmere",
        "west",
        [
            ("Green Lane", "WM4 1AA", range(1, 15)),
            ("Chapel Row", "WM4 1AB", range(1, 15)),
            ("Moor Lane", "WM4 9ZZ", range(1, 13)),
        ],
    ),
]

NODES = [
    ("olt-nw-1", 512, 120),
    ("olt-nw-2", 256, 3),
    ("cab-nw-1", 96, 10),
    ("cell-nw-1", 200, 40),
    ("cab-es-1", 96, 20),
    ("cab-es-2", 48, 0),  # full
    ("olt-es-1", 512, 512),  # being built: every port free once it is lit
    ("olt-es-2", 256, 256),
    ("cell-so-1", 150, 15),
    ("cab-so-1", 48, 0),  # full
    ("olt-so-1", 128, 0),  # full
    ("cell-wm-1", 100, 0),  # full
]


def addresses() -> list[dict[str, Any]]:
    found = []
    for code, town, region, streets in TOWNS:
        serial = 0
        for street, postcode, numbers in streets:
            for number in numbers:
                serial += 1
                found.append(
                    {
                        "id": f"addr-{code}-{serial:03d}",
                        "street": street,
                        "number": str(number),
                        "postcode": postcode,
                        "city": town,
                        "country": "GB",
                        "region": region,
                    }
                )
    return found


def entry(
    scope: dict[str, str], technology: str, down: int, up: int, node: str, day: str = ""
) -> dict[str, Any]:
    found: dict[str, Any] = {
        **scope,
        "technology": technology,
        "maxDownloadMbps": down,
        "maxUploadMbps": up,
        "accessNodeId": node,
    }
    if day:
        found["availableFrom"] = day
    return found


def coverage(register: list[dict[str, Any]]) -> list[dict[str, Any]]:
    found = []
    # Postcode areas: what every address without its own entries gets.
    area = {
        "NW1 1AA": [("VDSL", 100, 40, "cab-nw-1", "")],
        "NW1 1AB": [("VDSL", 100, 40, "cab-nw-1", "")],
        "NW1 2AA": [("VDSL", 100, 40, "cab-nw-1", "")],
        "NW1 2AB": [("VDSL", 100, 40, "cab-nw-1", ""), ("5G-FWA", 300, 50, "cell-nw-1", "")],
        "ES2 1AA": [
            ("VDSL", 50, 10, "cab-es-1", ""),
            ("FTTH", 1000, 500, "olt-es-1", "2027-06-01"),
        ],
        "ES2 1AB": [
            ("VDSL", 50, 10, "cab-es-1", ""),
            ("FTTH", 1000, 500, "olt-es-1", "2027-06-01"),
        ],
        "ES2 2AA": [("VDSL", 100, 40, "cab-es-2", "")],
        "ES2 3AA": [("FTTH", 500, 200, "olt-es-2", "2027-09-01")],
        "SO3 1AA": [("5G-FWA", 300, 50, "cell-so-1", ""), ("VDSL", 50, 10, "cab-so-1", "")],
        "SO3 1AB": [("5G-FWA", 300, 50, "cell-so-1", ""), ("VDSL", 50, 10, "cab-so-1", "")],
        "SO3 2AA": [("5G-FWA", 150, 30, "cell-so-1", "")],
        "WM4 1AA": [("5G-FWA", 150, 20, "cell-wm-1", "")],
        "WM4 1AB": [("5G-FWA", 150, 20, "cell-wm-1", "")],
        # WM4 9ZZ (Moor Lane): no coverage at all.
    }
    for postcode, offers in area.items():
        found.extend(entry({"postcode": postcode}, *offer) for offer in offers)
    # Addresses with their own entries (these replace their postcode's).
    for address in register:
        scope = {"addressId": address["id"]}
        street, number = address["street"], int(address["number"])
        if street in ("High Street", "Mill Road"):
            found.append(entry(scope, "FTTH", 1000, 500, "olt-nw-1"))
            found.append(entry(scope, "VDSL", 100, 40, "cab-nw-1"))
        elif street == "Church Lane":
            found.append(entry(scope, "FTTH", 500, 200, "olt-nw-2"))
        elif street == "Market Street" and number <= 4:
            found.append(entry(scope, "FTTH", 300, 100, "olt-es-2"))
            found.append(entry(scope, "VDSL", 50, 10, "cab-es-1"))
        elif street == "Harbour Road":
            found.append(entry(scope, "FTTH", 1000, 500, "olt-so-1"))
            found.append(entry(scope, "5G-FWA", 300, 50, "cell-so-1"))
    return found


def nodes() -> list[dict[str, Any]]:
    return [{"id": i, "totalPorts": total, "freePorts": free} for i, total, free in NODES]


def write(name: str, lines: list[dict[str, Any]]) -> None:
    text = "".join(json.dumps(line, separators=(", ", ": ")) + "\n" for line in lines)
    (OUT / name).write_text(text, encoding="utf-8")


def main() -> None:
    register = addresses()
    write("demo_addresses.jsonl", register)
    write("demo_coverage.jsonl", coverage(register))
    write("demo_access_nodes.jsonl", nodes())


if __name__ == "__main__":
    main()
