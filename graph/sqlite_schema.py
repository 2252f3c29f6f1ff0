"""The tables of the embedded store (``graph.sqlite`` in the store directory).

Nodes, edges and their provenance are rows; a plan's provenance rows are found by the
plan's key, so replacing a plan touches that plan's rows and the few shared records it
mentions, never the whole store. Edges name their ends by the nodes' row numbers, and
provenance its record's: rows a plan writes together get neighbouring numbers, so a
write dirties few pages of those tables and their indexes (a B-tree over random text
keys would dirty one page per row, and what a write costs would grow with the store).
``search`` holds every name's and alias's search keys (pinyin computed when the plan was
written), with the node's id, type and name so that ranking needs no other table, and two
full-text indexes: one character per token for Chinese substrings of
any length, and trigrams of pinyin and initials for pinyin substrings and prefixes.
``counts`` keeps the number of nodes and edges per type; ``meta`` the schema version
and the generation, which every write increments (a serving process compares it to
know when to reload).
"""

from __future__ import annotations

VERSION = 1

SCRIPT = """
BEGIN IMMEDIATE;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS plans (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    source TEXT,
    sha256 TEXT,
    loaded_at TEXT NOT NULL,
    text TEXT
);
CREATE TABLE IF NOT EXISTS plan_keys (pk INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE);
CREATE TABLE IF NOT EXISTS nodes (
    nid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    aliases TEXT NOT NULL,
    attributes TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS nodes_by_type ON nodes (type);
CREATE TABLE IF NOT EXISTS edges (
    eid INTEGER PRIMARY KEY,
    source INTEGER NOT NULL,
    target INTEGER NOT NULL,
    type TEXT NOT NULL,
    attributes TEXT NOT NULL,
    UNIQUE (source, type, target)
);
CREATE INDEX IF NOT EXISTS edges_by_target ON edges (target, type, source);
CREATE TABLE IF NOT EXISTS node_provenance (
    nid INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    plan INTEGER NOT NULL,
    quote TEXT NOT NULL,
    start INTEGER,
    "end" INTEGER,
    source TEXT NOT NULL,
    PRIMARY KEY (nid, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS node_provenance_by_plan ON node_provenance (plan, nid);
CREATE TABLE IF NOT EXISTS edge_provenance (
    eid INTEGER NOT NULL,
    seq INTEGER NOT NULL,
    plan INTEGER NOT NULL,
    quote TEXT NOT NULL,
    start INTEGER,
    "end" INTEGER,
    source TEXT NOT NULL,
    PRIMARY KEY (eid, seq)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS edge_provenance_by_plan ON edge_provenance (plan, eid);
CREATE TABLE IF NOT EXISTS counts (kind TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS search (
    sid INTEGER PRIMARY KEY,
    nid INTEGER NOT NULL,
    node TEXT NOT NULL,
    type TEXT NOT NULL,
    name TEXT NOT NULL,
    text TEXT NOT NULL,
    folded TEXT NOT NULL,
    is_alias INTEGER NOT NULL,
    position INTEGER NOT NULL,
    pinyin TEXT NOT NULL,
    initials TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS search_by_node ON search (nid);
CREATE INDEX IF NOT EXISTS search_by_folded ON search (folded);
CREATE INDEX IF NOT EXISTS search_by_pinyin ON search (pinyin);
CREATE VIRTUAL TABLE IF NOT EXISTS search_chars USING fts5 (chars, content='');
CREATE VIRTUAL TABLE IF NOT EXISTS search_pinyin USING fts5 (pinyin, initials, content='', tokenize='trigram');
INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', 1), ('generation', 0);
COMMIT;
"""
