"""The large data set of the eligibility benchmark (tests/bench/eligibility.py): a catalog of
10,000 offerings, 2,000 eligibility rules of every kind spread over them, 1,000 customer
profiles, and the ten offerings the check asks for. Deterministic: every run builds the same."""

from __future__ import annotations

import json

from ordercapture.qualification.v1 import profile_pb2, rule_pb2

ITEMS = 10
LARGE_OFFERINGS = 10_000
LARGE_RULES = 2_000
LARGE_PROFILES = 1_000
LARGE_CATEGORIES = 20
LARGE_SPECIFICATIONS = 50
CHANNEL = "web"
REGIONS = ("north", "south", "east", "west", "central")
SEGMENTS = ("residential", "youth", "smb", "enterprise")
CUSTOMER = "party-00000"  # residential, credit class A, region north


def catalog_text() -> str:
    """NDJSON of CatalogRecords: categories, specifications, prices and 10,000 offerings."""
    lines: list[dict[str, object]] = []
    lines += [
        {"category": {"id": f"cat-{c:02d}", "name": f"Category {c}", "lifecycleStatus": "Active"}}
        for c in range(LARGE_CATEGORIES)
    ]
    lines += [
        {
            "specification": {
                "id": f"spec-{s:02d}",
                "name": f"Access {s}",
                "lifecycleStatus": "Active",
                "characteristics": [
                    {
                        "name": "downloadSpeed",
                        "valueType": "VALUE_TYPE_INTEGER",
                        "minCardinality": 1,
                        "maxCardinality": 1,
                        "allowedValues": [{"value": {"number": str(100 + s)}, "isDefault": True}],
                    },
                    {
                        "name": "contractTerm",
                        "valueType": "VALUE_TYPE_INTEGER",
                        "configurable": True,
                        "minCardinality": 1,
                        "maxCardinality": 1,
                        "allowedValues": [
                            {"value": {"number": "12"}},
                            {"value": {"number": "24"}, "isDefault": True},
                        ],
                    },
                ],
            }
        }
        for s in range(LARGE_SPECIFICATIONS)
    ]
    lines.append(
        {
            "price": {
                "id": "price-monthly",
                "name": "Monthly fee",
                "lifecycleStatus": "Active",
                "kind": "PRICE_KIND_RECURRING",
                "amount": {"currencyCode": "EUR", "amount": "19.99"},
                "recurringPeriod": "month",
            }
        }
    )
    lines += [
        {
            "offering": {
                "id": _offering(o),
                "name": f"Offering {o}",
                "version": "1.0",
                "lifecycleStatus": "Active",
                "isSellable": True,
                "specificationId": f"spec-{o % LARGE_SPECIFICATIONS:02d}",
                "categoryIds": [f"cat-{o % LARGE_CATEGORIES:02d}"],
                "priceIds": ["price-monthly"],
            }
        }
        for o in range(LARGE_OFFERINGS)
    ]
    return "".join(json.dumps(line) + "\n" for line in lines)


def _offering(number: int) -> str:
    return f"off-{number:05d}"


def targets() -> list[str]:
    """The offerings the large check asks for: spread over the catalog."""
    step = LARGE_OFFERINGS // ITEMS
    return [_offering(step * i + 7) for i in range(ITEMS)]


def rules() -> list[rule_pb2.EligibilityRule]:
    """2,000 rules of every kind. The targets get two rules each; the customer fails one of
    them on a few targets (alternate or unqualified, as on the demo data). The rest are
    spread evenly over the other offerings, naming offerings anywhere in the catalog as
    prerequisite, exclusion or alternative (rules of offerings not asked for must cost
    nothing)."""
    wanted = targets()
    rules: list[rule_pb2.EligibilityRule] = []
    for number, offering in enumerate(wanted):
        rules.append(_rule(len(rules), offering, "credit_class"))
        segment = _rule(len(rules), offering, "segment")
        if number % 3 == 0:  # refused to the customer, with an alternative: like the demo
            del segment.segment.segments[:]
            segment.segment.segments.append("enterprise")
            segment.alternative_offering_ids.append(_offering(number + 1))
        rules.append(segment)
    others = [_offering(o) for o in range(LARGE_OFFERINGS) if _offering(o) not in wanted]
    stride = len(others) / (LARGE_RULES - len(rules))
    kinds = (
        *("segment", "channel", "geography", "prerequisite", "exclusion"),
        *("maximum_quantity", "credit_class", "age_band", "validity"),
    )
    position = 0.0
    while len(rules) < LARGE_RULES:
        offering = others[int(position) % len(others)]
        rules.append(_rule(len(rules), offering, kinds[len(rules) % len(kinds)]))
        position += stride
    return rules


def _rule(number: int, offering: str, kind: str) -> rule_pb2.EligibilityRule:
    rule = rule_pb2.EligibilityRule(id=f"rule-{number:05d}", offering_id=offering)
    related = _offering((number * 37) % LARGE_OFFERINGS)
    if kind == "segment":
        rule.segment.segments.extend(SEGMENTS[:3])
    elif kind == "channel":
        rule.channel.channels.extend([CHANNEL, "shop"])
    elif kind == "geography":
        rule.geography.regions.extend(REGIONS[:3])
    elif kind == "prerequisite":
        rule.prerequisite.any_of_offering_ids.append(related)
    elif kind == "exclusion":
        rule.exclusion.offering_ids.append(related)
    elif kind == "maximum_quantity":
        rule.maximum_quantity.maximum = 2
    elif kind == "credit_class":
        rule.credit_class.minimum = "C"
        rule.alternative_offering_ids.append(related)
    elif kind == "age_band":
        rule.age_band.minimum_age = 18
    else:
        rule.validity.window.start_time.FromJsonString("2026-01-01T00:00:00Z")
    return rule


def profiles() -> list[profile_pb2.CustomerProfile]:
    return [
        profile_pb2.CustomerProfile(
            party_id=f"party-{p:05d}",
            party_type=profile_pb2.PARTY_TYPE_INDIVIDUAL,
            segment=SEGMENTS[p % 3],
            credit_class="ABC"[p % 3],
            region=REGIONS[p % 3],
            date_of_birth=f"19{60 + p % 40}-0{1 + p % 9}-15",
            owned_offering_ids=[_offering((p * 13) % LARGE_OFFERINGS)],
        )
        for p in range(LARGE_PROFILES)
    ]
