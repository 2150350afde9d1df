"""Customer profiles, proto <-> domain. Dates of birth travel as ISO dates (YYYY-MM-DD);
a malformed date or an unknown party type is refused here, the rest is judged by
domain.qualification.validation."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from domain.qualification.errors import InvalidCustomerProfile
from domain.qualification.model import CustomerProfile
from domain.shared.errors import FieldViolation
from ordercapture.qualification.v1 import profile_pb2
from servers.catalog.mapping.values import stamp
from servers.qualification.mapping.enums import PARTY_TYPE_CODES, PARTY_TYPES


def profiles_from(messages: Sequence[profile_pb2.CustomerProfile]) -> list[CustomerProfile]:
    found: list[CustomerProfile] = []
    problems: list[FieldViolation] = []
    for index, message in enumerate(messages):
        where = f"profiles[{index}]"
        party_type = PARTY_TYPES.get(message.party_type or profile_pb2.PARTY_TYPE_INDIVIDUAL)
        if party_type is None:
            field = f"{where}.party_type"
            problems.append(FieldViolation(field, f"{message.party_type} is not a party type"))
            continue
        born = _date(message.date_of_birth, f"{where}.date_of_birth", problems)
        found.append(
            CustomerProfile(
                party_id=message.party_id,
                party_type=party_type,
                segment=message.segment,
                credit_class=message.credit_class,
                region=message.region,
                date_of_birth=born,
                owned_offering_ids=tuple(message.owned_offering_ids),
            )
        )
    if problems:
        raise InvalidCustomerProfile("the profiles were not stored", violations=tuple(problems))
    return found


def profile_to(profile: CustomerProfile) -> profile_pb2.CustomerProfile:
    born = profile.date_of_birth
    return profile_pb2.CustomerProfile(
        party_id=profile.party_id,
        party_type=PARTY_TYPE_CODES[profile.party_type],
        segment=profile.segment,
        credit_class=profile.credit_class,
        region=profile.region,
        date_of_birth=born.isoformat() if born else "",
        owned_offering_ids=profile.owned_offering_ids,
        update_time=stamp(profile.update_time),
    )


def _date(text: str, field: str, problems: list[FieldViolation]) -> date | None:
    if not text:
        return None
    try:
        if len(text) != len("YYYY-MM-DD"):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        problems.append(FieldViolation(field, f"{text[:40]!r} is not a date (YYYY-MM-DD)"))
        return None
