"""The layout of a plan document: its lines as paragraphs, each one plan text or furniture.

Furniture is everything that is not the plan: page chrome (``当前位置``, ``扫一扫在手机打开当前页``),
bylines and photo captions (``本报记者 … 摄``), the head matter above the speech
(``各位代表：``), glossaries and notes (``名词解释``, ``注释`` with their ``term：definition``
entries) and the closing call. An annex of work items stays plan text. The patterns are
data (``gazetteers/layout.json``); offsets always index the original text.
"""

from __future__ import annotations

from dataclasses import dataclass

from loaders.gazetteer import load, regex

LAYOUT = "layout"
TEXT, CHROME, HEAD, GLOSSARY, CLOSING, ANNEX = "text", "chrome", "head", "glossary", "closing", "annex"


@dataclass(frozen=True)
class Paragraph:
    start: int
    end: int
    text: str
    kind: str  # TEXT | CHROME | HEAD | GLOSSARY | CLOSING | ANNEX (the annex title)


@dataclass
class Layout:
    text: str
    paragraphs: list[Paragraph]
    title: str | None
    title_start: int
    head: list[str]  # the head matter above the body: title, dateline, speaker, source lines

    @property
    def body(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if p.kind in (TEXT, ANNEX)]


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            out.append((pos + line.index(stripped), stripped))
        pos += len(line) + 1
    return out


def is_title(line: str) -> bool:
    """A short line without sentence punctuation that ends in 计划, 报告, 规划 …"""
    return (
        4 <= len(line) <= load(LAYOUT)["title_max"]
        and not any(c in line for c in "。，,；;：:")
        and bool(regex("title_words", LAYOUT).search(line))
    )


def is_chrome(line: str) -> bool:
    if regex("chrome_line", LAYOUT).search(line):
        return True
    return len(line) <= 80 and bool(regex("byline", LAYOUT).search(line))


def _first_section(lines: list[tuple[int, str]]) -> int:
    section = regex("section", LAYOUT)
    return next((i for i, (_, ln) in enumerate(lines) if section.match(ln) and "。" not in ln[:-1]), len(lines))


def _body_start(lines: list[tuple[int, str]]) -> tuple[int, int | None]:
    """Index of the first body line and of the title line. The body starts after the
    address ``各位代表：`` when the speech has one, else at the last title line above the
    first section (a news summary or cover notice above it is skipped)."""
    first = _first_section(lines)
    titles = [i for i in range(min(first, len(lines))) if is_title(lines[i][1])]
    address = regex("address_line", LAYOUT)
    spoken = next((i for i in range(min(first, len(lines))) if address.match(lines[i][1])), None)
    if spoken is not None:
        return spoken + 1, (max(titles, key=lambda i: _informative(lines[i][1])) if titles else None)
    if titles:
        return titles[-1] + 1, titles[-1]
    return 0, None


def _informative(title: str) -> tuple[bool, int]:
    return (bool(regex("year", LAYOUT).search(title)), len(title))


def _kind(index: int, line: str, body: int, tail: str | None) -> str:
    if index < body:
        return HEAD
    if tail is not None:
        return tail
    if regex("glossary_heading", LAYOUT).match(line):
        return GLOSSARY
    if is_chrome(line):
        return CHROME
    if regex("closing", LAYOUT).match(line):
        return CLOSING
    return TEXT


def read_layout(text: str) -> Layout:
    lines = _lines(text)
    body, title_index = _body_start(lines)
    paragraphs: list[Paragraph] = []
    tail: str | None = None  # once a glossary starts, the rest of the document is glossary
    annex_next = False  # the line after a bare annex header is the annex title
    for i, (offset, line) in enumerate(lines):
        kind = _kind(i, line, body, tail)
        annex = regex("annex_heading", LAYOUT).match(line) if kind == TEXT else None
        if kind == GLOSSARY:
            tail = GLOSSARY
        elif annex is not None:
            kind = _annex(lines, i, bool(annex.group("title")))
            tail = GLOSSARY if kind == GLOSSARY else None
            annex_next = kind == CHROME
        elif kind == TEXT and annex_next:
            kind, annex_next = ANNEX, False
        paragraphs.append(Paragraph(offset, offset + len(line), line, kind))
    title = lines[title_index][1] if title_index is not None else None
    title_start = lines[title_index][0] if title_index is not None else 0
    head = [ln for i, (_, ln) in enumerate(lines) if i < body and not regex("address_line", LAYOUT).match(ln)]
    return Layout(text, paragraphs, title, title_start, head)


def _annex(lines: list[tuple[int, str]], index: int, titled: bool) -> str:
    """An annex header starts a glossary when what follows is a glossary title or
    ``term：definition`` entries; otherwise it opens the annex of work items, whose title
    (on the header line or the next) is plan text."""
    following = [ln for _, ln in lines[index + 1 : index + 4]]
    if following and regex("glossary_heading", LAYOUT).match(following[0]):
        return GLOSSARY
    entries = sum(1 for ln in following if regex("glossary_entry", LAYOUT).match(ln) and len(ln) < 120)
    if entries >= 2:
        return GLOSSARY
    return ANNEX if titled else CHROME
