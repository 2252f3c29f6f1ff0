"""The SQLite store's name index: the search keys written with each plan, asked per tier.

Exact and prefix matches come from a B-tree on the folded name (prefixes as a key
range), Chinese substrings from the one-character-per-token full-text index (a phrase of
the query's characters), pinyin prefixes from the B-tree on pinyin and, for initials,
the trigram index (``^`` anchors a phrase at the start; under three letters, the range
of the first letter), pinyin substrings from the trigram index, and dropped-letter
pinyin (``kerqin``) from the pinyin range of the query's first letter. Every tier puts at
most ``RANKED`` matches in rank order and hands out ``cap`` of them; the few queries no
index serves (pinyin shorter than a trigram, punctuation only) scan at most ``SCAN``
entries. Either way the answer says ``truncated`` when there were more.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from graph.names import DROPPED, NameEntry, NameIndex, rank, tier_matches
from graph.records import NODE_TYPES
from graph.sqlite_plans import NODE_IN_PLAN
from graph.sqlite_rows import fts_chars, has_tokens

SCAN = 200_000
TOP = "\U0010ffff"

Query = Callable[[str, Sequence[Any]], list[Any]]
COLUMNS = "s.node AS id, s.type, s.name, s.text, s.is_alias, s.pinyin, s.initials, s.folded, s.position"
RANKED = 2_000
"""At most this many matches of a tier are put in rank order (the first found, in index order);
a tier with more is cut there and the answer says truncated."""
TYPE_RANK = "CASE type " + " ".join(f"WHEN '{t}' THEN {i}" for i, t in enumerate(NODE_TYPES)) + " END"
BEST_FIRST = (
    "SELECT *, count(*) OVER () FROM ({matches} LIMIT {ranked}) "
    f"ORDER BY is_alias, length(name), {TYPE_RANK}, name, id, position LIMIT ?"
)
FROM_SEARCH = f"SELECT {COLUMNS} FROM search s WHERE "
FROM_FTS = f"SELECT {COLUMNS} FROM {{table}} f JOIN search s ON s.sid = f.rowid WHERE {{table}} MATCH ?"


def _phrase(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _glob(query: str) -> str:
    """A GLOB pattern for ``query`` with any letters in between (``k*e*r*…``)."""
    escaped = ["[" + ch + "]" if ch in "*?[" else ch for ch in query]
    return "*".join(escaped) + "*"


class SqliteNameIndex(NameIndex):
    """``graph.names.NameIndex`` over the store's ``search`` tables."""

    def __init__(self, query: Query, plan_id: str | None = None) -> None:
        self.query = query
        self.plan_id = plan_id
        """Only the entries of nodes with provenance from this plan (``graph.plan_view``)."""

    def matching(self, tier: str, query: str, types: Sequence[str] | None, cap: int) -> tuple[list[NameEntry], bool]:
        entries: dict[tuple[str, str], NameEntry] = {}
        more = False
        for sql, params, scanned in self._parts(tier, query):
            if types is not None:
                sql += " AND s.type IN (SELECT value FROM json_each(?))"
                params = [*params, json.dumps(list(types))]
            if self.plan_id is not None:
                sql += " AND " + NODE_IN_PLAN
                params = [*params, self.plan_id]
            rows = self.query(BEST_FIRST.format(matches=sql, ranked=RANKED + 1), [*params, cap + 1])
            more = more or (bool(rows) and rows[0][-1] > cap) or (scanned and self._larger_than_scan())
            for e in map(self._entry, rows):
                if tier_matches(tier, query, e):
                    entries.setdefault((e.node_id, e.text), e)
        found = sorted(entries.values(), key=rank)
        return found[:cap], more or len(found) > cap

    @staticmethod
    def _entry(row: Sequence[Any]) -> NameEntry:
        return NameEntry(row[0], row[1], row[2], row[3], bool(row[4]), row[5], row[6], row[7], row[8])

    def _larger_than_scan(self) -> bool:
        return bool(self.query("SELECT 1 FROM search LIMIT 1 OFFSET ?", [SCAN]))

    def _parts(self, tier: str, q: str) -> list[tuple[str, list[Any], bool]]:
        """SQL and parameters finding ``tier``'s candidates, and whether each is a bounded scan."""
        if tier == "exact":
            return [(FROM_SEARCH + "s.folded = ?", [q], False)]
        if tier == "prefix":
            return [(FROM_SEARCH + "s.folded >= ? AND s.folded < ?", [q, q + TOP], False)]
        if tier == "substring":
            if has_tokens(q):
                return [(FROM_FTS.format(table="search_chars"), [_phrase(fts_chars(q))], False)]
            return [_scan("instr(s.folded, ?) > 0", q)]
        first = [q[:1], chr(ord(q[:1]) + 1)]
        if tier == "pinyin-prefix":
            initials = (
                (FROM_FTS.format(table="search_pinyin"), ["{initials} : ^" + _phrase(q)], False)
                if len(q) >= 3
                else (
                    FROM_SEARCH + "s.pinyin >= ? AND s.pinyin < ? AND substr(s.initials, 1, ?) = ?",
                    [*first, len(q), q],
                    False,
                )
            )
            return [(FROM_SEARCH + "s.pinyin >= ? AND s.pinyin < ?", [q, q + TOP], False), initials]
        if tier == "pinyin-substring":
            if len(q) >= 3:
                return [(FROM_FTS.format(table="search_pinyin"), ["{pinyin} : " + _phrase(q)], False)]
            return [_scan("instr(s.pinyin, ?) > 0", q)]
        return [
            (
                FROM_SEARCH + "s.pinyin >= ? AND s.pinyin < ? AND substr(s.pinyin, 1, ?) GLOB ?",
                [*first, len(q) + DROPPED, _glob(q)],
                False,
            )
        ]


def _scan(condition: str, q: str) -> tuple[str, list[Any], bool]:
    return (FROM_SEARCH + f"s.sid IN (SELECT sid FROM search ORDER BY sid LIMIT {SCAN}) AND {condition}", [q], True)
