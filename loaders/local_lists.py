"""The commission's own lists (enterprises, places, projects) as gazetteers of one store.

A list is a CSV or XLSX file whose columns say what it lists: 企业名称 (enterprises: short
names, banner), 地名 (places: aliases, parent) or 项目名称 (projects: aliases, enterprise,
banner, industry); titles in their usual variants, as for project tables. The recognisers
read these names beside the general data; the lists never ship inside the package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from loaders.exceptions import UnreadableDocument
from loaders.project_tables import column_field
from loaders.read import read_bytes
from loaders.sheets import READERS, Sheet

KINDS = {"enterprise_name": "enterprise", "place_name": "place", "name": "project"}
LIST_SPLIT = re.compile(r"[、,，;；/|]")
COLUMN_FIELDS = {
    "enterprise": {"aliases": "aliases", "place": "banner"},
    "place": {"aliases": "aliases", "parent": "parent"},
    "project": {"aliases": "aliases", "owner": "enterprise", "place": "banner", "industry": "industry"},
}


@dataclass(frozen=True)
class Entry:
    kind: str  # enterprise | place | project
    name: str
    aliases: tuple[str, ...] = ()
    banner: str | None = None
    parent: str | None = None
    enterprise: str | None = None
    industry: str | None = None
    where: str = ""  # file and row, for provenance


@dataclass
class LocalLists:
    entries: list[Entry] = field(default_factory=list)

    def of(self, kind: str) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind]

    def canonical(self, kind: str, written: str) -> Entry | None:
        """The entry of ``kind`` that ``written`` is the name or a short name of."""
        return self._index.get((kind, written))

    @cached_property
    def _index(self) -> dict[tuple[str, str], Entry]:
        index: dict[tuple[str, str], Entry] = {}
        for e in self.entries:
            for surface in (*e.aliases, e.name):  # a name wins over another entry's short name
                index[(e.kind, surface)] = e
        return index

    def __bool__(self) -> bool:
        return bool(self.entries)


def _kind(path: Path, sheet: Sheet) -> tuple[str, int, dict[int, str], int] | None:
    """What a sheet lists, its name column, its columns' fields and its header row."""
    header = _header(sheet)
    if header is None:
        return None
    end, fields = header
    named = [(c, KINDS[f]) for c, f in fields.items() if f in KINDS]
    if len({k for _, k in named}) != 1:
        raise UnreadableDocument(
            path, f"sheet {sheet.name}: say what it lists with one name column: 企业名称, 地名 or 项目名称"
        )
    column, kind = named[0]
    return kind, column, fields, end


def _header(sheet: Sheet) -> tuple[int, dict[int, str]] | None:
    for i, row in enumerate(sheet.rows[:5]):
        fields = {c: f for c, cell in enumerate(row) if cell and (f := column_field(cell)[0])}
        if any(f in KINDS for f in fields.values()):
            return i, fields
    return None


def read_list(path: Path) -> list[Entry]:
    """The entries of one list file; a row without a name names its file, row and column."""
    reader = READERS.get(path.suffix.lower())
    if reader is None or path.suffix.lower() == ".docx":
        raise UnreadableDocument(path, "a list is a .csv or .xlsx file")
    entries: list[Entry] = []
    for sheet in reader(path, read_bytes(path)):
        found = _kind(path, sheet)
        if found is None:
            continue
        kind, name_col, fields, end = found
        columns = {c: COLUMN_FIELDS[kind][f] for c, f in fields.items() if f in COLUMN_FIELDS[kind]}
        for r in range(end + 1, len(sheet.rows)):
            row = sheet.rows[r]
            if not any(row):
                continue
            name = row[name_col] if name_col < len(row) else ""
            if not name:
                title = sheet.rows[end][name_col]
                raise UnreadableDocument(
                    path, f"sheet {sheet.name} row {r + 1} column {name_col + 1} ({title}) is empty"
                )
            values: dict[str, str] = {key: row[c] for c, key in columns.items() if c < len(row) and row[c]}
            aliases = tuple(a.strip() for a in LIST_SPLIT.split(values.pop("aliases", "")) if a.strip())
            entries.append(Entry(kind, name, aliases, where=f"{path.name}#{sheet.name}!{r + 1}", **values))
    if not entries:
        raise UnreadableDocument(path, "no list found: no sheet has a 企业名称, 地名 or 项目名称 column")
    return entries


def read_lists(paths: list[Path]) -> LocalLists:
    return LocalLists([e for p in paths for e in read_list(p)])
