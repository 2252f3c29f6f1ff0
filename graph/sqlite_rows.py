"""Rows a record owns besides its own: provenance (in order) and search entries.

A record's provenance rows are numbered (``seq``) in the order the in-memory merge keeps
them; new ones are appended after the last. Each name and alias of a node is a row of
``search`` with its keys, and a row in each full-text index.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import Iterable

from graph.names import entries_of
from graph.records import Node, Provenance


def fts_chars(folded: str) -> str:
    """A folded name as the character index stores it: one token per character."""
    return " ".join(folded)


def has_tokens(text: str) -> bool:
    """Whether the character index can search ``text`` (it skips punctuation and spaces)."""
    return any(unicodedata.category(ch)[0] in "LN" or unicodedata.category(ch) == "Co" for ch in text)


class Rows:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.writing: str | None = None  # the plan being written, if one is
        self._plan_keys: dict[str, int] = {}

    def plan_key(self, plan_id: str) -> int:
        pk = self._plan_keys.get(plan_id)
        if pk is None:
            self.con.execute("INSERT OR IGNORE INTO plan_keys (id) VALUES (?)", (plan_id,))
            pk = self.con.execute("SELECT pk FROM plan_keys WHERE id = ?", (plan_id,)).fetchone()[0]
            self._plan_keys[plan_id] = pk
        return pk

    def provenance(self, table: str, owner: str, key: int, provenance: Iterable[Provenance], fresh: bool) -> None:
        """Append provenance after what the record has, skipping what it already holds
        (a ``fresh`` record takes its list as it is, as the in-memory merge does).

        The plan being written has no rows left on the record (they were deleted first),
        so only an entry naming another plan can be there already: those are looked up
        one by one, and a record shared by thousands of plans costs no more than another.
        """
        seq = 0
        if not fresh:  # table and column names are this module's own constants
            last = self.con.execute(f"SELECT max(seq) FROM {table} WHERE {owner} = ?", (key,)).fetchone()[0]
            seq = 0 if last is None else last + 1
        held: set[tuple[object, ...]] = set()
        out = []
        for p in provenance:
            row = (self.plan_key(p.plan), p.quote, p.start, p.end, p.source)
            if not fresh and (row in held or (p.plan != self.writing and self._holds(table, owner, key, row))):
                continue
            held.add(row)
            out.append((key, seq, *row))
            seq += 1
        self.con.executemany(
            f'INSERT INTO {table} ({owner}, seq, plan, quote, start, "end", source) VALUES (?, ?, ?, ?, ?, ?, ?)', out
        )

    def _holds(self, table: str, owner: str, key: int, row: tuple[object, ...]) -> bool:
        found = self.con.execute(
            f'SELECT 1 FROM {table} WHERE {owner} = ? AND plan = ? AND quote = ? AND start IS ? AND "end" IS ? '
            "AND source = ?",
            (key, *row),
        )
        return found.fetchone() is not None

    def add_names(self, nid: int, node: Node) -> None:
        for e in entries_of(node):
            folded = e.folded
            sid = self.con.execute(
                "INSERT INTO search (nid, node, type, name, text, folded, is_alias, position, pinyin, initials) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (nid, node.id, node.type, node.name, e.text, folded, int(e.is_alias), e.position, e.pinyin, e.initials),
            ).lastrowid
            self.con.execute("INSERT INTO search_chars (rowid, chars) VALUES (?, ?)", (sid, fts_chars(folded)))
            self.con.execute(
                "INSERT INTO search_pinyin (rowid, pinyin, initials) VALUES (?, ?, ?)", (sid, e.pinyin, e.initials)
            )

    def drop_names(self, nids: str) -> None:
        """Take the search entries of the nodes in ``nids`` (a JSON list) out of the index."""
        rows = self.con.execute(
            "SELECT sid, folded, pinyin, initials FROM search WHERE nid IN (SELECT value FROM json_each(?))", (nids,)
        ).fetchall()
        self.con.executemany(
            "INSERT INTO search_chars (search_chars, rowid, chars) VALUES ('delete', ?, ?)",
            [(sid, fts_chars(folded)) for sid, folded, _, _ in rows],
        )
        self.con.executemany(
            "INSERT INTO search_pinyin (search_pinyin, rowid, pinyin, initials) VALUES ('delete', ?, ?, ?)",
            [(sid, pinyin, initials) for sid, _, pinyin, initials in rows],
        )
        self.con.execute("DELETE FROM search WHERE nid IN (SELECT value FROM json_each(?))", (nids,))

    def rename(self, nid: int, node: Node) -> None:
        """The node's names changed: its search entries are written again."""
        self.drop_names(f"[{nid}]")
        self.add_names(nid, node)
