"""The simulator's decisions: does an order fail, is a cancellation rejected. Seeded, they are
reproducible: the same seed and the same events give the same outcomes. Each kind of decision
draws from its own generator, so cancellations never change which orders fail."""

from __future__ import annotations

import argparse
import random

DEFAULT_FAILURE_RATIO = 0.1
DEFAULT_CANCELLATION_REJECT_RATIO = 0.5


class FulfilmentPolicy:
    def __init__(
        self,
        *,
        failure_ratio: float = DEFAULT_FAILURE_RATIO,
        cancellation_reject_ratio: float = DEFAULT_CANCELLATION_REJECT_RATIO,
        seed: int | None = None,
    ) -> None:
        self.failure_ratio = _checked("failure ratio", failure_ratio)
        self.cancellation_reject_ratio = _checked(
            "cancellation reject ratio", cancellation_reject_ratio
        )
        self.seed = seed
        self._failures = _generator(seed, "failures")
        self._rejections = _generator(seed, "cancellation rejections")

    def order_fails(self) -> bool:
        """Whether the next order taken over fails (else it completes)."""
        return self._failures.random() < self.failure_ratio

    def rejects_cancellation(self) -> bool:
        """Whether the next cancellation under assessment is rejected (else accepted)."""
        return self._rejections.random() < self.cancellation_reject_ratio


def _generator(seed: int | None, purpose: str) -> random.Random:
    # A str seed is hashed (SHA-512) into the state: stable across runs and platforms.
    return random.Random(f"{seed}/{purpose}") if seed is not None else random.Random()


def _checked(name: str, ratio: float) -> float:
    if not 0.0 <= ratio <= 1.0:
        raise ValueError(f"{name} must be between 0 and 1, got {ratio}")
    return ratio


def ratio(text: str) -> float:
    """argparse type: a number from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text!r}")
    return value
