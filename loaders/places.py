"""Places of China by the names a plan uses for them, found only where the text names them.

The units and their short forms are ``gazetteers/divisions.json`` (every province,
prefecture and county-level unit); zones, macro-regions, abbreviations and the words that
contain a place name without naming it are ``gazetteers/places.json``. One automaton over
every surface finds candidates in one pass; each is then accepted by its form:

- an official name (``牡丹江市``), unless a common word straddles its edge (示范县 ≠ 范县);
- a province's short form (``河南``) only as a word of its own (not in 霍林河南);
- a prefecture's short form (``广州``, ``鹤岗``) unless it is a common word (日照) or a
  street (赤峰道);
- a county's short form (``武清``) only for the home province and only inside a project's
  name (``武清站商务区``), where it is a place prefix;
- macro-regions (``京津冀``) only where the document's rules make them places.

Of the units one surface can mean, the official name wins, then the home province's unit,
then the higher level (``吉林`` → 吉林省, ``海南州`` → 海南藏族自治州).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Literal

from loaders.gazetteer import automaton, load, occurrences, word_set, words
from loaders.wording import crosses

SOURCE = "gazetteer:divisions+places"
MUNICIPALITIES = ("110000", "120000", "310000", "500000")
ADMIN_SUFFIX = set("省市县区旗盟州")
RIGHT_BREAKS = words("right_breaks", "places")
LEVELS = ("province", "prefecture", "zone", "county", "region")
FORMS = ("full", "alias", "local", "short")


@dataclass(frozen=True)
class Place:
    name: str
    level: str  # province | prefecture | county | zone | region
    code: str | None = None
    parent: str | None = None  # code of the unit it lies in


@dataclass(frozen=True)
class Surface:
    text: str
    place: Place | None  # None: a name that holds a place name but is none (上海合作组织)
    form: str  # full | alias | local | short | block


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    place: Place
    surface: str


class Gazetteer:
    """Every place surface of the country (built once per process)."""

    def __init__(self) -> None:
        self.by_code: dict[str, Place] = {}
        self.by_name: dict[str, Place] = {}
        self.surfaces: dict[str, list[Surface]] = {}
        self._units()
        self._extras()
        self.automaton = automaton((s, (s,)) for s in self.surfaces)

    def _add(self, text: str, place: Place | None, form: str) -> None:
        if len(text) >= 2:
            self.surfaces.setdefault(text, []).append(Surface(text, place, form))

    def _units(self) -> None:
        generic = word_set("generic_units", "places")
        for code, (name, level, parent, shorts) in load("divisions")["units"].items():
            place = Place(name, level, code, parent)
            self.by_code[code] = place
            self.by_name.setdefault(name, place)
            if name in generic:
                continue
            self._add(name, place, "full")
            for short in shorts:
                self._add(short, place, "short")

    def _extras(self) -> None:
        data = load("places")
        for name, entry in data["abbreviations"].items():
            unit = self.by_name[name]
            for short in load("divisions")["units"][unit.code][3]:  # the curated forms replace the rule's
                kept = [s for s in self.surfaces.get(short, []) if s.place != unit]
                if kept:
                    self.surfaces[short] = kept
                else:
                    self.surfaces.pop(short, None)
            for alias in entry.get("aliases", []):
                self._add(alias, unit, "alias")
            for alias in entry.get("local", []):
                self._add(alias, unit, "local")
        for zone in data["zones"]:
            place = Place(zone["name"], "zone", None, zone["parent"])
            self.by_name.setdefault(place.name, place)
            self._add(place.name, place, "full")
            for alias in zone.get("aliases", []):
                self._add(alias, place, "alias")
            for alias in zone.get("local", []):
                self._add(alias, place, "local")
        for region in data["regions"]:
            place = Place(region["name"], "region")
            self._add(place.name, place, "full")
            for alias in region.get("aliases", []):
                self._add(alias, place, "alias")
        for name in data["not_places"]:
            self._add(name, None, "block")

    def parent_of(self, place: Place) -> Place | None:
        return self.by_code.get(place.parent) if place.parent else None

    def province_of(self, place: Place) -> str | None:
        code = place.code or place.parent
        return code[:2] if code else None


@cache
def gazetteer() -> Gazetteer:
    return Gazetteer()


class Places:
    """The places of one document: its home (the region it is about) decides which
    short forms count, and its rules whether macro-regions are places."""

    def __init__(self, home: Place | None, regions: bool, extra: dict[str, Place] | None = None) -> None:
        self.gaz = gazetteer()
        self.home = home
        self.home_province = self.gaz.province_of(home) if home else None
        self.regions = regions
        self.extra = extra or {}
        self.extra_automaton = automaton((s, (s,)) for s in self.extra)

    def find(self, text: str, inside: Callable[[int, int], bool] = lambda s, e: False) -> list[Found]:
        """Places named in ``text``, leftmost-longest; ``inside(start, end)`` says whether a
        span lies in a project's name (where a county's short form is a place prefix)."""
        hits = occurrences(self.gaz.automaton, text) + occurrences(self.extra_automaton, text)
        hits.sort(key=lambda h: (h[0], -h[1]))
        out: list[Found] = []
        end = 0
        for start, stop, (surface,) in hits:
            if start < end:
                continue
            choice = self._choose(text, start, stop, surface, inside)
            if choice is False:
                continue
            end = stop
            if isinstance(choice, Place):
                out.append(Found(start, stop, choice, surface))
        return out

    def _choose(
        self, text: str, start: int, end: int, surface: str, inside: Callable[[int, int], bool]
    ) -> Place | Literal[False] | None:
        """The place a surface names here; None when it names no place but hides the
        places inside it (上海合作组织); False when this reading does not hold."""
        if surface in self.extra:
            return self.extra[surface]  # a zone the document itself names, found at a word boundary
        options = sorted(self.gaz.surfaces[surface], key=self._rank)
        if options[0].form == "block":
            return None
        for option in options:
            if self._accept(text, start, end, option, inside):
                return option.place
        return False

    def _rank(self, s: Surface) -> tuple[int, int, int]:
        if s.place is None:
            return (-1, 0, 0)
        home = 0 if self.gaz.province_of(s.place) == self.home_province else 1
        return (FORMS.index(s.form) if s.form in FORMS else 0, home, LEVELS.index(s.place.level))

    def _accept(self, text: str, start: int, end: int, s: Surface, inside: Callable[[int, int], bool]) -> bool:
        place = s.place
        assert place is not None
        if place.level == "region" and not self.regions:
            return False
        right = s.text[-1] not in ADMIN_SUFFIX
        after_function_word = start > 0 and text[start - 1] in load("places")["province_boundary"]
        if text[end - 1 : end + 1] in RIGHT_BREAKS:
            return False
        if crosses(text, start, end, left=not after_function_word, right=right):
            return False
        if s.form == "full":
            return len(s.text) > 2 or start == 0 or not _is_cjk(text[start - 1]) or text[start - 1] in ADMIN_SUFFIX
        if s.form == "alias":
            return True
        if s.form == "local":
            return self.home is not None and place.parent == self.home.code
        return self._accept_short(text, start, end, s, inside)

    def _accept_short(self, text: str, start: int, end: int, s: Surface, inside: Callable[[int, int], bool]) -> bool:
        place = s.place
        assert place is not None
        data = load("places")
        if s.text in word_set("ambiguous", "places") and place.level != "county":
            return False
        if any(text.startswith(suffix, end) for suffix in data["street_suffixes"]):
            return False
        if place.level == "province" and place.code not in MUNICIPALITIES:
            return start == 0 or text[start - 1] in data["province_boundary"]
        if place.level == "county":
            return self.gaz.province_of(place) == self.home_province and inside(start, end)
        return True

    def parent_of(self, place: Place) -> Place | None:
        return self.gaz.parent_of(place)


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"
