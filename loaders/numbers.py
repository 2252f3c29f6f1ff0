"""Quantities in plan text: a number, its unit and its qualifier, as written.

Numbers that name things rather than measure them are skipped: years (2025年),
ordinals and batches (第三批), codes (G5511, 5G), and anything inside quotes or
book-title marks (“1+8+1”, 《…2025—2027》).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from loaders.gazetteer import alternation, regex, words

MAGNITUDES = ("万", "亿")


def _units() -> str:
    """The lexicon's units and, for each measure word, its magnitudes (万个, 万家, 亿千瓦)."""
    listed = set(words("units"))
    measures = [u for u in listed if u not in ("%", "元") and not u.startswith(MAGNITUDES)]
    found = listed | {m + u for m in MAGNITUDES for u in measures}
    return "|".join(re.escape(u) for u in sorted(found, key=len, reverse=True))


UNIT = _units()
QUAL_AFTER = alternation("qualifiers_after")
QUAL_BEFORE = alternation("qualifiers_before")
CN_NUMBER = {"十": 10.0, "百": 100.0, "千": 1000.0, "万": 10000.0}

QUANTITY = re.compile(
    rf"(?P<qb>{QUAL_BEFORE})?"
    rf"(?:(?P<a>\d+(?:\.\d+)?)(?:[×x*](?P<b>\d+(?:\.\d+)?))?|(?P<cn>[十百千])(?=[万亿]))"
    rf"(?P<unit>{UNIT}|[万亿](?![\u4e00-\u9fff]*[元吨斤亩]))?"
    rf"(?P<qa>{QUAL_AFTER})?"
)
SHIELDED = re.compile(r"“[^”]*”|《[^》]*》|\([^)]*\)|（[^）]*）")
CURRENCY_CONTEXT = regex("currency_context")


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    value: float
    unit: str
    qualifier: str | None


def shielded(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in SHIELDED.finditer(text)]


def _is_name_number(text: str, s: int, e: int, unit: str) -> bool:
    before = text[s - 1] if s > 0 else ""
    after = text[e : e + 1]
    if before == "第" or re.match(r"[A-Za-z]", before) or re.match(r"[A-Za-z]", after):
        return True
    if unit in words("name_units"):
        return not (unit == "年" and "." in text[s:e])  # 受教育年限提高到11.7年 is a quantity
    return bool(not unit and re.match(r"[年届期批号级]", after))


def find_quantities(text: str, context: str = "") -> list[Quantity]:
    """Measured quantities in ``text`` (one clause or sentence)."""
    blocked = shielded(text)
    out = []
    for m in QUANTITY.finditer(text):
        if not (m.group("a") or m.group("cn")):
            continue
        ns = m.start("a") if m.group("a") else m.start("cn")
        if m.group("cn") and not (m.group("qb") or text[max(0, ns - 2) : ns] in ("突破", "达到")):
            continue  # 千万吨 in a slogan; only 超千亿-style figures are read
        if any(bs <= ns < be for bs, be in blocked):
            continue
        unit = m.group("unit") or ""
        if _is_name_number(text, ns, m.end("unit") if unit else ns + len(m.group("a") or "x"), unit):
            continue
        if not unit:
            continue
        if m.group("cn"):
            value = CN_NUMBER[m.group("cn")]
        else:
            value = float(m.group("a")) * (float(m.group("b")) if m.group("b") else 1.0)
        if unit in ("亿", "万") and CURRENCY_CONTEXT.search(context or text):
            unit += "元"
        qualifier = m.group("qa") or m.group("qb")
        if qualifier == "达":
            qualifier = None
        start = m.start("qb") if m.group("qb") and m.group("qb") != "达" else ns
        out.append(Quantity(start, m.end(), value, unit, qualifier))
    return out
