"""Zones a document names itself: a proper name before a zone head (``南港工业区``,
``哈尔滨经开区``, ``儋州市洋浦经济开发区``) that the national gazetteer does not hold. They
become places of this document only, under the written and the official name (经开区 →
经济技术开发区), and, for a stem that is no place of its own, the stem too.
"""

from __future__ import annotations

import re
from functools import cache

from loaders.clauses import strip_leading
from loaders.gazetteer import load, words
from loaders.places import ADMIN_SUFFIX, Place, Places, gazetteer
from loaders.wording import proper_parts

NUMBERED = re.compile(r"[\d一二三四五六七八九十百千万亿两]|[级家个类批]$")


@cache
def _zone_heads() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(h) for h in words("zone_heads", "places")))


def document_zones(text: str, places: Places) -> dict[str, Place]:
    """The zones a document names by a proper name and a zone head (``南港工业区``,
    ``哈尔滨经开区``), by their written and official names and, for a stem that is no place
    of its own, the stem too (``向南港集聚`` names 南港工业区)."""
    data = load("places")
    out: dict[str, Place] = {}
    for m in _zone_heads().finditer(text):
        if any(text[m.end() - n : m.end()] in places.gaz.surfaces for n in range(len(m.group()) + 1, 9)):
            continue  # 滨海新区, 雄安新区: a unit or zone the gazetteer knows
        stem = _zone_stem(text, m.start(), data["name_boundary"])
        if not stem or stem + m.group() in places.gaz.surfaces or stem + m.group() in out:
            continue
        written = stem + m.group()
        lead = places.find(stem, lambda s, e: True)
        official = stem + data["zone_expansions"].get(m.group(), m.group())
        parent = lead[0].place if lead and lead[0].start == 0 else places.home
        code = (parent.code or parent.parent) if parent else None
        zone = Place(official, "zone", None, code)
        out[written] = out[official] = zone
        if not lead and stem not in places.gaz.surfaces and proper_parts(stem) == [stem]:
            out[stem] = zone  # 南港 names 南港工业区; no stem a common word covers a part of
    return out


def _zone_stem(text: str, at: int, boundary: str) -> str | None:
    """The proper name before a zone head: 2-4 characters after a boundary or after a unit's
    full name (``儋州市洋浦``经济开发区)."""
    for k in (4, 3, 2):
        stem = text[max(0, at - k) : at]
        before = text[at - k - 1] if at - k - 1 >= 0 else "，"
        after_unit = before in ADMIN_SUFFIX and any(
            s.form == "full"
            for n in range(2, 9)
            for s in gazetteer().surfaces.get(text[max(0, at - k - n) : at - k], ())
        )
        if (
            len(stem) == k
            and (before in boundary or after_unit)
            and not any(c in boundary for c in stem)
            and strip_leading(stem)[1] == 0
            and not NUMBERED.search(stem)
        ) and (proper_parts(stem) or gazetteer().surfaces.get(stem)):
            return stem
    return None
