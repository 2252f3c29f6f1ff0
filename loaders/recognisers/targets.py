"""Recognise quantified targets: indicator + change + number + unit + qualifier.

A sentence is cut into clauses (at ，；) and a clause into conjuncts (at 、 or 和
where each side carries its own number). A conjunct that lacks its indicator or its
verb borrows them from its neighbours (``肉类产量达74万吨、牛奶产量67万吨``), and
``分别``/``均`` spread one statement over a list of subjects
(``城乡居民人均可支配收入分别增长6%和6.5%`` → 城镇…6%, 农村…6.5%).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from loaders.gazetteer import alternation, load, words
from loaders.mention import Mention, Span
from loaders.numbers import find_quantities

if TYPE_CHECKING:
    from loaders.context import Context
    from loaders.segment import Sentence

MASK = "□"
CLAUSE_BREAK = re.compile(r"[，,；;：:]")
PAST_YEAR = re.compile(r"(19|20)\d{2}年")
BASE_YEAR = re.compile(r"(?:较|比)((?:19|20)\d{2})年")
PREPOSITION = re.compile(r"^(围绕|从|在|以|对|按照|依托|聚焦)")
PLURAL_LIST = re.compile(r"[、和]")
SPREAD = re.compile(r"分别|(?<!人)均(?=[\u4e00-\u9fff]{0,3}\d)")


def target(
    name: str,
    indicator: str,
    change: str | None,
    value: float,
    unit: str,
    qualifier: str | None,
    base_year: int | None,
    start: int,
    end: int,
) -> Mention:
    """A Target mention; ``start``/``end`` are the offsets of the as-written span."""
    attributes = {
        "indicator": indicator,
        "change": change,
        "value": value,
        "unit": unit,
        "qualifier": qualifier,
        "base_year": base_year,
    }
    return Mention("Target", start, end, name, "targets", attributes=attributes)


def _strip_framing(text: str) -> tuple[str, int]:
    """Drop framing verbs and adverbs (力争, 确保, 年内 …) and a dangling 和/等 from the front."""
    cut = 1 if text[:1] in ("和", "等", "及", "与") else 0
    framing = words("framing_words")
    changed = True
    while changed:
        changed = False
        for w in framing:
            if text.startswith(w, cut) and len(text) - cut > len(w) + 1:
                cut += len(w)
                changed = True
                break
    return text[cut:], cut


def _leading_change(text: str) -> str | None:
    return next((w for w in words("change_words") if text.startswith(w)), None)


def _trailing_change(text: str) -> str | None:
    return next((w for w in words("change_words") if text.endswith(w) and len(text) > len(w)), None)


def _conjuncts(clause: str) -> list[tuple[int, int]]:
    """Spans of the conjuncts of a clause: split at 、 (or 和) only where both sides carry a number."""
    pieces, start = [], 0
    for m in re.finditer(r"、|和(?=[^、和]*\d)", clause):
        pieces.append((start, m.start()))
        start = m.end()
    pieces.append((start, len(clause)))
    merged: list[tuple[int, int]] = []
    carry = None
    for s, e in pieces:
        s = carry if carry is not None else s
        if "若干" in clause[s:e]:
            carry = None  # “若干个” is no number (D15)
            continue
        if find_quantities(clause[s:e]):
            merged.append((s, e))
            carry = None
        else:
            carry = s
    if carry is not None and merged:
        merged[-1] = (merged[-1][0], len(clause))
    return merged


def _head_noun(subject: str) -> str:
    return next((h for h in words("indicator_heads") if subject.endswith(h) and len(subject) > len(h)), "")


def _distribute(subject: str, n: int) -> list[str] | None:
    """Subjects for ``分别``/``均``: a listed ``A、B`` or an expansion such as 城乡 → 城镇, 农村."""
    for short, parts in load("lexicon")["distributive_expansions"].items():
        if subject.startswith(short) and len(parts) == n:
            return [p + subject[len(short) :] for p in parts]
    items = [x for x in PLURAL_LIST.split(subject) if x]
    if len(items) != n:
        return None
    head = _head_noun(items[-1])
    return [x if not head or x.endswith(head) else x + head for x in items]


class _Clause:
    def __init__(self, text: str, offset: int, sentence: str) -> None:
        self.text, self.offset, self.sentence = text, offset, sentence

    def targets(self) -> list[Mention]:
        if PREPOSITION.match(self.text) or (
            PAST_YEAR.search(self.text.split("较")[0]) and not BASE_YEAR.search(self.text)
        ):
            return []
        if any(w in self.text for w in words("review_markers")):
            return []
        spread = self._spread()
        if spread is not None:
            return spread
        out: list[Mention] = []
        change = None
        for s, e in _conjuncts(self.text):
            mention = self._conjunct(s, e, change)
            if mention:
                out.extend(_listed_indicators(mention))
                change = mention.attributes["change"] or change
        return _shared_noun(out, self.text)

    def _spread(self) -> list[Mention] | None:
        m = SPREAD.search(self.text)
        if not m:
            return None
        quantities = find_quantities(self.text[m.end() :], self.sentence)
        subject, _ = _strip_framing(self.text[: m.start()])
        subject = _without_leading_changes(subject)
        verb = _leading_change(self.text[m.end() :]) or ""
        if not quantities:
            return None
        if m.group() == "均" or len(quantities) == 1:  # one figure shared by every subject
            subjects = _distribute(subject, len(PLURAL_LIST.split(subject)))
            quantities = quantities[:1] * len(subjects or [])
        else:
            subjects = _distribute(subject, len(quantities))
        if not subjects:
            return None
        start = self.offset + self.text.index(subject)
        out = []
        for subj, q in zip(subjects, quantities, strict=False):
            written = self.text[m.end() + q.start : m.end() + q.end]
            out.append(
                target(
                    f"{subj}{verb}{written}",
                    subj,
                    verb or None,
                    q.value,
                    q.unit,
                    q.qualifier,
                    None,
                    start,
                    self.offset + m.end() + q.end,
                )
            )
        return out

    def _conjunct(self, s: int, e: int, inherited: str | None) -> Mention | None:
        raw = self.text[s:e]
        quantities = find_quantities(raw, self.sentence)
        if not quantities:
            return None
        q = quantities[-1] if len(quantities) > 1 and quantities[-1].unit == "%" else quantities[0]
        text, cut = _strip_framing(raw)
        written_start = cut
        qs, qe = q.start - cut, q.end - cut
        head, tail = text[:qs], text[qe:]
        listed = head.rfind("等")
        if listed >= 0 and len(head) - listed > 4:  # “A、B等商贸流通领域重点项目共40个”: the category names it
            lead_verb = _leading_change(head) or ""
            text, cut = lead_verb + text[listed + 1 :], cut + listed + 1 - len(lead_verb)
            qs, qe = q.start - cut, q.end - cut
            head, tail = text[:qs], text[qe:]
        lead = _leading_change(head)
        verbs_only = bool(head) and not _without_leading_changes(head)
        keeps_tail = (
            bool(tail)
            and len(tail) <= 20
            and (
                not head
                or head == lead
                or verbs_only
                or head.endswith(("的", "等"))
                or (lead is not None and len(tail) <= 4)
            )
        )
        name = text[: qe + len(tail)] if keeps_tail else text[:qe]
        if len(name) < 3 or not re.search(r"[\u4e00-\u9fff]", name.replace(q.unit, "")):
            return None
        trail = _trailing_change(head)
        change = trail or lead or inherited
        indicator = head
        if trail:
            indicator = head[: -len(trail)]
        elif lead:
            indicator = head[len(lead) :]
        if keeps_tail and not indicator:
            indicator = tail
        base = BASE_YEAR.search(indicator)
        if base:
            indicator = indicator[: base.start()] + indicator[base.end() :]
        indicator = indicator.strip("的") or name
        end = q.end + (len(tail) if keeps_tail else 0)
        return target(
            name,
            indicator,
            change,
            q.value,
            q.unit,
            q.qualifier,
            int(base.group(1)) if base else None,
            self.offset + s + written_start,
            self.offset + s + end,
        )


def _without_leading_changes(text: str) -> str:
    """``培育引进规上加工企业`` → 规上加工企业: the actions before a subject."""
    changed = True
    while changed:
        changed = False
        for w in (*words("change_words"), *words("framing_words")):
            if text.startswith(w) and len(text) > len(w):
                text, changed = text[len(w) :], True
                break
    return text if text not in words("change_words") else ""


def _listed_indicators(m: Mention) -> list[Mention]:
    """``社会消费品零售总额、固定资产投资增长4%左右``: listed indicators share one figure."""
    a = m.attributes
    items = a["indicator"].split("、")
    heads = words("indicator_heads")
    if len(items) < 2 or not all(i.endswith(heads) for i in items):
        return [m]
    rest = m.name[m.name.index(items[-1]) + len(items[-1]) :]
    return [
        target(i + rest, i, a["change"], a["value"], a["unit"], a["qualifier"], a["base_year"], m.start, m.end)
        for i in items
    ]


def _shared_noun(found: list[Mention], clause: str) -> list[Mention]:
    """``打造5个百万亩、3个十万亩…示范园区``: conjuncts that stop at a magnitude take the
    noun the clause ends with (DECISIONS.md D04)."""
    noun = re.search(rf".*(?:{alternation('qualifiers_after')}|[个处座条家亩])([\u4e00-\u9fff]{{2,8}})$", clause)
    if not noun or len(found) < 2:
        return found
    out = []
    for m in found:
        bare = re.search(r"[\d十百千万]+[个处座条家][十百千万]+[亩吨人户]$", m.name)
        if bare and not m.name.endswith(noun.group(1)):
            change = m.attributes["change"] or ""
            name = (change if change and not m.name.startswith(change) else "") + m.name + noun.group(1)
            m = Mention("Target", m.start, m.end, name, m.recogniser, m.aliases, dict(m.attributes))
        out.append(m)
    return out


def find_targets(sentence: str, offset: int, masked: Sequence[tuple[int, int]] = ()) -> list[Mention]:
    """Targets stated in one sentence; ``masked`` spans (project names) are skipped,
    so a capacity inside a name (扎铝二期35万吨电解铝) is never read as a target."""
    text = sentence
    for ms, me in masked:
        a, b = ms - offset, me - offset
        if 0 <= a < b <= len(text):
            text = text[:a] + MASK * (b - a) + text[b:]
    out: list[Mention] = []
    pos = 0
    for piece in CLAUSE_BREAK.split(text):
        start = text.index(piece, pos)
        pos = start + len(piece)
        for part in re.finditer(rf"[^{MASK}]+", piece):
            if find_quantities(part.group()):
                out.extend(_Clause(part.group(), offset + start + part.start(), text).targets())
    return out


class Targets:
    """Quantified goals of the forward-looking parts (a review states results, not targets)."""

    name = "targets"
    type = "Target"

    def find(self, sentence: Sentence, context: Context, blocked: list[Span]) -> list[Mention]:
        if sentence.review:
            return []
        return find_targets(sentence.text, sentence.start, blocked)
