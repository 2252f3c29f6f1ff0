"""How plans number and title their parts: ``一、`` sections in sequence (or short part
titles when a document numbers none), ``（一）`` parts, and the test of a heading-like
phrase (short, no clause break, no subject with 要).
"""

from __future__ import annotations

from loaders.gazetteer import regex
from loaders.layout import LAYOUT, Paragraph
from loaders.wording import common_words

CN_NUMBERS = "一二三四五六七八九十"


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


def section_indexes(paragraphs: list[Paragraph]) -> dict[int, str]:
    """Paragraph index → section name: ``一、…`` headings in sequence, or, when a document
    numbers none, its short part titles (a line without sentence marks above a long one)."""
    pattern = regex("section", LAYOUT)
    out: dict[int, str] = {}
    for i, para in enumerate(paragraphs):
        m = pattern.match(para.text)
        numbered = m and "。" not in m.group(2)[:-1] and CN_NUMBERS.find(m.group(1)[-1]) >= 0
        if m and numbered and number(m.group(1)) == len(out) + 1:
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


def sections_with_parts(paragraphs: list[Paragraph], sections: dict[int, str]) -> set[int]:
    """The sections (by paragraph index) that contain numbered parts ``（一）``."""
    out, current = set(), -1
    part = regex("part", LAYOUT)
    for i, para in enumerate(paragraphs):
        if i in sections:
            current = i
        elif current >= 0 and part.match(para.text):
            out.add(current)
    return out


def number(numeral: str) -> int:
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
