"""Industries named in a plan, resolved to the taxonomy in ``gazetteers/industries.json``.

A sector is read by its name or an alias (现代农牧业 → 农牧业); a named sub-heading
that names an industry (``新能源产业。``) is an industry even when the taxonomy lacks it.
Umbrella words (传统产业, 新兴产业, 民营经济 …) are never industries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from loaders.gazetteer import load

SOURCE = "gazetteer:industries"
STANDALONE_AFTER = set("，,。；;、和与及等发展产业")


@dataclass(frozen=True)
class Sector:
    name: str
    aliases: tuple[str, ...] = ()
    parent: str | None = None
    upstream_of: tuple[str, ...] = ()
    chain: tuple[dict[str, Any], ...] = field(default=())

    def stage_of(self, text: str) -> str | None:
        """The chain link a project belongs to, by the product words in its name."""
        best: tuple[int, str] | None = None
        for stage in self.chain:
            for word in stage["products"]:
                if word in text and (best is None or len(word) > best[0]):
                    best = (len(word), stage["name"])
        return best[1] if best else None


@cache
def taxonomy() -> dict[str, Sector]:
    out = {}
    for entry in load("industries")["sectors"]:
        out[entry["name"]] = Sector(
            entry["name"],
            tuple(entry.get("aliases", [])),
            entry.get("parent"),
            tuple(entry.get("upstream_of", [])),
            tuple(entry.get("chain", [])),
        )
    return out


@cache
def _surfaces() -> tuple[dict[str, Sector], re.Pattern[str]]:
    by_surface: dict[str, Sector] = {}
    for sector in taxonomy().values():
        for s in (sector.name, *sector.aliases):
            by_surface.setdefault(s, sector)
    pattern = re.compile("|".join(re.escape(s) for s in sorted(by_surface, key=len, reverse=True)))
    return by_surface, pattern


def not_industry(name: str) -> bool:
    return name in load("industries")["not_industries"]


def find_industries(text: str) -> list[tuple[int, int, Sector]]:
    """Sector mentions in ``text``, longest first; umbrella words are skipped."""
    by_surface, pattern = _surfaces()
    umbrella = [
        (m.start(), m.end())
        for m in re.finditer("|".join(re.escape(w) for w in load("industries")["not_industries"] if len(w) > 2), text)
    ]
    out = []
    for m in pattern.finditer(text):
        if any(us <= m.start() and m.end() <= ue and (ue - us) > (m.end() - m.start()) for us, ue in umbrella):
            continue
        if len(m.group()) <= 2 and text[m.end() : m.end() + 1] not in STANDALONE_AFTER:
            continue  # 农业水价, 农业节水: a modifier, not the sector
        sector = by_surface[m.group()]
        if sector.name.endswith("服务业"):
            out.append(_service_compound(text, m.start(), m.end(), sector))
        else:
            out.append((m.start(), m.end(), sector))
    return out


def _service_compound(text: str, start: int, end: int, sector: Sector) -> tuple[int, int, Sector]:
    """``工业领域服务业``, ``农牧业生产性服务业``: a qualified service sector of its own."""
    from loaders.projects import BREAK, strip_leading

    s = start
    while s > 0 and text[s - 1] not in BREAK + "和与及" and start - s < 8:
        s -= 1
    name, cut = strip_leading(text[s:end])
    qualifier = name[: len(name) - (end - start)]
    by_surface, _ = _surfaces()
    known = next((q for q in sorted(by_surface, key=len, reverse=True) if qualifier.startswith(q)), None)
    if qualifier and (qualifier.endswith("领域") or known) and not not_industry(name) and "等" not in name:
        return (s + cut, end, Sector(name, parent=sector.name))
    return (start, end, sector)


def sector_for_heading(name: str) -> Sector:
    """The sector a named sub-heading names (from the taxonomy when it knows it)."""
    by_surface, _ = _surfaces()
    return by_surface.get(name) or Sector(name)
