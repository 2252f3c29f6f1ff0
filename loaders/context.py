"""What every recogniser may consult about the document it reads.

One ``Context`` per extraction: the segmented document, the plan's identity, its places
(the home region decides which short forms count; a report with a review part follows
DECISIONS_GWR.md, where macro-regions are no places), the mentions found so far per
sentence, and the work budget.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from loaders.budget import Budget
from loaders.identity import Identity
from loaders.mention import Mention
from loaders.places import Places
from loaders.segment import Document, Sentence


@dataclass
class Context:
    document: Document
    identity: Identity
    places: Places
    budget: Budget
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
