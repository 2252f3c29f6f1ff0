"""Coordinated lists, the way plans name many things at once.

``力促A、B、C等项目建成投产``: the items before ``等``, the category word after it (``项目``)
and what the sentence says of them (``建成投产``). A list without ``等`` counts when a verb
that only fits the list's kind closes it (``哈电机、龙江广瀚入选…``, ``天有为、大鹏工业成功上市``).
The projects, enterprises and industries recognisers each take the items that fit them;
this module only finds and cuts lists, once per sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from loaders.clauses import CLAUSE_BREAK, clause_start, split_items, strip_leading
from loaders.gazetteer import alternation, regex, words
from loaders.recognisers.names import head
from loaders.wording import common_words, proper_parts, verbs

MAX_ITEM = 24
MAX_LISTS = 64
CONJUNCTIONS = regex("conjunctions")
CUT_BEFORE = regex("list_cut_before")
PREPOSITIONS = words("list_prepositions")


@dataclass(frozen=True)
class Item:
    text: str
    start: int  # offsets in the sentence
    end: int


@dataclass(frozen=True)
class Listing:
    items: tuple[Item, ...]
    category: str  # the noun after 等 (``项目``, ``企业``, ``高速公路``), or ""
    tail: str  # what follows: the verb phrase the list is subject or object of
    lead: str  # the verb that opens the list (``开工建设``), or ""

    @property
    def end(self) -> int:
        return self.items[-1].end


@cache
def _category_words() -> tuple[frozenset[str], tuple[int, ...]]:
    """The words a category ends in, and their lengths."""
    keys = ("project_categories", "enterprise_categories", "industry_categories", "project_heads")
    found = frozenset(w for k in keys for w in words(k))
    return found, tuple(sorted({len(w) for w in found}))


@cache
def _closing_verbs() -> re.Pattern[str]:
    return re.compile(f"(?:{alternation('firm_verbs')})")


@lru_cache(maxsize=4096)
def listings(text: str) -> tuple[Listing, ...]:
    """The lists of one sentence, leftmost first (every recogniser asks, hence the cache)."""
    out: list[Listing] = []
    words_ = common_words()
    for m in re.finditer("等", text):
        if len(out) >= MAX_LISTS:
            break
        if text[m.start() - 1 : m.start() + 1] in words_ or text[m.start() : m.start() + 2] in words_:
            continue  # 高等, 平等, 等级: 等 inside a word
        listing = _closed_by_deng(text, m.start())
        if listing:
            out.append(listing)
    for m in _closing_verbs().finditer(text):
        if len(out) >= MAX_LISTS:
            break
        end = m.start()
        while end >= 4 and text[end - 2 : end] in verbs():
            end -= 2  # 经安稳定释放产能, 天有为成功上市: an adverb or verb is no part of the name
        listing = _items(text, end, "", text[m.start() : m.start() + 8])
        if listing and len(listing.items) >= 2 and "等" not in listing.items[-1].text:
            out.append(listing)
    return tuple(sorted(out, key=lambda lst: lst.items[0].start))


def _closed_by_deng(text: str, at: int) -> Listing | None:
    after = text[at + 1 : at + 16]
    stop = next((i for i, c in enumerate(after) if c in CLAUSE_BREAK), len(after))
    category, rest = _category(after[:stop])
    return _items(text, at, category, rest)


def _category(after: str) -> tuple[str, str]:
    """``一批重点项目建成投产`` → (``重点项目``, ``建成投产``); counts and 一批 are skipped."""
    skipped = re.match(
        r"^(?:\d+(?:\.\d+)?[个家户座条项所处批]|[一二三四五六七八九十两]+[个家户座条项所批]|一批|多个|各类)?", after
    )
    cut = skipped.end() if skipped else 0
    body = after[cut:]
    quoted = re.match(r"^“[^”]{1,8}”", body)
    if quoted:
        return quoted.group(), body[quoted.end() :]
    found, lengths = _category_words()
    for size in range(min(len(body), 10), 0, -1):
        head = body[:size]
        if any(head[-n:] in found for n in lengths if n <= size):
            return head, body[size:]
    return "", body


def _items(text: str, end: int, category: str, tail: str) -> Listing | None:
    begin = clause_start(text, end, CLAUSE_BREAK)
    region = text[begin:end]
    found = split_items(region)
    if not found:
        return None
    items: list[Item] = []
    for piece, pos in reversed(found):
        if len(piece) > MAX_ITEM and items:
            break
        cut = CUT_BEFORE.search(piece)
        if cut and items:  # ``燃煤锅炉淘汰以及水泥、焦化等``: the list starts after 以及
            items.insert(0, Item(piece[cut.end() :], begin + pos + cut.end(), begin + pos + len(piece)))
            break
        items.insert(0, Item(piece, begin + pos, begin + pos + len(piece)))
    lead = _trim_first(items, text)
    split: list[Item] = []
    for item in items:
        split.extend(_conjoined(item))
    split = [i for i in split if i.text]
    return Listing(tuple(split), category, tail, lead) if split else None


def _trim_first(items: list[Item], text: str) -> str:
    """The first item starts at the clause start: cut what opens the clause before the
    list (``信息技术产业依托曙光`` → ``曙光``; ``加快推进7号线`` → ``7号线``); returns the
    verb that opened it."""
    first = items[0]
    body = first.text
    cut = CUT_BEFORE.search(body)
    start = cut.end() if cut else 0
    start += _last_verb(body[start:])
    _, lead = strip_leading(body[start:], keep=1)
    opened = body[start : start + lead]
    start += lead
    if (
        body[start : start + 1] in PREPOSITIONS
        and len(body) - start > 3
        and body[start : start + 2] not in common_words()
    ):
        start += 1
    items[0] = Item(body[start:], first.start + start, first.end)
    return opened


def _last_verb(body: str) -> int:
    """End of the last clause verb inside ``body`` when a subject precedes it
    (``信息技术产业依托…``), else 0."""
    best = 0
    for w in words("clause_verbs"):
        i = body.rfind(w)
        if i > 0 and len(body) - i - len(w) >= 2:
            best = max(best, i + len(w))
    return best


def _conjoined(item: Item) -> list[Item]:
    """``高端冰雪装备和寒地测试`` names two items; a name with 和 inside quotes stays one."""
    if "“" in item.text:
        return [item]
    m = None
    for m in CONJUNCTIONS.finditer(item.text):  # noqa: B007 - the last conjunction
        pass
    if m is None or m.start() < 2 or len(item.text) - m.end() < 2:
        return [item]
    if not proper_parts(item.text[m.end() :]) and head(item.text[m.end() :]) is None:
        return [item]  # 创银高纯铝及深加工: the rest is no name of its own
    left = Item(item.text[: m.start()], item.start, item.start + m.start())
    right = Item(item.text[m.end() :], item.start + m.end(), item.end)
    return [left, right]
