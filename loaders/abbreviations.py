"""The short names plans write for places, made by rule for every unit of the country.

- a banner named by its side and position (``科尔沁左翼中旗``, ``察哈尔右翼前旗``,
  ``乌拉特前旗``) is written with the first character of each part: 科左中旗, 察右前旗,
  乌前旗; inside its own city or league the stem goes too: 左中, 右前;
- inside its own city or league, a unit whose name is a stem of three or more characters
  (a transliterated name: 科尔沁区, 扎鲁特旗, 昆都仑区, 托克托县, 霍林郭勒市) is written with
  its first character and its suffix: 科区, 扎旗, 昆区, 托县, 霍市;
- a development zone's head is shortened (``X经济技术开发区`` → X经开区, ``X高新技术产业
  开发区`` → X高新区, ``X综合保税区`` → X综保区), with and without a leading province name;
- a macro-region's core takes any region word (``京津冀`` → 京津冀地区, 京津冀经济圈,
  京津冀城市群); a province's one-character abbreviation with a direction names a part of
  it (``蒙东``, ``苏北``, ``闽西南``, ``陕南``), official name ``X地区``.

A form is kept only when no other unit already has it and no common word is spelled so
(``新区``, ``东方``); a local form only when it is the only one of its kind in its city.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from loaders.gazetteer import load

SIDED = re.compile(r"^(?P<stem>[\u4e00-\u9fff]{2,}?)(?P<wing>左翼|右翼)?(?P<pos>前|中|后|左|右)旗$")
SUFFIXES = ("旗", "县", "区", "市")
ZONE_SHORT = (
    ("经济技术开发区", "经开区"),
    ("高新技术产业开发区", "高新区"),
    ("高新技术产业园区", "高新区"),
    ("综合保税区", "综保区"),
)
Unit = tuple[str, str, str | None]  # name, level, parent code


def sided(name: str) -> tuple[str | None, str | None]:
    """``科尔沁左翼中旗`` → (科左中旗, 左中); ``乌拉特前旗`` → (乌前旗, None)."""
    m = SIDED.match(name)
    if not m:
        return None, None
    wing = m.group("wing")[0] if m.group("wing") else ""
    short = m.group("stem")[0] + wing + m.group("pos") + "旗"
    return short, (wing + m.group("pos") if wing else None)


def initial(name: str) -> str | None:
    """``科尔沁区`` → 科区: a stem of three or more characters before a one-character suffix."""
    if not name.endswith(SUFFIXES) or "自治" in name or SIDED.match(name):
        return None
    stem = name[:-1]
    return stem[0] + name[-1] if len(stem) >= 3 else None


def unit_forms(units: Iterable[tuple[str, Unit]]) -> Iterator[tuple[str, str, str]]:
    """(code, form, kind) for every county-level unit: kind ``alias`` holds anywhere,
    ``local`` only in a document about the unit's own city or league."""
    local: dict[tuple[str | None, str], list[str]] = {}
    for code, (name, level, parent) in units:
        if level != "county":
            continue
        short, position = sided(name)
        if short:
            yield code, short, "alias"
        for form in (position, initial(name)):
            if form:
                local.setdefault((parent, form), []).append(code)
    for (_, form), codes in local.items():
        if len(codes) == 1:
            yield codes[0], form, "local"


def zone_forms(name: str, provinces: Iterable[str]) -> list[str]:
    """The short names of a zone: its head shortened, and without a leading province
    (``河北唐山海港经济开发区`` → 唐山海港经济开发区) when a name of its own is left."""
    out = [
        name[: -len(head)] + short for head, short in ZONE_SHORT if name.endswith(head) and len(name) > len(head) + 1
    ]
    heads = tuple(load("places")["zone_heads"])
    for form in [name, *out]:
        lead = next((p for p in provinces if form.startswith(p)), None)
        rest = form[len(lead) :] if lead else ""
        if rest and not rest.startswith(heads) and not rest.startswith(("市", "省")):
            out.append(rest)
    return out


def region_forms(name: str, cores: list[str]) -> list[str]:
    """A macro-region's written forms: each core alone and with each region word."""
    suffixes = load("places")["region_suffixes"]
    return [f for core in cores for f in (core, *(core + s for s in suffixes)) if f != name]


def subregions() -> Iterator[tuple[str, str]]:
    """(official name, short form) of the parts of provinces named by direction: 蒙东地区/蒙东."""
    data = load("places")
    for char in data["subregion_chars"]:
        for direction in data["subregion_directions"]:
            yield char + direction + "地区", char + direction
