"""The units a plan's body is cut into: headings, sentences, and the document holding them.

A sentence ends at 。！？; a run longer than ``sentence_max`` characters (a line without
punctuation) is cut at its last clause mark before the limit, or hard, so that no work
done per sentence can grow with the document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from loaders.gazetteer import load, regex
from loaders.layout import LAYOUT


@dataclass
class Heading:
    kind: str  # "section" | "task"
    name: str
    start: int
    end: int
    level: int
    parent: Heading | None = None
    alias: str | None = None  # the enumerated form (一是…)
    own_line: bool = False  # a heading on a line of its own heads the paragraphs below it


@dataclass
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int
    section: Heading | None
    task: Heading | None  # the innermost task whose block holds it
    heading: Heading | None = None  # set when the sentence is itself a heading
    review: bool = False


@dataclass
class Document:
    text: str
    title: str | None
    title_start: int
    body_start: int
    headings: list[Heading] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    review: tuple[int, int] | None = None

    @property
    def sections(self) -> list[Heading]:
        return [h for h in self.headings if h.kind == "section"]

    @property
    def tasks(self) -> list[Heading]:
        return [h for h in self.headings if h.kind == "task"]


def split_sentences(text: str, offset: int) -> list[tuple[str, int, int]]:
    """Sentences of one paragraph with absolute offsets; the end mark stays outside."""
    out, pos = [], 0
    for m in regex("sentence_end", LAYOUT).finditer(text + "。"):
        for start, chunk in _bounded(text, pos, m.start()):
            stripped = chunk.strip()
            if stripped:
                s = offset + start + chunk.index(stripped)
                out.append((stripped, s, s + len(stripped)))
        pos = m.end()
    return out


def _bounded(text: str, start: int, end: int) -> list[tuple[int, str]]:
    """``text[start:end]`` in runs of at most ``sentence_max`` characters, each cut after
    its last clause mark when it has one."""
    limit, cut = load(LAYOUT)["sentence_max"], regex("sentence_cut", LAYOUT)
    out = []
    while end - start > limit:
        marks = [m.end() for m in cut.finditer(text, start + limit // 2, start + limit)]
        stop = marks[-1] if marks else start + limit
        out.append((start, text[start:stop]))
        start = stop
    out.append((start, text[start:end]))
    return out
