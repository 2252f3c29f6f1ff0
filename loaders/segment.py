"""Find the plan body and cut it into sections, task headings and sentences.

Offsets always index the original text, so every record can point back into it.
Structure of a plan, outermost first (the ``level`` of a heading):

0. sections ``一、…``;
1. numbered parts ``（一）…`` (government work reports);
2. task headings: a short sentence opening a paragraph (``筑牢生态安全屏障。``), or a
   sibling heading in mid-paragraph when the whole section is one paragraph;
3. sub-headings in mid-paragraph: another heading sentence inside a headed paragraph
   (``推动铝基新材料产业产值超千亿。``), or a named sub-heading (``新能源产业。``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

SECTION = re.compile(r"^\s*([一二三四五六七八九十]{1,3})[、.．]\s*(\S.{0,60}?)\s*$")
NUMBERED = re.compile(r"^\s*[（(]([一二三四五六七八九十]{1,3})[）)]\s*")
SENTENCE_END = re.compile(r"[。！？!?]+")
TITLE_WORDS = re.compile(r"(计划|规划|报告|纲要|方案|要点)$")
REVIEW_WORDS = re.compile(r"回顾|成就|过去|总结|执行情况")
HEADING_BREAKERS = re.compile(r"[，,；;：:、\d%％等是]|各位|代表$")
NAMED_SUBHEADING = re.compile(r"^[\u4e00-\u9fff（）()]{2,12}(产业|经济|业)$")


@dataclass
class Heading:
    kind: str  # "section" | "task"
    name: str
    start: int
    end: int
    level: int
    parent: Heading | None = None
    review: bool = False


@dataclass
class Sentence:
    text: str
    start: int
    end: int
    paragraph: int
    section: Heading | None
    task: Heading | None
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

    @property
    def sections(self) -> list[Heading]:
        return [h for h in self.headings if h.kind == "section"]

    @property
    def tasks(self) -> list[Heading]:
        return [h for h in self.headings if h.kind == "task"]


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _is_title(line: str) -> bool:
    s = line.strip()
    return 4 <= len(s) <= 60 and not re.search(r"[。，,；;：:]", s) and bool(TITLE_WORDS.search(s))


def find_body(lines: list[tuple[int, str]]) -> tuple[int, str | None, int]:
    """Index of the body's first line, the plan title and its offset.

    The body starts at the last title-like line before the first section heading,
    so a news summary or cover notice above it is skipped.
    """
    first_section = next((i for i, (_, ln) in enumerate(lines) if SECTION.match(ln)), len(lines))
    for i in range(min(first_section, len(lines)) - 1, -1, -1):
        if _is_title(lines[i][1]):
            return i, lines[i][1].strip(), lines[i][0] + lines[i][1].index(lines[i][1].strip())
    return 0, None, 0


def split_sentences(line: str, offset: int) -> list[tuple[str, int, int]]:
    """Sentences of one line with absolute offsets; the end mark stays outside the text."""
    out, pos = [], 0
    for m in SENTENCE_END.finditer(line + "。"):
        chunk = line[pos : m.start()]
        stripped = chunk.strip()
        if stripped:
            s = offset + pos + chunk.index(stripped)
            out.append((stripped, s, s + len(stripped)))
        pos = m.end()
    return out


def heading_candidate(text: str, limit: int, mentions_place: Callable[[str], bool]) -> bool:
    """A short verb or noun phrase with no clause break, number, list or named place."""
    return 2 <= len(text) <= limit and not HEADING_BREAKERS.search(text) and not mentions_place(text)


class _Segmenter:
    def __init__(self, text: str, mentions_place: Callable[[str], bool]) -> None:
        self.text = text
        self.mentions_place = mentions_place
        self.stack: list[Heading] = []
        self.doc: Document

    def run(self) -> Document:
        lines = _lines(self.text)
        body, title, title_start = find_body(lines)
        self.doc = Document(self.text, title, title_start, lines[body][0] if lines else 0)
        items = [(off, ln) for off, ln in lines[body + 1 if title else body :] if ln.strip()]
        sections = [self._section_heading(off, ln) for off, ln in items]
        per_section: dict[int, int] = {}
        number = 0
        for head in sections:
            number += head is not None
            per_section[number] = per_section.get(number, 0) + (head is None)
        number = 0
        for index, ((off, ln), head) in enumerate(zip(items, sections, strict=False)):
            if head is not None:
                number += 1
                self.doc.headings.append(head)
                self.stack = [head]
            else:
                self._paragraph(index, (off, ln), single=per_section[number] == 1)
        return self.doc

    @staticmethod
    def _section_heading(offset: int, line: str) -> Heading | None:
        m = SECTION.match(line)
        if not m or "。" in m.group(2)[:-1]:
            return None
        name = m.group(2).rstrip("。")
        start = offset + line.index(name)
        return Heading("section", name, start, start + len(name), 0, review=bool(REVIEW_WORDS.search(name)))

    def _push(self, head: Heading) -> None:
        while self.stack and self.stack[-1].level >= head.level:
            self.stack.pop()
        head.parent = self.stack[-1] if self.stack else None
        self.stack.append(head)
        if not head.review:
            self.doc.headings.append(head)

    def _section(self) -> Heading | None:
        return self.stack[0] if self.stack and self.stack[0].kind == "section" else None

    def _paragraph(self, index: int, para: tuple[int, str], single: bool) -> None:
        offset, line = para
        self.stack = [h for h in self.stack if h.level < 2]
        section = self._section()
        review = bool(section and section.review)
        numbered = NUMBERED.match(line)
        sentences = split_sentences(line, offset)
        if numbered:
            sentences = split_sentences(line[numbered.end() :], offset + numbered.end())
            if sentences:
                text, s, e = sentences.pop(0)
                self._push(Heading("task", text, s, e, 1, review=review))
                self._emit(text, s, e, index, self.stack[-1], review)
        led = False  # does this paragraph open with a heading?
        after_heading = False
        for i, (text, s, e) in enumerate(sentences):
            level = self._heading_level(text, i, single, led, after_heading, review)
            if level is not None:
                self._push(Heading("task", text, s, e, level, review=review))
                led = led or i == 0
                after_heading = True
                self._emit(text, s, e, index, self.stack[-1], review)
            else:
                after_heading = False
                self._emit(text, s, e, index, None, review)

    def _heading_level(
        self, text: str, i: int, single: bool, led: bool, after_heading: bool, review: bool
    ) -> int | None:
        if self._section() is None:
            return None  # the preamble before the first section has no tasks
        named = bool(NAMED_SUBHEADING.match(text))
        if not heading_candidate(text, 32 if i == 0 else 24, self.mentions_place):
            return None
        if i == 0:
            return 2
        if after_heading and not named:
            return None  # a verb phrase right after a heading is its first measure
        if named and led:
            return 3
        return 2 if (single or not led) else 3

    def _emit(self, text: str, s: int, e: int, paragraph: int, heading: Heading | None, review: bool) -> None:
        task = next((h for h in reversed(self.stack) if h.kind == "task" and not h.review), None)
        self.doc.sentences.append(
            Sentence(text, s, e, paragraph, self._section(), task, heading=heading, review=review)
        )


def plan_title(text: str) -> str | None:
    """The plan's title line, if the document has one."""
    return find_body(_lines(text))[1]


def segment(text: str, mentions_place: Callable[[str], bool] = lambda _: False) -> Document:
    """Cut ``text`` into its body's sections, task headings and sentences."""
    return _Segmenter(text, mentions_place).run()
