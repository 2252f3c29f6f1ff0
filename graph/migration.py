"""Opening a store directory: leftovers of killed writes are removed, and a JSON store
(``graph.json``, what plangraph kept before the SQLite store) is converted once.

The conversion writes a new database beside the JSON file and renames it into place
only when it is complete, with the JSON file's permissions; the JSON file is then
renamed aside (``graph.json.migrated``), never deleted. A lock file keeps two processes
opening the same directory from converting it twice.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import ValidationError

from graph.exceptions import StoreError
from graph.records import Graph
from graph.sqlite_write import PlanWriter

JSON_FILE = "graph.json"
LOCK_FILE = ".graph.lock"
LEFTOVERS = (".graph-*.tmp", ".graph-migrating-*")
"""Temporary files of the JSON store's writes and of conversions, if a kill left them."""


@contextmanager
def _locked(directory: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock, conversions are rare
        yield
        return
    with (directory / LOCK_FILE).open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def prepare(directory: Path, db_path: Path, initialise: Callable[[sqlite3.Connection], None]) -> str | None:
    """Make ``directory`` ready for the database at ``db_path``; a line saying what was
    converted, or None."""
    if db_path.exists() or not directory.is_dir():
        return None
    json_path = directory / JSON_FILE
    if not json_path.exists() and not any(next(directory.glob(p), None) for p in LEFTOVERS):
        return None  # a new store: nothing to convert or clean
    try:
        with _locked(directory):
            for pattern in LEFTOVERS:
                for leftover in directory.glob(pattern):
                    leftover.unlink(missing_ok=True)
            if db_path.exists() or not json_path.exists():
                return None
            return _convert(json_path, db_path, initialise)
    except OSError as exc:
        raise StoreError(f"cannot convert the store {directory}: {exc.strerror or exc}") from exc


def _convert(json_path: Path, db_path: Path, initialise: Callable[[sqlite3.Connection], None]) -> str:
    try:
        graph = Graph.model_validate_json(json_path.read_bytes())
    except (ValidationError, ValueError) as exc:
        raise StoreError(f"cannot read the JSON store {json_path}: {exc.__class__.__name__}") from exc
    fd, name = tempfile.mkstemp(prefix=".graph-migrating-", suffix=".sqlite", dir=json_path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        con = sqlite3.connect(tmp, isolation_level=None)
        try:
            initialise(con)
            con.execute("BEGIN IMMEDIATE")
            writer = PlanWriter(con)
            writer.insert(graph)
            writer.finish()
            con.execute("COMMIT")
        finally:
            con.close()
        os.chmod(tmp, stat.S_IMODE(json_path.stat().st_mode))
        os.replace(tmp, db_path)
    finally:
        tmp.unlink(missing_ok=True)
    aside = _aside(json_path)
    os.replace(json_path, aside)
    return (
        f"converted the JSON store {json_path} ({len(graph.nodes)} nodes, {len(graph.edges)} edges) "
        f"to {db_path.name}; the JSON file is kept as {aside.name}"
    )


def _aside(json_path: Path) -> Path:
    candidate = json_path.with_name(json_path.name + ".migrated")
    n = 1
    while candidate.exists():
        n += 1
        candidate = json_path.with_name(f"{json_path.name}.migrated-{n}")
    return candidate
