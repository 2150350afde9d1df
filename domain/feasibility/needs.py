"""What a service needs of the network: read from the catalog specification's characteristics
(accessTechnology, downloadSpeed, uploadSpeed), overridden by what the item asks for."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from domain.feasibility.checks import RequestedCharacteristic
from domain.feasibility.coverage import ServiceNeed
from domain.shared.errors import FieldViolation

ACCESS_TECHNOLOGY = "accessTechnology"
DOWNLOAD_SPEED = "downloadSpeed"
UPLOAD_SPEED = "uploadSpeed"
NETWORK_CHARACTERISTICS = frozenset({ACCESS_TECHNOLOGY, DOWNLOAD_SPEED, UPLOAD_SPEED})
MAX_SPEED_MBPS = 1_000_000


@dataclass(frozen=True, slots=True, kw_only=True)
class SpecifiedNeed:
    """What a catalog product specification says it needs; None where it says nothing."""

    specification_id: str
    technologies: tuple[str, ...] = ()
    down_mbps: int | None = None
    up_mbps: int | None = None

    @property
    def names_access(self) -> bool:
        return bool(self.technologies)


def need_for(
    specified: SpecifiedNeed | None, requested: tuple[RequestedCharacteristic, ...]
) -> ServiceNeed:
    """Requested values win; the specification fills in the rest. Call problems_in() first."""
    asked = {c.name: c.values for c in requested if c.values}
    base = specified or SpecifiedNeed(specification_id="")
    technologies = asked.get(ACCESS_TECHNOLOGY, base.technologies)
    down = speed_value(asked[DOWNLOAD_SPEED][0]) if DOWNLOAD_SPEED in asked else base.down_mbps
    up = speed_value(asked[UPLOAD_SPEED][0]) if UPLOAD_SPEED in asked else base.up_mbps
    return ServiceNeed(technologies=tuple(technologies), down_mbps=down or 0, up_mbps=up or 0)


def problems_in(requested: tuple[RequestedCharacteristic, ...], path: str) -> list[FieldViolation]:
    """Speeds must be whole Mbit/s; a technology must not be blank. Other names are
    commercial characteristics and none of feasibility's business."""
    found: list[FieldViolation] = []
    for index, characteristic in enumerate(requested):
        where = f"{path}[{index}]"
        if characteristic.name in (DOWNLOAD_SPEED, UPLOAD_SPEED):
            if len(characteristic.values) != 1 or speed_value(characteristic.values[0]) is None:
                found.append(FieldViolation(where, "one whole number of Mbit/s required"))
        elif characteristic.name == ACCESS_TECHNOLOGY and (
            not characteristic.values or any(not v.strip() for v in characteristic.values)
        ):
            found.append(FieldViolation(where, "technology names required"))
    return found


def speed_value(text: str) -> int | None:
    """Whole Mbit/s from text ("500", "500.0"); None when it is not one."""
    """Whole Mbit/s from text ("500", "500.0"); None when it is not one."""
    try:
        number = Decimal(text.strip())
    except InvalidOperation:
        return None
    if not number.is_finite() or number != number.to_integral_value():
        return None
    return int(number) if 0 <= number <= MAX_SPEED_MBPS else None
