"""The evidence behind a quote: its whole sentence, its paragraph, and the section and
task of the plan it stands under.

Provenance keeps the exact span that justifies a node or edge; a reader also wants the
sentence around it and where in the plan it is. The plan's text comes from the store
(``GraphStore.plan_text``); the section and task from the heading nodes of that plan,
whose provenance offsets say where each heading stands.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from graph.records import TEXT, Node
from graph.store import GraphStore
from queries.exceptions import BadQuery, QueryError
from queries.lookup import resolve
from queries.models import NodeRef

__all__ = ["Evidence", "NoPlanText", "Span", "evidence", "paragraph_around", "sentence_around"]

SENTENCE_END = re.compile(r"[。！？!?]+[”’」』）)]*")
"""What ends a sentence (as the segmenter cuts them), with closing quotes kept inside."""


class NoPlanText(QueryError, LookupError):
    """The store does not keep the text of this plan."""

    def __init__(self, plan: str) -> None:
        super().__init__(f"no text stored for plan '{plan}'")
        self.plan = plan


class Span(BaseModel):
    """A stretch of the plan's text with its character offsets."""

    model_config = ConfigDict(extra="forbid")

    text: str
    start: int
    end: int


class Evidence(BaseModel):
    """A quote in its sentence and paragraph, with the section and task it stands under."""

    model_config = ConfigDict(extra="forbid")

    plan: NodeRef
    start: int
    end: int
    quote: str
    sentence: Span
    paragraph: Span
    section: NodeRef | None
    task: NodeRef | None


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(text=text[start:end], start=start, end=end)


def paragraph_around(text: str, start: int, end: int) -> Span:
    """The lines (paragraphs) of ``text`` that hold ``start:end``.

    >>> paragraph_around("一、总则\\n第一句。第二句。\\n二、", 8, 10).text
    '第一句。第二句。'
    """
    first = text.rfind("\n", 0, start) + 1
    last = text.find("\n", max(start, end - 1))
    return _trimmed(text, first, len(text) if last < 0 else last)


def sentence_around(text: str, start: int, end: int) -> Span:
    """The whole sentence (or sentences) of ``text`` that holds ``start:end``, with its end
    mark, never crossing a paragraph.

    >>> t = "推动铝基新材料产业产值超千亿。力促扎铝二期35万吨电解铝等项目建成投产。"
    >>> sentence_around(t, 17, 28).text
    '力促扎铝二期35万吨电解铝等项目建成投产。'
    """
    paragraph = paragraph_around(text, start, end)
    first = paragraph.start
    for mark in SENTENCE_END.finditer(text, paragraph.start, start):
        first = mark.end()
    after = SENTENCE_END.search(text, max(start, end - 1), paragraph.end)
    return _trimmed(text, first, after.end() if after else paragraph.end)


@dataclass(frozen=True)
class _Heading:
    start: int
    node: Node


def _headings(store: GraphStore, plan_id: str) -> tuple[list[_Heading], list[_Heading]]:
    """Sections and tasks of one plan, each sorted by where its heading stands (cached
    with the store's other derived indexes, which every write clears)."""
    cache: dict[str, tuple[list[_Heading], list[_Heading]]] = store.derived.setdefault("headings", {})
    if plan_id not in cache:
        found: dict[str, list[_Heading]] = {"Section": [], "Task": []}
        for node in store.plan_nodes(plan_id, ["Section", "Task"]):
            for p in node.provenance:
                if p.plan == plan_id and p.source == TEXT and p.start is not None:
                    found[node.type].append(_Heading(p.start, node))
        by_start = {t: sorted(hs, key=lambda h: h.start) for t, hs in found.items()}
        cache[plan_id] = (by_start["Section"], by_start["Task"])
    return cache[plan_id]


def _last_before(headings: list[_Heading], offset: int, floor: int = 0) -> _Heading | None:
    i = bisect.bisect_right([h.start for h in headings], offset)
    return headings[i - 1] if i and headings[i - 1].start >= floor else None


def evidence(store: GraphStore, plan: str, start: int, end: int) -> Evidence:
    """The quote ``start:end`` of ``plan`` as a whole sentence in its paragraph, with the
    section and the innermost task whose heading precedes it.

    Raises ``NodeNotFound`` for an unknown plan, ``NoPlanText`` when the store does not
    keep its text and ``BadQuery`` for offsets outside it.
    """
    node = resolve(store, plan, ["Plan"])
    text = store.plan_text(node.id)
    if text is None:
        raise NoPlanText(node.id)
    if not 0 <= start < end <= len(text):
        raise BadQuery(f"start and end must satisfy 0 <= start < end <= {len(text)}, not {start} and {end}")
    sections, tasks = _headings(store, node.id)
    section = _last_before(sections, start)
    task = _last_before(tasks, start, section.start if section else 0)
    return Evidence(
        plan=NodeRef.of(node),
        start=start,
        end=end,
        quote=text[start:end],
        sentence=sentence_around(text, start, end),
        paragraph=paragraph_around(text, start, end),
        section=NodeRef.of(section.node) if section else None,
        task=NodeRef.of(task.node) if task else None,
    )
