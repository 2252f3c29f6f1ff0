"""Who a plan is: its region, year and kind, read from the document itself.

Many reports are titled just ``政府工作报告``, so the title alone never identifies a plan:
the region comes from the title, else the dateline (``在海南省第七届人民代表大会…上``), the
speaker (``海南省省长 刘小明``), the other head lines (``来源：云南日报``) or, last, the place
the body names most; the year from the title or the dateline (``二〇二六年一月…``). The id
is ``plan:<year>年<region><kind>``; when region, year or kind cannot be read it is the
title with the first 8 hex digits of the text's SHA-256, so two unknown documents never
share an id.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loaders.gazetteer import load, regex
from loaders.layout import LAYOUT, Layout
from loaders.places import Place, Places

CN_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"零": "0"}


@dataclass(frozen=True)
class Identity:
    title: str
    region: Place | None
    year: int | None
    kind: str | None
    source: str
    sha256: str

    @property
    def plan_id(self) -> str:
        if self.region and self.year and self.kind:
            return f"plan:{self.year}年{self.region.name}{self.kind}"
        return f"plan:{self.title}-{self.sha256[:8]}"

    def attributes(self) -> dict[str, Any]:
        return {
            "region": self.region.name if self.region else None,
            "region_code": self.region.code or self.region.parent if self.region else None,
            "year": self.year,
            "kind": self.kind,
            "title": self.title,
            "source": self.source,
            "sha256": self.sha256,
        }


def identify(layout: Layout, source: str) -> Identity:
    title = layout.title or Path(source).stem
    lines = [title, *layout.head]
    return Identity(
        title=title,
        region=_region(lines, layout),
        year=_year(lines),
        kind=_kind(title),
        source=source,
        sha256=hashlib.sha256(layout.text.encode("utf-8")).hexdigest(),
    )


def _kind(title: str) -> str | None:
    return next((kind for kind, pattern in load(LAYOUT)["kind_words"] if re.search(pattern, title)), None)


def _year(lines: list[str]) -> int | None:
    year = regex("year", LAYOUT)
    for line in lines[:1]:
        m = year.search(line)
        if m:
            return int(m.group(1))
    dateline = regex("dateline_year", LAYOUT)
    for line in lines:
        m = dateline.search(line)
        if m:
            digits = "".join(CN_DIGITS.get(c, c) for c in m.group(1))
            return int(digits)
    return None


def _region(lines: list[str], layout: Layout) -> Place | None:
    places = Places(None, regions=False)
    dateline, speaker = regex("region_in_dateline", LAYOUT), regex("region_of_speaker", LAYOUT)
    candidates = [lines[0]]
    for line in lines[1:]:
        for pattern in (dateline, speaker):
            m = pattern.search(line)
            if m:
                candidates.append(m.group(1))
    candidates += lines[1:]
    for text in candidates:
        found = [f.place for f in places.find(text) if f.place.level in ("province", "prefecture", "county")]
        if found:
            return max(found, key=lambda p: ("province", "prefecture", "county").index(p.level))
    return _most_named(places, layout)


def _most_named(places: Places, layout: Layout) -> Place | None:
    counts: Counter[Place] = Counter()
    for paragraph in layout.body[:40]:
        counts.update(f.place for f in places.find(paragraph.text) if f.place.level in ("province", "prefecture"))
    return counts.most_common(1)[0][0] if counts else None
