"""Industries: sectors and chains a plan develops, under the text's own words.

- a sector of the taxonomy (``gazetteers/industries.json``) by any written form, widened by
  the qualifier written before it (``冷水渔业``, ``定制农业``); a form without 产业/业/经济
  (``机器人``, ``汽车``) only where it is meant as a sector (``生物医药产值``) or listed as one;
- ``X产业``, ``X产业链``, ``X经济`` where X is a sector of its own: known, proper
  (``刺五加产业``) or developed (``大力发展软件产业``), not a group (重点产业, 省级…产业);
- the items of a list of industries (``数字智能、…、低空经济等战略性新兴产业集群``,
  ``冰雪运动、冰雪文化、冰雪装备、冰雪旅游全产业链``), or of a list a development verb opens
  that holds a known sector (``发展平台经济、金融服务、航运物流…等``).
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from loaders.clauses import clause_start, strip_leading
from loaders.context import Context
from loaders.gazetteer import automaton, load, occurrences, regex, word_set, words
from loaders.mention import Mention, Span, free
from loaders.recognisers.lists import Listing, listings
from loaders.sentences import Sentence
from loaders.taxonomy import Sector, sector_of
from loaders.wording import only_verbs, proper_parts

if TYPE_CHECKING:
    from loaders.places import Places

HEADS = regex("heads_pattern", "industries")
MARKED = regex("marked_industry", "industries")
WIDEN = words("widening_words", "industries")
NOT_PART = regex("not_part", "industries")
IND = "industries"


@cache
def _surfaces() -> object:
    names = {s for e in load(IND)["sectors"] for s in (e["name"], *e.get("aliases", []))}
    return automaton((s, (s,)) for s in names)


class Industries:
    name = "industries"
    type = "Industry"

    def find(self, sentence: Sentence, context: Context, blocked: list[Span]) -> list[Mention]:
        text, base = sentence.text, sentence.start
        listed = [lst for lst in listings(text) if _industry_list(lst)]
        in_lists = {(i.start, i.end) for lst in listed for i in lst.items}
        spans: dict[tuple[int, int], str] = {}
        for start, end in self._known(text, in_lists, sentence.heading is not None):
            spans[(start, end)] = text[start:end]
        for m in HEADS.finditer(text):
            for start, end, name in _named(text, m):
                spans.setdefault((start, end), name)
        for start, end in in_lists:
            if _sector_like(text[start:end]):
                spans.setdefault((start, end), text[start:end])
        out = []
        for (start, end), name in sorted(spans.items()):
            if any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans):
                continue
            mention = Mention("Industry", base + start, base + end, name, self.name, attributes=_facts(sector_of(name)))
            if free(mention, blocked):
                out.append(mention)
        return out

    def _known(self, text: str, in_lists: set[tuple[int, int]], heading: bool) -> list[tuple[int, int]]:
        out = []
        for start, end, _ in occurrences(_surfaces(), text):
            written = text[start:end]
            if _umbrella(written) or text.startswith(tuple(words("modifier_followers", IND)), end):
                continue
            if text.startswith(tuple(words("blockers", IND)), end):
                continue
            if not MARKED.search(written) and not _meant_as_sector(text, start, end, in_lists, heading):
                continue  # 机器人, 汽车: a product unless meant as a sector
            if len(written) <= 2 and not _word_end(text, end):
                continue  # 农业水价: a two-character sector only as a word of its own
            out.append((_widened(text, start, end), end))
        return out


def _named(text: str, m: re.Match[str]) -> list[tuple[int, int, str]]:
    """``X产业``, ``X产业链``, ``X经济`` at ``m``; ``A和B产业`` names both."""
    if text.startswith(tuple(words("blockers", IND)), m.end()):
        return []
    begin = clause_start(text, m.start())
    before = text[begin : m.start()]
    body, cut = strip_leading(before, keep=1)
    developed = before[:cut].endswith(words("development_verbs", IND)) or begin == 0
    quoted = body.rfind("”")
    body = body[quoted + 1 :] if quoted >= 0 else body
    body = _without_qualifiers(body)
    out = []
    parts = re.split("和|与|及|、", body) if len(body) > 4 else [body]
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        name = part + m.group() if last and ("、" not in body or m.group() == "产业") else part
        end = m.end() if last else m.start() - len(body) + body.index(part) + len(part)
        if len(part) < 2 or NOT_PART.search(part) or _umbrella(name) or _umbrella(part + "产业"):
            continue
        if _has_verb(part) or _all_verbs(part) or context_place(part):
            continue  # 紧扣产业链, 出台产业, 东部地区新能源产业集群: no sector of its own
        known = sector_of(name) is not None or (not last and sector_of(part) is not None)
        if m.group() == "经济" and not known and name not in word_set("named_economies", IND):
            continue
        if known or proper_parts(part) or (developed and len(part) <= 8):
            out.append((end - len(name), end, name))
    return out


SECTOR_WORDS = ("服务", "智能", "数字")  # verbs by the dictionary, sectors here (服务产业链, 数字经济)


@cache
def _verbs() -> tuple[str, ...]:
    return tuple(w for w in words("leading_words") if len(w) >= 2 and w not in SECTOR_WORDS)


def _has_verb(part: str) -> bool:
    return part.startswith(_verbs()) or any(w in part for w in _verbs() if len(w) >= 3)


def _all_verbs(part: str) -> bool:
    """出台产业, 坚持产业: the words before 产业 are verbs, no sector (but 服务产业链)."""
    return only_verbs(part) and part not in SECTOR_WORDS


def context_place(part: str) -> bool:
    """A sector named after a place is a cluster or belt of that place (H19)."""
    return bool(_plain_places().find(part))


@cache
def _plain_places() -> Places:
    from loaders.places import Places

    return Places(None, regions=True)


def _without_qualifiers(body: str) -> str:
    """Drop what makes a group rather than a sector: 省级, 重点, 特色 …"""
    changed = True
    while changed:
        changed = False
        for q in words("qualifiers", IND):
            if body.startswith(q) and len(body) > len(q):
                body, changed = body[len(q) :], True
            if body.endswith(q) and len(body) > len(q):
                body, changed = body[: -len(q)], True
    return body if body not in word_set("qualifiers", IND) else ""


def _industry_list(listing: Listing) -> bool:
    """A list of industries: headed by an industry word, or opened by a development verb
    and holding a known sector (``发展平台经济、金融服务、…等``)."""
    category = listing.category or listing.tail[:8]
    if category.endswith("领域") or listing.tail.startswith("领域"):
        return False  # 信创、人工智能…等特色领域: fields, not industries (GWR I02)
    if any(category.endswith(w) or category.startswith(w) for w in words("industry_categories")):
        return True
    developed = listing.lead.endswith(words("development_verbs", IND))
    return developed and not listing.category and any(sector_of(i.text) for i in listing.items)


def _sector_like(text: str) -> bool:
    return (
        2 <= len(text) <= 10
        and not NOT_PART.search(text)
        and not _umbrella(text)
        and text not in words("leading_words")
    )


def _meant_as_sector(text: str, start: int, end: int, in_lists: set[tuple[int, int]], heading: bool) -> bool:
    if (start, end) in in_lists or (heading and start == 0 and end == len(text)):
        return True
    return text.startswith(tuple(words("context_followers", IND)), end)


def _word_end(text: str, end: int) -> bool:
    return (
        end == len(text)
        or text[end] in "，,。；;、和与及等"
        or text.startswith(tuple(words("sector_followers", IND)), end)
    )


def _widened(text: str, start: int, end: int) -> int:
    """``冷水渔业``, ``工业领域服务业``: a qualifier written before a sector is part of its name."""
    if not text[start:end].endswith(WIDEN):
        return start
    begin = clause_start(text, start)
    _, cut = strip_leading(text[begin:start], keep=0)
    qualifier = text[begin + cut : start]
    plain = not NOT_PART.search(qualifier) and not _has_verb(qualifier)
    if 2 <= len(qualifier) <= 5 and plain and _without_qualifiers(qualifier) == qualifier:
        return start - len(qualifier)
    return start


def _umbrella(name: str) -> bool:
    return name in word_set("umbrella", IND)


def _facts(sector: Sector | None) -> dict[str, object]:
    if sector is None:
        return {}
    facts: dict[str, object] = {"sector": sector.name}
    if sector.chain:
        facts["chain"] = [{"name": st["name"], "feeds": st.get("feeds", [])} for st in sector.chain]
    return facts
