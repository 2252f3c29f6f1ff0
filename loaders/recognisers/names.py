"""What makes a phrase a proper name, shared by the projects and enterprises recognisers.

- ``head``: the project head word a name ends in (铁路, 机场, 产业园, 二期工程 …);
- ``anchored``: a name needs an anchor beyond generic wording: a place, a known
  enterprise, a number or code, a phase, a quoted name, a national or provincial scope on
  a designation (国家大豆技术创新中心), or a proper part no common word covers (佳鹤);
- ``is_place``, ``known_enterprise_in``: the places and known enterprises a name holds
  (owners are ``owners``' business).
"""

from __future__ import annotations

import re
from functools import cache

from loaders.gazetteer import alternation, automaton, load, occurrences, pattern, regex, words
from loaders.places import Places, gazetteer
from loaders.wording import common_words, proper_parts, straddled

SCOPE = regex("name_scope")
DESIGNATION_HEADS = words("designation_heads")
COUNT = regex("count_in_name")
SIZE = regex("size_in_name")
GRADE = regex("grade")
PHASE = regex("phase")
QUOTED = re.compile(r"“[^”]*”")
PHASE_SUFFIX = regex("phase_suffix")
NOT_ANCHORS = words("not_anchors")
NUMBERED = regex("numbered_works")


@cache
def head_pattern() -> re.Pattern[str]:
    suffix = load("lexicon")["project_head_suffixes"]
    return re.compile(f"(?:{load('lexicon')['numbered_works']}|{alternation('project_heads')}){suffix}")


@cache
def known_enterprises() -> tuple[dict[str, str], object]:
    """Short and full names of the enterprises of ``enterprises.json`` → official name."""
    names: dict[str, str] = {}
    for e in load("enterprises")["enterprises"]:
        for surface in (e["name"], *e["short"]):
            names.setdefault(surface, e["name"])
    return names, automaton((s, (s,)) for s in names)


def known_enterprise_in(text: str) -> list[tuple[int, int, str]]:
    """Known enterprises in ``text``; a short name of two or three characters only as a
    word of its own (中行 is none in 扩中行动, 中粮 none in 其中粮食, 国网 none in 中国网络)."""
    found = known_enterprises()[1]
    return [(s, e, v[0]) for s, e, v in occurrences(found, text) if e - s > 3 or not straddled(text, s, e)]


@cache
def generic_vocabulary() -> frozenset[str]:
    """Words that never anchor a name: product and industry words, heads, units."""
    keys = ("project_heads", "company_suffixes", "generic_project_words")
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
        return bool(PHASE.search(head_word) or NUMBERED.match(head_word))  # 机场三期, 四号井
    if any(modifier.startswith(w) for w in NOT_ANCHORS) or regex("in_name_breakers").search(modifier):
        return False
    if COUNT.search(modifier) or modifier.endswith("型") or SIZE.match(modifier):
        return False
    if re.search(r"([\u4e00-\u9fff])\1[^，]{0,4}通", modifier):
        return False  # 市市通高铁, 乡乡基本通三级以上公路: a slogan of coverage
    if any(w in modifier for w in (*words("superlatives"), *words("internal_verbs"), *words("not_in_names"))):
        return False
    rest = GRADE.sub("", modifier)
    strong = bool(places.find(rest, lambda s, e: True) or known_enterprise_in(rest) or PHASE.search(rest))
    strong = strong or bool(org_prefix(rest + head_word)) or ("”" in rest and not _slogan(rest))
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


def org_prefix(name: str) -> str | None:
    """``北京大学``京津冀…中心, ``市医院``新院区: a name that ends in an organisation word."""
    m = pattern(r"^[\u4e00-\u9fff]{1,10}?{org_suffixes}").match(name)
    return m.group() if m and len(name) - m.end() >= 2 else None


def is_place(text: str, places: Places) -> bool:
    return any(f.start == 0 and f.end == len(text) for f in places.find(text, lambda s, e: True))
