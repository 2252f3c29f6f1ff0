"""A work and time budget for one extraction, so a hostile document stops with a clear error.

Extraction is linear in the text's length; the budget allows ``SECONDS_PER_MB`` of work per
megabyte of text (at least ``MIN_SECONDS``) and stops with ``ExtractionBudgetExceeded``,
naming the file and the limit, when a document takes longer than that.
"""

from __future__ import annotations

import time

from loaders.exceptions import ExtractionBudgetExceeded

SECONDS_PER_MB = 30.0
MIN_SECONDS = 20.0
CHECK_EVERY = 64


class Budget:
    def __init__(self, source: str, characters: int, seconds: float | None = None) -> None:
        self.source = source
        self.seconds = seconds if seconds is not None else max(MIN_SECONDS, SECONDS_PER_MB * characters / 1e6)
        self.deadline = time.monotonic() + self.seconds
        self.steps = 0

    def step(self) -> None:
        """Count one unit of work (a sentence); every so often, check the clock."""
        self.steps += 1
        if self.steps % CHECK_EVERY == 0:
            self.check()

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise ExtractionBudgetExceeded(self.source, f"{self.seconds:.0f} s of extraction")
