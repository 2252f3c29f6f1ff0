"""The industry taxonomy: which written forms are one sector, its parent, its chain.

A written name is looked up by its core (``新能源产业`` and ``新能源`` are one sector;
``现代农牧业`` is 农牧业), so a node keeps the text's own words while the taxonomy still
knows it. Facts from here (part-of, upstream-of, chain links) are marked as coming from
``gazetteer:industries``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from loaders.gazetteer import load, regex, words

SOURCE = "gazetteer:industries"
PREFIX = regex("modern_prefix", "industries")
SUFFIX = regex("sector_suffix", "industries")
KEEP_YE = words("keep_ye", "industries")


@dataclass(frozen=True)
class Sector:
    name: str
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


def core(name: str) -> str:
    """``现代农牧业`` → 农牧, ``新能源产业`` → 新能源, ``鹅全产业链`` → 鹅."""
    out = PREFIX.sub("", name) if len(name) > 3 else name
    out = SUFFIX.sub("", out) or out
    if out.endswith("业") and len(out) >= 3 and not out.endswith(KEEP_YE):
        out = out[:-1]
    return out or name


@cache
def taxonomy() -> dict[str, Sector]:
    return {
        e["name"]: Sector(e["name"], e.get("parent"), tuple(e.get("upstream_of", [])), tuple(e.get("chain", [])))
        for e in load("industries")["sectors"]
    }


@cache
def _by_core() -> dict[str, Sector]:
    out: dict[str, Sector] = {}
    for entry in load("industries")["sectors"]:
        sector = taxonomy()[entry["name"]]
        for written in (entry["name"], *entry.get("aliases", [])):
            out.setdefault(core(written), sector)
    return out


def sector_of(name: str) -> Sector | None:
    return _by_core().get(core(name))
