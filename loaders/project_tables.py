"""Project-list tables (重点项目清单, 项目库) to projects with their investment, years,
status, owner and place.

A sheet's header is found by its column titles (``gazetteers/table_headers.json``: the
common Chinese and English variants), over one row or two (a merged ``投资（万元）`` above
``总投资`` and ``2025年计划投资``); amounts are normalised to 万元 from the unit in a
header, a units row or a ``单位：亿元`` line above the table. Blank rows, totals rows
(合计, 小计) and category rows (``一、工业项目``) are not projects; a cell that cannot be
read names its file, sheet, row and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from loaders.exceptions import UnreadableDocument
from loaders.gazetteer import load
from loaders.sheets import Sheet

BRACKETS = re.compile(r"[（(【\[][^）)】\]]*[）)】\]]")
YEAR_PREFIX = re.compile(r"^(?:19|20)\d{2}年(?:度)?")
AMOUNT = re.compile(r"^约?(-?\d+(?:\.\d+)?)\s*(万元|亿元|千元|元)?$")
YEARS = re.compile(r"((?:19|20)\d{2})(?:[.．/]\d{1,2})?\s*[-—–~～至到]\s*((?:19|20)\d{2})")
ONE_YEAR = re.compile(r"^((?:19|20)\d{2})(?:年|[.．/]\d{1,2})?")
CATEGORY = re.compile(r"^[（(]?[一二三四五六七八九十]+[）)、.．]")
MAX_HEADER_SCAN = 15


@dataclass
class Header:
    end: int  # index of the last header row
    fields: dict[int, str]  # column -> field
    units: dict[int, float]  # column -> factor to 万元
    default_unit: float = 1.0


@dataclass
class ProjectRow:
    sheet: str
    row: int  # 1-based, as a spreadsheet numbers it
    name: str
    values: dict[str, str] = field(default_factory=dict)
    investment: dict[str, Any] | None = None
    annual_investment: dict[str, Any] | None = None
    years: tuple[int, int] | None = None
    category: str | None = None


@cache
def _vocabulary() -> tuple[dict[str, str], dict[str, float], tuple[str, ...]]:
    data = load("table_headers")
    by_title = {_bare(v): f for f, variants in data["fields"].items() for v in variants}
    return by_title, data["units"], tuple(data["total_words"])


def _bare(title: str) -> str:
    """A column title without spaces, bracketed units or case: ``Total investment (亿元)`` → ``totalinvestment``."""
    return BRACKETS.sub("", title).replace(" ", "").strip("：:").lower()


def column_field(cell: str) -> tuple[str | None, float | None]:
    """The field a header cell names, and the unit its brackets give (factor to 万元)."""
    titles, units, _ = _vocabulary()
    unit = next((f for u, f in units.items() if u in cell), None)
    bare = _bare(cell)
    name = titles.get(bare) or titles.get(YEAR_PREFIX.sub("", bare))
    return name, unit


def find_header(sheet: Sheet) -> Header | None:
    """The header of a project table: a row naming the project column and at least one
    more, with the row below it when that row holds sub-titles."""
    _, units, _ = _vocabulary()
    default = 1.0
    for i, row in enumerate(sheet.rows[:MAX_HEADER_SCAN]):
        found = {c: column_field(cell) for c, cell in enumerate(row) if cell}
        fields = {c: f for c, (f, _) in found.items() if f}
        if "name" not in fields.values() or len(fields) < 2:
            line = "".join(row)
            default = next((f for u, f in units.items() if "单位" in line and u in line), default)
            continue
        header = Header(i, fields, {c: u for c, (_, u) in found.items() if u is not None}, default)
        if i + 1 < len(sheet.rows):
            below = {c: column_field(cell) for c, cell in enumerate(sheet.rows[i + 1]) if cell}
            subs = {c: f for c, (f, _) in below.items() if f and f != "name"}
            if subs:
                header.fields.update(subs)
                header.units.update({c: u for c, (_, u) in below.items() if u is not None})
                header.end = i + 1
        return header
    return None


def _amount(text: str, factor: float, where: str) -> dict[str, Any] | None:
    if not text or text in ("-", "—", "/"):
        return None
    m = AMOUNT.match(text.replace(",", "").replace("，", ""))
    if not m:
        raise UnreadableDocument(where, f"'{text}' is not an amount")
    _, units, _ = _vocabulary()
    value = float(m.group(1))
    unit = m.group(2)
    wan = value * (units[unit] if unit else factor)
    written = unit or next((u for u, f in units.items() if f == factor), "万元")
    return {"value": value, "unit": written, "wan_yuan": round(wan, 4)}


def _years(values: dict[str, str]) -> tuple[int, int] | None:
    m = YEARS.search(values.get("years", ""))
    if m:
        return int(m.group(1)), int(m.group(2))
    start = ONE_YEAR.match(values.get("start_year", ""))
    end = ONE_YEAR.match(values.get("end_year", ""))
    if start and end:
        return int(start.group(1)), int(end.group(1))
    one = ONE_YEAR.match(values.get("years", ""))
    return (int(one.group(1)), int(one.group(1))) if one else None


def _is_units_row(row: list[str]) -> bool:
    _, units, _ = _vocabulary()
    cells = [c for c in row if c]
    return bool(cells) and all(c.strip("（()）") in units for c in cells)


def project_rows(path: Path, sheet: Sheet, header: Header) -> list[ProjectRow]:
    """The projects of one sheet below its header."""
    _, _, totals = _vocabulary()
    name_col = next(c for c, f in header.fields.items() if f == "name")
    out: list[ProjectRow] = []
    category = None
    for i in range(header.end + 1, len(sheet.rows)):
        row = sheet.rows[i]
        cells = [c for c in row if c]
        if not cells:
            continue
        if _is_units_row(row):
            header.units.update({c: column_field(v)[1] or 1.0 for c, v in enumerate(row) if v})
            continue
        name = row[name_col] if name_col < len(row) else ""
        if any(c.replace(" ", "").lower().startswith(totals) for c in cells[:2]):
            continue
        if not name or (CATEGORY.match(name) and len(cells) <= 2):
            category = CATEGORY.sub("", name or cells[-1]).strip() or category
            continue
        values = {f: row[c] for c, f in header.fields.items() if c < len(row) and row[c]}
        project = ProjectRow(sheet.name, i + 1, name, values, category=category)
        for key in ("total_investment", "annual_investment"):
            col = next((c for c, f in header.fields.items() if f == key), None)
            if col is not None and col < len(row):
                where = f"{path} sheet {sheet.name} row {i + 1} column {col + 1} ({sheet.rows[header.end][col]})"
                amount = _amount(row[col], header.units.get(col, header.default_unit), where)
                setattr(project, "investment" if key == "total_investment" else key, amount)
        project.years = _years(values)
        out.append(project)
    return out


def find_project_tables(path: Path, sheets: list[Sheet]) -> list[ProjectRow]:
    """Every project row of every sheet that is a project table."""
    rows: list[ProjectRow] = []
    for sheet in sheets:
        header = find_header(sheet)
        if header is not None:
            rows += project_rows(path, sheet, header)
    return rows
