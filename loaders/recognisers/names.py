"""What makes a phrase a proper name, shared by the projects and enterprises recognisers.

- ``head``: the project head word a name ends in (铁路, 机场, 产业园, 二期工程 …);
- ``anchored``: a name needs an anchor beyond generic wording: a place, a known
  enterprise, a number or code, a phase, a quoted name, a national or provincial scope on
  a designation (国家大豆技术创新中心), or a proper part no common word covers (佳鹤);
- ``owner``: the enterprise a project name opens with (``梅花生物``25万吨苏氨酸项目,
  ``中石化``催化剂, ``北京大学``…创新中心), found by an organisation suffix, a known
  enterprise, or the split where a generic rest (product, facility) begins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from loaders.clauses import strip_leading
from loaders.gazetteer import alternation, automaton, load, occurrences, pattern, word_set, words
from loaders.places import Places, gazetteer
from loaders.wording import boundaries, common_words, place_names, proper_parts

SCOPE = re.compile(r"^(国家|全国|中国|亚洲|国际|省|自治区|市)(?!级)")
DESIGNATION_HEADS = (
    "中心",
    "实验室",
    "基地",
    "示范区",
    "先导区",
    "试验区",
    "资源库",
    "枢纽",
    "园区",
    "产业园",
    "示范城市",
)
COUNT = re.compile(
    r"(?<!第)(?:\d+[个家所座处条项批名场]|[一二三四五六七八九十百千两]+[个家所座处条项批名场])|\d+年以上|[%％]"
)
SIZE = re.compile(r"^\d+(?:\.\d+)?(?:万)?(?:公里|千米|米|平方米|平方公里|亩|公顷)")
GRADE = re.compile(r"\d*[A-Z]级|\d+星级")
PHASE = re.compile(r"[一二三四五六七八九十]+期")
QUOTED = re.compile(r"“[^”]*”")
PHASE_SUFFIX = re.compile(r"(?:[一二三四五六七八九十]+期|[东南西北]段)+$")
NOT_ANCHORS = (
    "一批",
    "各类",
    "更多",
    "相关",
    "所有",
    "一些",
    "若干",
    "全省",
    "全市",
    "全区",
    "重点",
    "已",
    "把",
    "将",
    "向",
    "对",
    "为",
)


@dataclass(frozen=True)
class Owner:
    name: str
    start: int  # offsets in the project name
    end: int


@cache
def head_pattern() -> re.Pattern[str]:
    suffix = load("lexicon")["project_head_suffixes"]
    return re.compile(f"(?:{alternation('project_heads')}){suffix}")


@cache
def known_enterprises() -> tuple[dict[str, str], object]:
    """Short and full names of the enterprises of ``enterprises.json`` → official name."""
    names: dict[str, str] = {}
    for e in load("enterprises")["enterprises"]:
        for surface in (e["name"], *e["short"]):
            names.setdefault(surface, e["name"])
    return names, automaton((s, (s,)) for s in names)


def known_enterprise_in(text: str) -> list[tuple[int, int, str]]:
    found = known_enterprises()[1]
    return [(s, e, v[0]) for s, e, v in occurrences(found, text)]


@cache
def generic_vocabulary() -> frozenset[str]:
    """Words that never anchor a name: product and industry words, heads, units."""
    keys = ("product_words", "project_heads", "company_suffixes", "generic_project_words")
    out = {w for k in keys for w in words(k)}
    out |= set(load("places")["not_places"]) | set(words("modern_words"))
    out |= {s["name"] for s in load("industries")["sectors"]}
    out |= {a for s in load("industries")["sectors"] for a in s.get("aliases", [])}
    return frozenset(out)


def head(name: str) -> str | None:
    """The head a name ends in (the longest at its end), or None."""
    best = None
    for m in head_pattern().finditer(name):
        if m.end() == len(name) and (best is None or m.start() < best.start()):
            best = m
    return best.group() if best else None


def anchored(modifier: str, head_word: str, places: Places) -> bool:
    """Has the part of a name before its head an anchor of its own? A quoted slogan
    (“双百”, “满园”) is none; a programme (…提升工程, …行动) needs a place, an enterprise or
    a figure; a description (``首个双跑道运行``) is no name."""
    if not modifier:
        return bool(PHASE.search(head_word))  # 机场三期
    if head_word.startswith("号") and re.fullmatch(r"[一二三四五六七八九十\d]+", modifier):
        return True  # 四号井: a numbered work
    if any(modifier.startswith(w) for w in NOT_ANCHORS) or re.search("的|等|这一|这个|并|各", modifier):
        return False
    if COUNT.search(modifier) or modifier.endswith("型") or SIZE.match(modifier):
        return False
    if re.search(r"([\u4e00-\u9fff])\1[^，]{0,4}通", modifier):
        return False  # 市市通高铁, 乡乡基本通三级以上公路: a slogan of coverage
    if any(w in modifier for w in (*words("superlatives"), *words("internal_verbs"), *words("not_in_names"))):
        return False
    rest = GRADE.sub("", modifier)
    strong = bool(places.find(rest, lambda s, e: True) or known_enterprise_in(rest) or PHASE.search(rest))
    strong = strong or bool(_org_prefix(rest + head_word)) or ("”" in rest and not _slogan(rest))
    strong = strong or _opens_with_unit(rest)
    if strong or re.search(r"\d|[A-Za-z]{2}", QUOTED.sub("", rest)) or re.search(r"“\d+[^”]*”", rest):
        return True
    rest = QUOTED.sub("", rest)
    if (modifier + head_word).endswith(tuple(words("programme_endings"))) or head_word in words("weak_heads"):
        return _designation(rest, head_word)
    return _designation(rest, head_word) or bool(proper_parts(rest, generic_vocabulary()))


def _opens_with_unit(rest: str) -> bool:
    """``怀柔``综合性国家科学中心: the name opens with a unit of anywhere in China (a county's
    short form counts as an anchor here, though not as a place of its own), no common word."""
    surfaces, streets = gazetteer().surfaces, tuple(load("places")["street_suffixes"])
    return any(
        rest[:k] in surfaces and rest[:k] not in common_words() and not rest.startswith(streets, k)
        for k in (4, 3, 2)
        if len(rest) > k
    )


def _designation(rest: str, head_word: str) -> bool:
    """``国家大豆技术创新中心``, ``省现代农业实验室``: a national or provincial scope on a
    designation with a topic of its own (not ``国家、省级…``, not ``国家实验室基地``)."""
    topic = SCOPE.sub("", rest)
    topic = topic[len(next((q for q in words("qualifiers") if topic.startswith(q)), "")) :]
    if SCOPE.match(rest) and head_word.endswith(DESIGNATION_HEADS) and len(topic) >= 2 and head(topic) is None:
        return not _plural_scope(rest)
    inner = re.search(r"(国家|全国|省)(重点)?$", rest)  # 陆相页岩油全国重点实验室
    return inner is not None and inner.start() >= 2 and head_word.endswith(DESIGNATION_HEADS)


def _slogan(text: str) -> bool:
    """A quoted slogan: numbers (“两重”, “双百”) or a four-character phrase (“快进慢游”)."""
    quoted = QUOTED.findall(text)
    return any(
        re.search(r"[一二三四五六七八九十百千万两双\d+、]", q) or len(q) == 6 or q[1:-1] in common_words()
        for q in quoted
    )


def _plural_scope(modifier: str) -> bool:
    return bool(re.match(r"^(国家|省|市)(级)?[、和]", modifier))


def owner(name: str, places: Places, listed: bool = True) -> Owner | None:
    """The enterprise a project name opens with, after any place prefix; lines, airports
    and other works no enterprise's name heads have none. A name met outside a list of
    projects is split at a product only when its head is one only enterprises have (总部)."""
    h = head(name)
    bare = PHASE_SUFFIX.sub("", h) if h else None
    if bare is not None and (not bare.endswith(tuple(words("owner_heads"))) or bare in words("line_heads")):
        return None
    org = _org_prefix(name)
    if org:
        return Owner(org, 0, len(org))
    lead = places.find(name, lambda s, e: True)
    skip = lead[0].end if lead and lead[0].start == 0 else 0
    rest = name[skip:]
    finders = [_known_prefix, _company_suffix, _stem_before_figure]
    if listed or bare is None or "总部" in name or bare in words("owner_implying_heads"):
        finders += [_product_split, _longest_split]
    for find in finders:
        found = find(rest, places)
        if found and _plausible(found, places) and _owns(found, rest, h) and not _works(found, rest):
            return Owner(found, skip, skip + len(found))
    return None


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


def _org_prefix(name: str) -> str | None:
    """``北京大学``京津冀…中心, ``市医院``新院区: a name that ends in an organisation word."""
    m = pattern(r"^[\u4e00-\u9fff]{1,10}?{org_suffixes}").match(name)
    return m.group() if m and len(name) - m.end() >= 2 else None


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
    products = [w for w in words("product_words") if rest.startswith(w)]
    for k in (2, 3, 4):
        stem, tail = rest[:k], rest[k:]
        if products and len(products[0]) > k:
            return None  # 硅基新材料项目: the name opens with its product
        if len(tail) >= 2 and k in cuts and _usable_stem(stem, places) and _product_start(tail, places):
            return None if _plain_words(stem) else stem
    return None


def _plain_words(stem: str) -> bool:
    """``火星``, ``低空制造``, ``环卫保洁``: a word, or two, of common wording, no brand."""

    def plain(word: str) -> bool:
        return word in common_words() or word in generic_vocabulary()

    return plain(stem) or (len(stem) == 4 and plain(stem[:2]) and plain(stem[2:]))


def _longest_split(rest: str, places: Places) -> str | None:
    """The longest opening of 2-4 characters on a word boundary, with a part no common
    word covers, after which the rest is generic wording (``工大卫星``研发试验总部基地,
    ``电科蓝天``宇航电源)."""
    if head(rest) in words("area_heads"):
        return None
    cuts = boundaries(rest)
    for k in (4, 3, 2):
        stem, tail = rest[:k], rest[k:]
        if len(tail) < 2 or k not in cuts or not _usable_stem(stem, places) or not proper_parts(stem):
            continue
        named = {f.surface for f in places.find(tail, lambda s, e: True)}
        if not proper_parts(tail, generic_vocabulary(), place_names(), named):
            return stem
    return None


def _usable_stem(stem: str, places: Places) -> bool:
    """No qualifier (绿色, 大型), no place alone (燕山) or abbreviated pair (京津), not ending in
    a place (协和天津)."""
    if stem.startswith(words("qualifiers")) or stem in place_names() or is_place(stem, places):
        return False
    if len(stem) == 2 and all(c in load("places")["abbreviation_chars"] for c in stem):
        return False
    return not any(f.end == len(stem) and f.start > 0 for f in places.find(stem, lambda s, e: True))


@cache
def _product_starts() -> tuple[str, ...]:
    keys = ("product_words", "qualifiers")
    out = {w for k in keys for w in words(k)} | {s for s in generic_vocabulary() if len(s) >= 2}
    out -= set(words("project_heads"))
    return tuple(sorted(out, key=len, reverse=True))


def _product_start(tail: str, places: Places) -> bool:
    if re.match(r"^(?:[A-Za-z\d]|[一二三四五六七八九十]+[线期])", tail):
        return True
    if any(f.start == 0 for f in places.find(tail, lambda s, e: True)) or tail[:2] in place_names():
        return True
    return tail.startswith(_product_starts())


def is_place(text: str, places: Places) -> bool:
    return any(f.start == 0 and f.end == len(text) for f in places.find(text, lambda s, e: True))


def _plausible(found: str, places: Places) -> bool:
    if found in known_enterprises()[0]:
        return True
    if re.search(r"[“”（）()—·]", found):
        return False
    if found in word_set("generic_enterprises") or is_place(found, places):
        return False
    if strip_leading(found, keep=1)[1] or found.endswith(words("not_firm_endings")):
        return False  # 深化国资, 沱浍河: a verb's object, a river
    if len(found) <= 3 and all(c in load("places")["abbreviation_chars"] for c in found):
        return False  # 兰张, 厦漳泉: the abbreviated places a line joins
    return not re.search(r"\d", found) and not SCOPE.match(found)
