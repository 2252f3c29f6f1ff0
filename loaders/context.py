"""What every recogniser may consult about the document it reads.

One ``Context`` per extraction: the segmented document, the plan's identity, its places
(the home region decides which short forms count; a report with a review part follows
DECISIONS_GWR.md for a 政府工作报告, where macro-regions are no places), the mentions found so far per
sentence, and the work budget.

The budget allows ``SECONDS_PER_MB`` of work per megabyte of text (at least
``MIN_SECONDS``). Extraction is linear in the text's length, so only a hostile document
runs out; it stops with ``ExtractionBudgetExceeded``, naming the file and the limit.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import cached_property

from loaders.exceptions import ExtractionBudgetExceeded
from loaders.identity import Identity
from loaders.local_lists import LocalLists
from loaders.mention import Mention
from loaders.places import Places
from loaders.sentences import Document, Sentence

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


@dataclass
class Context:
    document: Document
    identity: Identity
    places: Places
    budget: Budget
    lists: LocalLists = field(default_factory=LocalLists)  # the store's own names
    plan_genre: bool = False  # a 计划报告 or 五年规划 (DECISIONS.md), not a 政府工作报告 (DECISIONS_GWR.md)
    found: dict[int, list[Mention]] = field(default_factory=dict)  # sentence start → mentions

    @property
    def text(self) -> str:
        return self.document.text

    def mentions(self, sentence: Sentence, kind: str | None = None) -> list[Mention]:
        """What the recognisers so far found in ``sentence`` (of one type, if given)."""
        return [m for m in self.found.get(sentence.start, []) if kind is None or m.type == kind]

    def add(self, sentence: Sentence, mentions: list[Mention]) -> None:
        self.found.setdefault(sentence.start, []).extend(mentions)

    @cached_property
    def all_mentions(self) -> list[Mention]:
        return [m for ms in self.found.values() for m in ms]
