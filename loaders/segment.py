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

from loaders.gazetteer import load, regex
from loaders.layout import ANNEX, LAYOUT, Layout, Paragraph
from loaders.numbering import heading_like, section_indexes, sections_with_parts
from loaders.scope import Scope
from loaders.sentences import Document, Heading, Sentence, split_sentences


class Segmenter:
    def __init__(self, layout: Layout, scope: Scope, plan_genre: bool, mentions_place: Callable[[str], bool]) -> None:
        self.layout, self.scope, self.plan_genre = layout, scope, plan_genre
        self.mentions_place = mentions_place
        body = layout.body
        start = layout.title_start if layout.title else (body[0].start if body else 0)
        self.doc = Document(layout.text, layout.title, layout.title_start, start)
        self.doc.review = scope.review
        self.paragraphs = body
        self.sections = section_indexes(body)
        self.section_order = sorted(self.sections)
        self.parted = sections_with_parts(body, self.sections)
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
