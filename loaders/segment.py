"""Cut a plan's body into sections, task headings and sentences.

Offsets always index the original text. Levels of a heading, outermost first:

0. sections ``一、…`` (or, in a document without numbered sections, its short part titles);
1. numbered parts ``（一）…``, and ``一是…``/``1.`` items opening a paragraph of a section
   without parts; the annex title;
2. the lead sentence of a paragraph (``大力提振消费。``), a short heading on a line of its
   own, or ``一是``/``一要`` items inside a part;
3. only in the plan genre (计划报告), headings in mid-paragraph: a sibling heading when the
   whole section is one paragraph, a sub-heading in a headed paragraph
   (``推动铝基新材料产业产值超千亿。``) or a named sub-heading (``新能源产业。``).

No Task comes from a review part, the head matter or the furniture; a section with parts
has no lead headings before its first part (its preamble states the main targets).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field

from loaders.gazetteer import load, regex
from loaders.layout import ANNEX, LAYOUT, Layout, Paragraph
from loaders.scope import Scope
from loaders.wording import common_words

CN_NUMBERS = "一二三四五六七八九十"


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


def heading_like(text: str, limit: int, breakers: bool = True) -> bool:
    """A short verb or noun phrase: no clause break, number or list, no address."""
    if not 2 <= len(text) <= limit or regex("principle", LAYOUT).match(text):
        return False
    return not (breakers and (regex("heading_breakers", LAYOUT).search(text) or "是" in text or _has_subject(text)))


def _has_subject(text: str) -> bool:
    """``“三极”要持续挑大梁``: a modal 要 after a subject makes a statement, not a heading
    (要 inside a word — 重要, 要素 — does not)."""
    words = common_words()
    return any(
        c == "要" and text[i - 1 : i + 1] not in words and text[i : i + 2] not in words
        for i, c in enumerate(text)
        if i > 0
    )


class Segmenter:
    def __init__(self, layout: Layout, scope: Scope, plan_genre: bool, mentions_place: Callable[[str], bool]) -> None:
        self.layout, self.scope, self.plan_genre = layout, scope, plan_genre
        self.mentions_place = mentions_place
        body = layout.body
        start = layout.title_start if layout.title else (body[0].start if body else 0)
        self.doc = Document(layout.text, layout.title, layout.title_start, start)
        self.doc.review = scope.review
        self.paragraphs = body
        self.sections = _section_indexes(body)
        self.section_order = sorted(self.sections)
        self.parted = _sections_with_parts(body, self.sections)
        self.current = -1  # paragraph index of the current section
        self.stack: list[Heading] = []

    def run(self) -> Document:
        for index, para in enumerate(self.paragraphs):
            if index in self.sections:
                self.current = index
                self._section(para, self.sections[index])
            elif self.scope.in_review(para.start) or not self.stack:
                self._emit_all(para, index, review=self.scope.in_review(para.start))
            else:
                self._paragraph(index, para)
        return self.doc

    # -- structure ---------------------------------------------------------------------
    def _section(self, para: Paragraph, name: str) -> None:
        start = para.start + para.text.index(name)
        head = Heading("section", name, start, start + len(name), 0)
        self.doc.headings.append(head)
        self.stack = [head]

    def _push(self, head: Heading) -> Heading:
        while self.stack and self.stack[-1].level >= head.level:
            self.stack.pop()
        head.parent = self.stack[-1] if self.stack else None
        self.stack.append(head)
        self.doc.headings.append(head)
        return head

    # -- one paragraph -----------------------------------------------------------------
    def _paragraph(self, index: int, para: Paragraph) -> None:
        self.stack = [h for h in self.stack if h.level < 2 or h.own_line]
        sentences = split_sentences(para.text, para.start)
        if not sentences:
            return
        first = self._opening(index, para, sentences)
        if para.kind == ANNEX:
            return
        self._rest(index, sentences, first)

    def _opening(self, index: int, para: Paragraph, sentences: list[tuple[str, int, int]]) -> int:
        """Push the heading that opens the paragraph, if any; how many sentences it took."""
        text, s, e = sentences[0]
        if para.kind == ANNEX:
            name = regex("annex_heading", LAYOUT).sub(lambda m: m.group("title"), text) or text
            start = s + text.index(name)
            self._emit(
                name, start, start + len(name), index, self._push(Heading("task", name, start, start + len(name), 1))
            )
            return 1
        part = regex("part", LAYOUT).match(text)
        enum = regex("enumerated", LAYOUT).match(text)
        if part or enum:
            cut = (part or enum).end()  # type: ignore[union-attr]
            name, level = text[cut:].strip(), 1 if part or not self._in_part() else 2
            if not name:
                return 1
            start = s + text.index(name, cut)
            head = Heading("task", name, start, start + len(name), level, alias=text if enum else None)
            self._emit(name, start, start + len(name), index, self._push(head))
            return 1
        if self._lead(index, sentences):
            head = Heading("task", text, s, e, 2, own_line=len(sentences) == 1)
            self._emit(text, s, e, index, self._push(head))
            return 1
        return 0

    def _in_part(self) -> bool:
        """Inside a numbered part or the annex (not merely after an enumerated item)."""
        return any(h.level == 1 and h.alias is None for h in self.stack)

    def _lead(self, index: int, sentences: list[tuple[str, int, int]]) -> bool:
        text = sentences[0][0]
        if regex("list_intro", LAYOUT).search(text) or (self.current in self.parted and not self._in_part()):
            return False
        top = self.stack[-1] if self.stack else None
        under = top is not None and top.own_line and top.end < self.paragraphs[index].start
        if top is not None and under and self._heads(top, index - 1):
            return False  # the paragraph under a heading line opens with its first measure
        if len(sentences) == 1 and heading_like(text, load(LAYOUT)["heading_max_line"], breakers=False):
            if regex("heading_breakers", LAYOUT).search(text.replace("，", "")):
                return False
            return self._opens_block(index, strict="，" in text)
        return heading_like(text, load(LAYOUT)["heading_max_lead"])

    def _heads(self, head: Heading, index: int) -> bool:
        para = self.paragraphs[index] if index >= 0 else None
        return para is not None and para.start <= head.start < para.end

    def _opens_block(self, index: int, strict: bool) -> bool:
        """A one-sentence paragraph heads what follows when the next paragraph is body text;
        a long one (with a comma) only when that text opens with no heading of its own
        (else it is the intro of a part)."""
        nxt = self.paragraphs[index + 1] if index + 1 < len(self.paragraphs) else None
        if nxt is None or index + 1 in self.sections:
            return False
        if regex("part", LAYOUT).match(nxt.text) or regex("enumerated", LAYOUT).match(nxt.text):
            return False
        following = split_sentences(nxt.text, nxt.start)
        if not following or not strict:
            return bool(following)
        return not heading_like(following[0][0], load(LAYOUT)["heading_max_lead"])

    def _rest(self, index: int, sentences: list[tuple[str, int, int]], first: int) -> None:
        led = first > 0
        after_heading = led
        single = self._single_paragraph_section(index)
        for i, (text, s, e) in enumerate(sentences[first:], first):
            level = self._mid_level(text, i, single, led, after_heading) if self.plan_genre else None
            if level is not None:
                self._emit(text, s, e, index, self._push(Heading("task", text, s, e, level)))
                after_heading = True
            else:
                after_heading = False
                self._emit(text, s, e, index, None)

    def _mid_level(self, text: str, i: int, single: bool, led: bool, after_heading: bool) -> int | None:
        """The plan genre's mid-paragraph headings (see the module docstring)."""
        named = bool(regex("named_subheading", LAYOUT).match(text))
        if i == 0 or not heading_like(text, load(LAYOUT)["heading_max_sub"]) or self.mentions_place(text):
            return None
        if "、" in text or (after_heading and not named):
            return None
        if named and led:
            return 3
        return 2 if (single or not led) else 3

    def _single_paragraph_section(self, index: int) -> bool:
        order = self.section_order
        below, above = bisect_left(order, index), bisect_right(order, index)
        before = order[below - 1] if below else -1
        after = order[above] if above < len(order) else len(self.paragraphs)
        return after - before == 2

    # -- sentences ---------------------------------------------------------------------
    def _emit_all(self, para: Paragraph, index: int, review: bool) -> None:
        for text, s, e in split_sentences(para.text, para.start):
            self._emit(text, s, e, index, None, review)

    def _emit(self, text: str, s: int, e: int, paragraph: int, heading: Heading | None, review: bool = False) -> None:
        task = next((h for h in reversed(self.stack) if h.kind == "task"), None) if not review else None
        section = self.stack[0] if self.stack and self.stack[0].kind == "section" else None
        self.doc.sentences.append(Sentence(text, s, e, paragraph, section, task, heading=heading, review=review))


def _section_indexes(paragraphs: list[Paragraph]) -> dict[int, str]:
    """Paragraph index → section name: ``一、…`` headings in sequence, or, when a document
    numbers none, its short part titles (a line without sentence marks above a long one)."""
    pattern = regex("section", LAYOUT)
    out: dict[int, str] = {}
    for i, para in enumerate(paragraphs):
        m = pattern.match(para.text)
        numbered = m and "。" not in m.group(2)[:-1] and CN_NUMBERS.find(m.group(1)[-1]) >= 0
        if m and numbered and _number(m.group(1)) == len(out) + 1:
            out[i] = m.group(2).rstrip("。")
    if out:
        return out
    for i, para in enumerate(paragraphs[:-1]):
        text = para.text
        if (
            heading_like(text, 40, breakers=False)
            and not any(c in text for c in "。，,；;：:！!？?、")
            and not (regex("part", LAYOUT).match(text) or regex("enumerated", LAYOUT).match(text))
        ) and len(paragraphs[i + 1].text) > 2 * len(text):
            out[i] = text
    return out


def _sections_with_parts(paragraphs: list[Paragraph], sections: dict[int, str]) -> set[int]:
    """The sections (by paragraph index) that contain numbered parts ``（一）``."""
    out, current = set(), -1
    part = regex("part", LAYOUT)
    for i, para in enumerate(paragraphs):
        if i in sections:
            current = i
        elif current >= 0 and part.match(para.text):
            out.add(current)
    return out


def _number(numeral: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20."""
    if numeral == "十":
        return 10
    if numeral.startswith("十"):
        return 10 + CN_NUMBERS.index(numeral[1]) + 1
    if numeral.endswith("十"):
        return (CN_NUMBERS.index(numeral[0]) + 1) * 10
    if "十" in numeral:
        return (CN_NUMBERS.index(numeral[0]) + 1) * 10 + CN_NUMBERS.index(numeral[-1]) + 1
    return CN_NUMBERS.index(numeral) + 1
