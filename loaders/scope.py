"""Which part of a plan looks back and which looks ahead, read from tense, not headings.

Each paragraph leans to the past or the future by what it says about time: the years it
names against the plan year (``2025年`` in a 2026 report is past, ``较2020年`` is a base
year and counts for nothing), the five-year periods (``十四五`` is past once its last year
is), and the markers of a review (``过去一年``, ``五年来``, ``圆满完成``) or of a plan
(``今年``, ``力争``, ``主要目标``). A report that reviews the past does it first, so the
review part is the prefix of the body where the past outweighs the future most: the split
that maximises the summed lean before it, carried on over the paragraphs that lean
nowhere (the problems, the thanks) up to the next part. No prefix that leans to the past by at least
``MIN_LEAN`` means no review part (a plan such as the Tongliao one).
"""

from __future__ import annotations

from dataclasses import dataclass

from loaders.gazetteer import load, regex
from loaders.layout import LAYOUT, Paragraph

MIN_LEAN = 3
CLIP = 4
CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}
PERIOD_FIRST_YEAR = {n: 2006 + 5 * (n - 11) for n in range(6, 20)}  # 十一五 = 2006-2010


@dataclass(frozen=True)
class Scope:
    review: tuple[int, int] | None  # character span of the review part
    leans: tuple[int, ...]  # one per body paragraph, past minus future

    def in_review(self, offset: int) -> bool:
        return self.review is not None and self.review[0] <= offset < self.review[1]


def lean(text: str, year: int | None) -> int:
    """How far a paragraph leans to the past (positive) or the future (negative)."""
    data = load(LAYOUT)
    past = sum(text.count(m) for m in data["past_markers"])
    future = sum(text.count(m) for m in data["future_markers"])
    if year is not None:
        for y, start in _years(text):
            if regex("base_year_before", LAYOUT).search(text[max(0, start - 2) : start]):
                continue
            past, future = (past + 1, future) if y < year else (past, future + 1)
        for m in regex("period", LAYOUT).finditer(text):
            first = PERIOD_FIRST_YEAR.get(10 + "一二三四五六七八九".index(m.group(1)) + 1)
            if first is not None:
                past, future = (past + 1, future) if first + 4 < year else (past, future + 1)
    return max(-CLIP, min(CLIP, past - future))


def _years(text: str) -> list[tuple[int, int]]:
    out = [(int(m.group(1)), m.start()) for m in regex("year", LAYOUT).finditer(text)]
    for m in regex("cn_year", LAYOUT).finditer(text):
        out.append((int("".join(CN_DIGITS[c] for c in m.group(1))), m.start()))
    return out


def find_scope(paragraphs: list[Paragraph], year: int | None) -> Scope:
    leans = tuple(lean(p.text, year) for p in paragraphs)
    best, split, total = 0, 0, 0
    for i, value in enumerate(leans, 1):
        total += value
        if total > best:
            best, split = total, i
    if best < MIN_LEAN or split == 0:
        return Scope(None, leans)
    section = regex("section", LAYOUT)
    while split < len(paragraphs) and leans[split] >= 0 and not section.match(paragraphs[split].text):
        split += 1  # what follows the last look back, up to the next part, still belongs to it
    return Scope((paragraphs[0].start, paragraphs[split - 1].end + 1), leans)
