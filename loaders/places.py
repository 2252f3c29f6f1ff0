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

from loaders.abbreviations import region_forms, subregions, unit_forms, zone_forms
from loaders.gazetteer import automaton, load, occurrences, word_set, words
from loaders.wording import all_words, common_words, crosses

SOURCE = "gazetteer:divisions+places"
MUNICIPALITIES = ("110000", "120000", "310000", "500000")
ADMIN_SUFFIX = set("省市县区旗盟州")
RIGHT_BREAKS = words("right_breaks", "places")
LEVELS = ("province", "prefecture", "zone", "county", "region")
FORMS = ("full", "alias", "local", "part", "short")


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
        self.zones: list[Place] = []
        self._units()
        self._extras()
        self.automaton = automaton((s, (s,)) for s in self.surfaces)

    def _add(self, text: str, place: Place | None, form: str) -> None:
        if len(text) >= 2:
            self.surfaces.setdefault(text, []).append(Surface(text, place, form))

    def _units(self) -> None:
        generic = word_set("generic_units", "places")
        units = load("divisions")["units"]
        stems = _shared_stems(units)
        for code, (name, level, parent, shorts) in units.items():
            place = Place(name, level, code, parent)
            self.by_code[code] = place
            self.by_name.setdefault(name, place)
            if name in generic:
                continue
            self._add(name, place, "full")
            for short in shorts:
                if level != "county" or (code[:2], short) not in stems:
                    self._add(short, place, "short")

    def _extras(self) -> None:
        data = load("places")
        units = load("divisions")["units"]
        for code, form, kind in unit_forms((c, (u[0], u[1], u[2])) for c, u in units.items()):
            if form not in self.surfaces and form not in common_words():
                self._add(form, self.by_code[code], kind)
        provinces = sorted(
            {s for u in units.values() if u[1] == "province" for s in (u[0], *u[3])}, key=len, reverse=True
        )
        for zone in data["zones"]:
            place = Place(zone["name"], "zone", None, zone["parent"])
            self.by_name.setdefault(place.name, place)
            self.zones.append(place)
            self._add(place.name, place, "full")
            for alias in (*zone.get("aliases", []), *zone_forms(place.name, provinces)):
                if alias not in self.surfaces:
                    self._add(alias, place, "alias")
        for region in data["regions"]:
            place = Place(region["name"], "region")
            self._add(place.name, place, "full")
            for alias in region_forms(place.name, region["cores"]):
                self._add(alias, place, "alias")
        for name, short in subregions():
            if short not in self.surfaces and name not in self.surfaces and short not in common_words():
                place = Place(name, "region")
                self._add(name, place, "full")
                self._add(short, place, "part")
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
        self.bare = self._home_zones()
        self.extra_automaton = automaton((s, (s,)) for s in (*self.extra, *self.bare))

    def _home_zones(self) -> dict[str, Place]:
        """``开发区``, ``经开区``, ``高新区`` written bare in a city's plan: the city's own zone
        of that class, when it has exactly one."""
        home = self.home
        if home is None or home.level != "prefecture":
            return {}
        data = load("places")
        out = {}
        for bare, kind in data["bare_zones"].items():
            heads = tuple(data["zone_classes"][kind])
            own = [z for z in self.gaz.zones if z.parent == home.code and z.name.endswith(heads)]
            if len(own) == 1:
                out[bare] = own[0]
        return out

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
        if surface not in self.gaz.surfaces:  # a bare zone word: the home zone, as a place prefix
            return self.bare[surface] if inside(start, end) or _name_follows(text, end) else False
        options = sorted(self.gaz.surfaces[surface], key=self._rank)
        if options[0].form == "block":
            return None
        if any(o.form == "short" and o.place and o.place.level == "province" for o in options):
            options = [o for o in options if self._not_for_province(o)]
        for option in options:
            if self._accept(text, start, end, option, inside):
                return option.place
        return False

    def _not_for_province(self, s: Surface) -> bool:
        """A province's short form (海南, 吉林) names the province, unless a unit of the home
        province has it (海南州 in Qinghai's report)."""
        place = s.place
        return s.form != "short" or place is None or place.level == "province" or self._is_home(place)

    def _is_home(self, place: Place) -> bool:
        return self.home_province is not None and self.gaz.province_of(place) == self.home_province

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
            return self._accept_full(text, start, end)
        if s.form == "alias":
            return True
        if s.form == "part":  # 蒙东, 苏北: a part of a province, unless quoted in a slogan (“吉南辽北蒙东”)
            return text.rfind("“", 0, start) <= text.rfind("”", 0, start)
        if s.form == "local":
            return self.home is not None and place.parent == self.home.code
        return self._accept_short(text, start, end, s, inside)

    def _accept_full(self, text: str, start: int, end: int) -> bool:
        """An official name of three or more characters stands; a two-character one (和县)
        needs a boundary before it (a unit's name counts, the word 城市 does not) and no
        word after it that begins with its suffix (和县城); a three-character one ending in a
        word is none when a word also crosses its start (滨海城市)."""
        if end - start == 3 and start > 0 and text[end - 2 : end] in common_words():
            return text[start - 1 : start + 1] not in all_words()  # 滨海城市 is no 海城市
        if end - start > 2:
            return True
        if text[end - 1 : end + 1] in common_words():
            return False
        if start == 0 or not _is_cjk(text[start - 1]):
            return True
        return any(
            s.form == "full" for n in range(3, 9) for s in self.gaz.surfaces.get(text[max(0, start - n) : start], ())
        )

    def _accept_short(self, text: str, start: int, end: int, s: Surface, inside: Callable[[int, int], bool]) -> bool:
        place = s.place
        assert place is not None
        data = load("places")
        if any(text.startswith(suffix, end) for suffix in data["street_suffixes"]):
            return False
        if _inside_word(text, start, end):
            return False  # 巴丹吉林, 文山会海: the short form is part of a longer word
        if place.level == "province" and place.code not in MUNICIPALITIES:
            return start == 0 or text[start - 1] in data["province_boundary"]
        if s.text in word_set("ambiguous", "places"):
            boundary = start == 0 or text[start - 1] in data["province_boundary"]
            return place.level == "county" and boundary and self._home_county(place, start, end, inside)
        if place.level == "county":
            return self._home_county(place, start, end, inside)
        return True

    def _home_county(self, place: Place, start: int, end: int, inside: Callable[[int, int], bool]) -> bool:
        return self.gaz.province_of(place) == self.home_province and inside(start, end)

    def parent_of(self, place: Place) -> Place | None:
        return self.gaz.parent_of(place)


def _shared_stems(units: dict[str, list]) -> set[tuple[str, str]]:
    """(province, short form) of the county short forms that other units of the province
    begin with too (科尔沁 of 科尔沁区 opens 科尔沁左翼中旗): no place of their own."""
    names: dict[str, list[str]] = {}
    for code, (name, _, _, _) in units.items():
        names.setdefault(code[:2], []).append(name)
    out = set()
    for code, (name, level, _, shorts) in units.items():
        for short in shorts if level == "county" else ():
            if any(n != name and n.startswith(short) and len(n) > len(short) + 1 for n in names[code[:2]]):
                out.add((code[:2], short))
    return out


def _inside_word(text: str, start: int, end: int) -> bool:
    """Does a common word or a place name of three or four characters hold the span and
    run past it?"""
    words = all_words()
    for a in range(max(0, start - 3), start + 1):
        for b in range(end, min(len(text), a + 4) + 1):
            if (a < start or b > end) and b - a >= 3 and text[a:b] in words:
                return True
    return False


def _name_follows(text: str, end: int) -> bool:
    """A proper name right after a bare zone word (开发区鹏辉新能源): the zone is its place."""
    from loaders.wording import proper_parts

    rest = text[end : end + 4]
    return len(rest) >= 2 and _is_cjk(rest[0]) and bool(proper_parts(rest[:2]))


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff"
