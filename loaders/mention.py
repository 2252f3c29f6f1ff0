"""The one record every recogniser produces, and the interface every recogniser has.

A ``Mention`` is one entity named at one place in the text: its type, absolute
``start``/``end`` offsets, the name to give it, aliases as written, attributes (a target's
value and unit, a project's capacity, a place's unit), and the recogniser that found it.
A recogniser reads one sentence at a time, sees what the recognisers before it found in
that sentence (``Sentence.found``) and the spans it must leave alone (``blocked``), and
returns its mentions; the registry (``loaders.recognisers``) orders them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from loaders.context import Context
    from loaders.sentences import Sentence

Span = tuple[int, int]


@dataclass(frozen=True)
class Mention:
    type: str  # Target | Project | Enterprise | Banner | Industry
    start: int
    end: int
    name: str
    recogniser: str
    aliases: tuple[str, ...] = ()
    attributes: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def span(self) -> Span:
        return (self.start, self.end)

    def inside(self, other: Mention | Span) -> bool:
        start, end = other.span if isinstance(other, Mention) else other
        return start <= self.start and self.end <= end

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


class Recogniser(Protocol):
    """One entity type's recogniser."""

    name: str
    type: str

    def find(self, sentence: Sentence, context: Context, blocked: list[Span]) -> list[Mention]: ...


def free(mention: Mention, blocked: list[Span]) -> bool:
    return not any(mention.overlaps(s, e) for s, e in blocked)


def longest(found: Iterable[Mention]) -> list[Mention]:
    """Keep a mention unless a longer one (or an earlier one of the same length) covers it."""
    kept: list[Mention] = []
    for m in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        if not any(k.overlaps(m.start, m.end) and k.name != m.name for k in kept) and m not in kept:
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)
