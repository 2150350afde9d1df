"""How strictly submission relies on qualification; configurable per deployment."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class QualificationPolicy(enum.Enum):
    # A referenced check is verified; without a reference the check runs inline.
    INLINE = "inline"
    # Every item that needs the check must reference a stored one.
    REFERENCE_REQUIRED = "reference_required"
    # Not checked at submission (order management or a later stage decides).
    OFF = "off"


@dataclass(frozen=True, slots=True)
class ValidationPolicy:
    commercial: QualificationPolicy = QualificationPolicy.INLINE
    technical: QualificationPolicy = QualificationPolicy.INLINE
