"""Names a plan writes once for several projects (DECISIONS.md D21, GWR P09/H13).

- a category that is a head completes the short items before it:
  ``京哈（扩建）、哈肇、绥大等高速公路`` → 京哈（扩建）高速公路 …; ``B1、Z2等地铁`` → 地铁B1线;
- short items before a named project share its head:
  ``哈尔滨、黑河、绥芬河片区`` → 哈尔滨片区, 黑河片区; ``大青沟、银沙湾5A级景区`` → 大青沟5A级景区;
  ``自治区玉米、肉牛种业技术创新中心`` → 自治区玉米…, 自治区肉牛…;
- metro lines take 地铁 from their sentence: ``7号线一期南段`` → 地铁7号线一期南段, and
  ``8号线一期及延伸线`` names the line's first phase and its extension.
"""

from __future__ import annotations

import re

from loaders.clauses import CLAUSE_BREAK, clause_start, split_items, status_after, strip_leading
from loaders.gazetteer import regex, word_set, words
from loaders.places import Places
from loaders.recognisers.names import generic_vocabulary, head
from loaders.wording import boundaries, common_words, opens_with, proper_parts

METRO = regex("metro_line")
SCOPE = regex("list_scope")
MAX_SHORT = 6


def elliptical(item: str, category: str) -> str | None:
    """The name a category completes (``津沧`` + 高速公路), if it does: a specific head
    (not 重大工程, 重点项目) and a short proper item (not 高校院所)."""
    if not category or category in word_set("collective_categories") or head(category) is None:
        return None
    if category.endswith(words("elliptical_categories")) and not proper_parts(category[:-2], generic_vocabulary()):
        return None
    if any(w in item for w in generic_vocabulary() if len(w) >= 2) or any(q in item for q in words("qualifiers")):
        return None
    if category == "地铁":
        return f"地铁{item}线" if re.fullmatch(r"[A-Z]?\d{1,2}", item) else None
    if item.endswith(words("units")) or proper_parts(item) or re.search(r"[A-Za-z\d]", item):
        return item + category
    return None


def borrowed_head(item: str, last_head: str | None) -> str | None:
    """``霍林河南500千伏`` before ``哲北220千伏输变电工程`` borrows 输变电工程."""
    if last_head and head(item) is None and item.endswith(words("units")):
        return item + last_head
    return None


def shared_head(text: str, start: int, name: str, head_word: str, places: Places) -> list[tuple[str, int, int]]:
    """The short items just before the name at ``start`` that share its head."""
    if start == 0 or text[start - 1] != "、":
        return []
    begin = clause_start(text, start - 1, CLAUSE_BREAK)
    items = split_items(text[begin : start - 1])
    if not items:
        return []
    first, pos = items[0]
    stripped, cut = strip_leading(first, keep=2)
    items[0] = (stripped, pos + cut)
    if any(len(x) > MAX_SHORT + 3 or head(x) for x, _ in items):
        return []
    scope = SCOPE.match(items[0][0])
    out = []
    for item, offset in items:
        core = item[scope.end() :] if scope and item is items[0][0] else item
        own = _own_part(name, core, places)
        if own is None or len(core) > MAX_SHORT:
            return []
        full = (scope.group() if scope else "") + core + name[len(own) :]
        out.append((full, begin + offset, begin + offset + len(item)))
    if scope and not name.startswith(scope.group()):
        out.append((scope.group() + name, start, start + len(name)))
    return out


def _own_part(name: str, core: str, places: Places) -> str | None:
    """The part of ``name`` that corresponds to a short item: its leading place when the
    item is a place, all before the head when that is one proper name (``北沿江、盐泰锡常宜
    高铁``: 北沿江高铁), else about as many characters as the item has (one more or less),
    ending where a word ends and, where it can, where a word begins (``凌家滩、双墩遗址博物馆``:
    双墩, so 凌家滩遗址博物馆, not 凌家滩址博物馆; ``良渚、河姆渡遗址博物馆``: 河姆渡)."""
    lead = places.find(name, lambda s, e: True)
    if places.find(core, lambda s, e: True) and lead and lead[0].start == 0:
        return name[: lead[0].end]
    if len(name) - len(core) < 2:
        return None
    h = head(name)
    modifier = name[: -len(h)] if h else ""
    words = common_words()
    proper = re.fullmatch(r"[\u4e00-\u9fff]{2,}", modifier) and not any(
        modifier[i : i + 2] in words for i in range(len(modifier) - 1)
    )
    if proper:
        return modifier  # 北沿江、盐泰锡常宜高铁: the item stands for the whole proper name
    cuts = sorted(
        (k for k in boundaries(name) if abs(k - len(core)) <= 1 and 0 < k <= len(name) - 2),
        key=lambda k: (not opens_with(name[k:], words), abs(k - len(core)), k),
    )
    return name[: cuts[0]] if cuts else None


def metro_lines(text: str) -> list[tuple[str, int, int, str | None]]:
    """Metro lines of a sentence that speaks of 地铁, named with it: (name, start, end,
    status), the written form being ``text[start:end]``."""
    if "地铁" not in text:
        return []
    out = []
    for m in METRO.finditer(text):
        line, phase = m.group(2), m.group(3)
        status = status_after(text, m.end())
        out.append((f"地铁{line}{phase}", m.start(), m.end(3) if m.group(4) else m.end(), status))
        if m.group(4):
            out.append((f"地铁{line}{m.group(4)}", m.end(3), m.end(), status))
    return out
