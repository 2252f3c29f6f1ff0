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

from loaders.clauses import leading_words
from loaders.gazetteer import regex, words
from loaders.mention import Mention, Span
from loaders.numbers import find_quantities
from loaders.recognisers.target_names import (
    PLURAL_LIST,
    conjuncts,
    distribute,
    leading_change,
    listed_indicators,
    shared_noun,
    strip_framing,
    target,
    trailing_change,
    without_leading_changes,
)
from loaders.wording import common_words, only_verbs

if TYPE_CHECKING:
    from loaders.context import Context
    from loaders.sentences import Sentence

MASK = "□"
CLAUSE_BREAK = re.compile(r"[，,；;：:]")
PAST_YEAR = re.compile(r"(19|20)\d{2}年")
BASE_YEAR = regex("base_year")
PREPOSITION = regex("target_preposition")
SPREAD = regex("target_spread")
TOTAL = regex("target_total")
BASE_PERIOD = re.compile(r"(?:比|较|同比)(?:上年|去年|上年度)(?:同期)?")


class _Clause:
    def __init__(self, text: str, offset: int, sentence: str, carry: bool) -> None:
        self.text, self.offset, self.sentence, self.carry = text, offset, sentence, carry

    def targets(self) -> list[Mention]:
        if PREPOSITION.match(self.text) or (
            PAST_YEAR.search(self.text.split("较")[0]) and not BASE_YEAR.search(self.text)
        ):
            return []
        if any(w in BASE_PERIOD.sub("", self.text) for w in words("review_markers")):
            return []  # 去年, 上年 look back; 比上年增长6% only names the base
        spread = self._spread()
        if spread is not None:
            return spread
        out: list[Mention] = []
        change = None
        for s, e in conjuncts(self.text):
            mention = self._conjunct(s, e, change)
            if mention:
                out.extend(listed_indicators(mention))
                change = mention.attributes["change"] or change
        return shared_noun(out, self.text)

    def _carried(self, name: str, head: str, inherited: str | None, start: int) -> str:
        """``更新改造复康路等道路80条、桥梁15座``: in a work report a conjunct with no verb of
        its own after one whose verb leads it takes that verb (更新改造桥梁15座, DECISIONS_GWR.md:
        names rebuilt with the shared parts); a plan keeps the conjunct as written (换热站30座,
        DECISIONS.md D04). A verb that follows its indicator (``肉类产量达74万吨、牛奶产量
        67万吨``) is never carried."""
        if not self.carry or not inherited or head.startswith(inherited) or start == 0:
            return name
        before = self.text[:start]
        return inherited + name if re.search(rf"(?:^|[、，,]){re.escape(inherited)}", before) else name

    def _spread(self) -> list[Mention] | None:
        m = SPREAD.search(self.text)
        if not m:
            return None
        quantities = find_quantities(self.text[m.end() :], self.sentence)
        yearly = m.group() == "均" and self.text[m.start() - 1 : m.start()] == "年"
        subject, _ = strip_framing(self.text[: m.start() - 1 if yearly else m.start()])
        subject = without_leading_changes(subject)
        verb = ("年均" if yearly else "") + (leading_change(self.text[m.end() :]) or "")
        if not quantities or (yearly and not PLURAL_LIST.search(subject)):
            return None  # 年均增长5%: one subject, no spread; the clause names it as written
        if m.group() == "均" or len(quantities) == 1:  # one figure shared by every subject
            subjects = distribute(subject, len(PLURAL_LIST.split(subject)))
            quantities = quantities[:1] * len(subjects or [])
        else:
            subjects = distribute(subject, len(quantities))
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
        text, cut = strip_framing(raw)
        written_start = cut
        qs, qe = q.start - cut, q.end - cut
        head, tail = text[:qs], text[qe:]
        if TOTAL.search(head) and _noun_part(tail):  # 完成大港电厂共6台亚临界机组替代: the count and what it counts
            text, cut = text[qs:], cut + qs
            qs, qe = 0, qe - qs
            head, tail = "", text[qe:]
        listed = head.rfind("等")
        if listed >= 0 and len(head) - listed > 4 and not _inside_a_word(head, listed):
            # “A、B等商贸流通领域重点项目共40个”: the category names it
            lead_verb = leading_change(head) or ""
            text, cut = lead_verb + text[listed + 1 :], cut + listed + 1 - len(lead_verb)
            qs, qe = q.start - cut, q.end - cut
            head, tail = text[:qs], text[qe:]
        lead = leading_change(head)
        tail = _noun_part(tail)
        keeps_tail = _keeps_tail(head, tail, lead)
        name = text[: qe + len(tail)] if keeps_tail else text[:qe]
        if lead is None and trailing_change(head) is None:
            name = self._carried(name, head, inherited, s)
        if len(name) < 3 or not re.search(r"[\u4e00-\u9fff]", name.replace(q.unit, "")):
            return None
        trail = trailing_change(head)
        change = trail or lead or inherited
        indicator, base = _indicator(head, tail if keeps_tail else "", lead, trail)
        indicator = indicator or name
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


def find_targets(
    sentence: str, offset: int, masked: Sequence[tuple[int, int]] = (), carry_verbs: bool = False
) -> list[Mention]:
    """Targets stated in one sentence; ``masked`` spans (project names) are skipped,
    so a capacity inside a name (扎铝二期35万吨电解铝) is never read as a target;
    ``carry_verbs``: conjuncts take their neighbour's leading verb (a work report's names)."""
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
                out.extend(_Clause(part.group(), offset + start + part.start(), text, carry_verbs).targets())
    return out


class Targets:
    """Quantified goals of the forward-looking parts (a review states results, not targets)."""

    name = "targets"
    type = "Target"

    def find(self, sentence: Sentence, context: Context, blocked: list[Span]) -> list[Mention]:
        if sentence.review:
            return []
        return find_targets(sentence.text, sentence.start, blocked, carry_verbs=not context.plan_genre)


def _noun_part(tail: str) -> str:
    """The tail up to a clause verb (``群众``实现安居梦; none of ``实施交通惠民工程``)."""
    lead = leading_words()
    for i in range(len(tail) - 1):
        verb = next((w for w in lead.get(tail[i], ()) if tail.startswith(w, i) and len(w) >= 2), "")
        if verb and len(tail) - i - len(verb) >= 3:
            return tail[:i]
    return tail


def _keeps_tail(head: str, tail: str, lead: str | None) -> bool:
    """Does the name run past the number (``新增城镇就业60万人``, ``…2000张床位``)? When a
    short tail follows and what comes before is only the verb, or nothing."""
    if not tail or len(tail) > 20:
        return False
    verbs_only = bool(head) and (not without_leading_changes(head) or only_verbs(head))
    return (
        not head or head == lead or verbs_only or head.endswith(("的", "等")) or (lead is not None and len(tail) <= 4)
    )


def _indicator(head: str, tail: str, lead: str | None, trail: str | None) -> tuple[str, re.Match[str] | None]:
    """The indicator: the words before the number without the change verb (or the tail
    when nothing else names it), and the base year taken out of it (较2020年)."""
    indicator = head[: -len(trail)] if trail else head[len(lead) :] if lead else head
    if tail and not indicator:
        indicator = tail
    base = BASE_YEAR.search(indicator)
    if base:
        indicator = indicator[: base.start()] + indicator[base.end() :]
    return indicator.strip("的"), base


def _inside_a_word(text: str, at: int) -> bool:
    """Is the character at ``at`` part of a word with its neighbour (等级, 高等)?"""
    words_ = common_words()
    return text[max(at - 1, 0) : at + 1] in words_ or text[at : at + 2] in words_
