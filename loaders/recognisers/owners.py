"""The enterprise a project's name opens with (``梅花生物``25万吨苏氨酸项目, ``中石化``催化剂,
``北京大学``…创新中心): found by an organisation suffix, a known enterprise, a company
suffix, the stem before a figure, or the split where a generic rest (a product, a
facility) begins. Works named after their place (三澳核电), economic categories (民间资本)
and abbreviated place pairs (兰张) have no owner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from loaders.clauses import strip_leading
from loaders.gazetteer import load, pattern, regex, word_set, words
from loaders.places import Places
from loaders.products import product_head
from loaders.recognisers.names import (
    PHASE,
    PHASE_SUFFIX,
    SCOPE,
    generic_vocabulary,
    head,
    is_place,
    known_enterprise_in,
    known_enterprises,
    org_prefix,
)
from loaders.wording import boundaries, brand_words, common_words, opens_with, place_names, proper_parts
from loaders.wording import nouns as pos_nouns

COUNT_IN_WORDS = regex("count_in_words")
PUBLIC_WORK = regex("public_work_name")


@dataclass(frozen=True)
class Owner:
    name: str
    start: int  # offsets in the project name
    end: int


def owner(name: str, places: Places, listed: bool = True) -> Owner | None:
    """The enterprise a project name opens with, after any place prefix; lines, airports
    and other works no enterprise's name heads have none. A name met outside a list of
    projects is split at a product only when its head is one only enterprises have (总部)."""
    if regex("metro_line").search(name):
        return None  # 地铁4号线北段: a numbered line is the city's, no firm's
    h = head(name)
    bare = PHASE_SUFFIX.sub("", h) if h else None
    if bare is not None and (not bare.endswith(tuple(words("owner_heads"))) or bare in words("line_heads")):
        return None
    org = org_prefix(name)
    if org:
        return Owner(org, 0, len(org))
    lead = places.find(name, lambda s, e: True)
    skip = lead[0].end if lead and lead[0].start == 0 else 0
    rest = name[skip:]
    if public_work(rest):
        return None  # 引洮二期, 疆电入渝特高压: a public work named after what it moves
    finders = [_known_prefix, _company_suffix, _stem_before_figure]
    if listed or bare is None or "总部" in name or bare in words("owner_implying_heads"):
        finders += [_product_split, _longest_split]
    for find in finders:
        found = find(rest, places)
        if found and _plausible(found, places) and _owns(found, rest, h) and not _works(found, rest):
            return Owner(found, skip, skip + len(found))
    return None


def public_work(name: str) -> bool:
    """Is ``name`` a public work named after what it moves (引汉济渭二期, 西气东输三线, 滇中引水)?"""
    return any(PUBLIC_WORK.search(name[:k]) for k in (2, 3, 4))


def _works(found: str, rest: str) -> bool:
    """``三澳``核电二期, ``龙滩水电站``通航设施, ``北海铁山港``泊位: works named after their
    place, not after an owner."""
    works = words("place_named_works")
    return found.endswith(works) or rest.startswith(works, len(found))


def _owns(found: str, rest: str, h: str | None) -> bool:
    """A name that is only an opening and its head (引绰济辽工程, 天开高教科创园) needs a
    known or suffixed enterprise, except for the heads only an enterprise has (总部, 院区)."""
    if h is None or rest[len(found) :] != h or h in words("owner_implying_heads"):
        return True
    return found in known_enterprises()[0] or bool(found.endswith(words("company_suffixes")))


def _known_prefix(rest: str, places: Places) -> str | None:
    """A known enterprise opening the name (``中石化``催化剂, ``国家管网``科学试验基地)."""
    ends = [e for s, e, _ in known_enterprise_in(rest) if s == 0 and len(rest) - e >= 2]
    return rest[: max(ends)] if ends else None


def _company_suffix(rest: str, places: Places) -> str | None:
    """``鹏辉新能源``储能PACK生产线, ``燕山石化``绿色新材料: a stem and a company suffix."""
    m = pattern(r"^([\u4e00-\u9fff]{2,3}?{company_suffixes})").match(rest)
    if m and (m.group(1) in common_words() or m.group(1).startswith(words("economic_sectors"))):
        return None  # 人力资本, 民间资本, 中小金融机构: wording, no firm
    return m.group(1) if m and len(rest) - m.end() >= 2 and not is_place(m.group(1)[:2], places) else None


def _stem_before_figure(rest: str, places: Places) -> str | None:
    """``梅花生物25万吨苏氨酸项目``, ``扎铝二期35万吨电解铝``: the name before a figure, or
    before a phase that a figure or product follows (not ``引绰济辽二期工程``)."""
    m = re.match(r"^([\u4e00-\u9fff]{2,5}?)(?=\d|[一二三四五六七八九十]期)", rest)
    if not m or PHASE.search(m.group(1)):
        return None
    after = PHASE.sub("", rest[m.end() :], count=1) if not rest[m.end()].isdigit() else "1"
    return m.group(1) if after and after not in ("工程", "项目") else None


def _product_split(rest: str, places: Places) -> str | None:
    """The shortest opening after which a product, an industry, a qualifier, a place or a
    line begins (``旭合``光伏组件, ``空客``二线, ``协和``天津基地)."""
    cuts = boundaries(rest)
    opening = opens_with(rest, product_vocabulary())
    for k in (2, 3, 4):
        stem, tail = rest[:k], rest[k:]
        if opening > k:
            return None  # 硅基新材料项目: the name opens with its product
        if len(tail) >= 2 and _clean_cut(rest, k, cuts) and _usable_stem(stem, places) and _product_start(tail, places):
            return None if _plain_words(stem) else stem
    return None


def _plain_words(stem: str) -> bool:
    """``火星``, ``低空制造``, ``环卫保洁``, ``全天时``, ``使用超``: a word, two words, or three
    characters of common wording with no part of their own, no brand."""

    def plain(word: str) -> bool:
        return word in common_words() or word in generic_vocabulary()

    two_words = len(stem) == 4 and plain(stem[:2]) and plain(stem[2:])
    return plain(stem) or two_words or (len(stem) == 3 and not proper_parts(stem))


def _longest_split(rest: str, places: Places) -> str | None:
    """The longest opening of 2-4 characters on a word boundary, with a part no common
    word covers, after which the rest is generic wording (``工大卫星``研发试验总部基地,
    ``电科蓝天``宇航电源)."""
    if head(rest) in words("area_heads"):
        return None
    cuts = boundaries(rest)
    for k in (4, 3, 2):
        stem, tail = rest[:k], rest[k:]
        if len(tail) < 2 or not _clean_cut(rest, k, cuts):
            continue
        if not _usable_stem(stem, places) or not proper_parts(stem):
            continue
        named = {f.surface for f in places.find(tail, lambda s, e: True)}
        if not proper_parts(tail, generic_vocabulary(), pos_nouns(), place_names(), named):
            return stem
    return None


def _clean_cut(text: str, k: int, cuts: set[int]) -> bool:
    """Is ``k`` a word boundary (``cuts``, by forward matching) that leaves no lone character
    ending the word before it (``西辽河流|域``: 流域; ``大连石|化``), unless a word of its own
    opens the rest (``电科蓝天|宇航`` stands), and cuts through no count written in characters?"""
    words = common_words()
    if any(m.start() < k < m.end() or m.start() == 0 for m in COUNT_IN_WORDS.finditer(text)):
        return False  # 川渝千|亿立方米, 千万吨|炼化: a count written in characters is no owner's
    return k in cuts and not (text[k - 1 : k + 1] in words and opens_with(text[k:], words) == 0)


def _usable_stem(stem: str, places: Places) -> bool:
    """No qualifier (绿色, 大型), no place alone (燕山) or abbreviated pair (京津), not ending in
    a place (协和天津)."""
    if stem.startswith(words("qualifiers")) or stem in place_names() or is_place(stem, places):
        return False
    if len(stem) == 2 and all(c in load("places")["abbreviation_chars"] for c in stem):
        return False
    return not any(f.end == len(stem) and f.start > 0 for f in places.find(stem, lambda s, e: True))


@cache
def product_vocabulary() -> frozenset[str]:
    """What a product or a facility is named with: the dictionary's nouns, the qualifiers
    and the generic vocabulary (heads apart)."""
    out = set(pos_nouns() - brand_words()) | set(words("qualifiers")) | {s for s in generic_vocabulary() if len(s) >= 2}
    return frozenset(out - set(words("project_heads")))


def _product_start(tail: str, places: Places) -> bool:
    """Does a product, a figure, a line, a place or a qualifier open ``tail``, or is it a
    short product of the industry classification?"""
    if re.match(r"^(?:[A-Za-z\d]|[一二三四五六七八九十]+[线期])", tail):
        return True
    if any(f.start == 0 for f in places.find(tail, lambda s, e: True)) or tail[:2] in place_names():
        return True
    if len(tail) <= 4 and product_head(tail) is not None:
        return True  # 龙马|铸锻件: a short product named by its head
    return bool(opens_with(tail, product_vocabulary())) and not opens_with(tail, frozenset(words("project_heads")))


def _plausible(found: str, places: Places) -> bool:
    if found in known_enterprises()[0]:
        return True
    if re.search(r"[“”（）()—·]", found):
        return False
    if found in word_set("generic_enterprises") or is_place(found, places) or PUBLIC_WORK.search(found):
        return False  # 引汉济渭, 疆电入渝: a public work's own name, no owner
    if strip_leading(found, keep=1)[1] or found.endswith(words("not_firm_endings")):
        return False  # 深化国资, 沱浍河: a verb's object, a river
    if len(found) <= 3 and all(c in load("places")["abbreviation_chars"] for c in found):
        return False  # 兰张, 厦漳泉: the abbreviated places a line joins
    return not re.search(r"\d", found) and not SCOPE.match(found)
