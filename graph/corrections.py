"""The officer's corrections: small, human-readable records kept in one JSON Lines file
beside the extracted graph (``corrections.jsonl`` in the store directory), one per line,
so the file diffs well and is safe to keep in git.

Writes are atomic (a temporary file renamed over the old one) and serialised between
processes by a lock file; a line that is not a correction is reported with its number
and never silently dropped.
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from graph.exceptions import GraphError
from graph.records import EdgeType, NodeType

FILE = "corrections.jsonl"


class CorrectionsError(GraphError):
    """The corrections file cannot be read or written; the message names the line."""


class _Base(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str = Field(default_factory=lambda: f"fix-{secrets.token_hex(4)}", description="stable id of the correction")
    when: str = Field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))
    who: str = Field(default="", description="who made it (a name given, or the OS user)")
    why: str = Field(default="", description="the reason, in the officer's words")


class Subject(BaseModel):
    """The node a correction is about, as it was when the correction was made: its id,
    and its type, name and first quote to find it again should its id drift."""

    model_config = ConfigDict(extra="forbid")

    id: str
    type: NodeType | None = None
    name: str | None = None
    quote: str | None = None


class DeleteNode(_Base):
    op: Literal["delete-node"] = "delete-node"
    node: Subject


class DeleteEdge(_Base):
    op: Literal["delete-edge"] = "delete-edge"
    source: Subject
    target: Subject
    edge_type: EdgeType


class Rename(_Base):
    op: Literal["rename"] = "rename"
    node: Subject
    name: str = Field(min_length=1)


class Retype(_Base):
    op: Literal["retype"] = "retype"
    node: Subject
    type: NodeType


class SetAttribute(_Base):
    op: Literal["set-attribute"] = "set-attribute"
    node: Subject
    key: str = Field(min_length=1)
    value: Any = Field(description="the new value; null removes the attribute")


class Merge(_Base):
    op: Literal["merge"] = "merge"
    node: Subject
    into: Subject


class AddNode(_Base):
    op: Literal["add-node"] = "add-node"
    type: NodeType
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    attributes: dict[str, Any] = Field(default_factory=dict)
    quote: str | None = Field(default=None, description="the plan's words that justify it")
    note: str | None = None
    plan: str | None = Field(default=None, description="the plan it belongs to (needed for Section, Task, Target)")


class AddEdge(_Base):
    op: Literal["add-edge"] = "add-edge"
    source: Subject
    target: Subject
    edge_type: EdgeType
    quote: str | None = None
    note: str | None = None


Correction = Annotated[
    DeleteNode | DeleteEdge | Rename | Retype | SetAttribute | Merge | AddNode | AddEdge, Field(discriminator="op")
]
PARSER: TypeAdapter[Correction] = TypeAdapter(Correction)


def parse_lines(text: str, where: str) -> tuple[list[Correction], list[str]]:
    """The corrections of a JSON Lines text, and a message for each line that is not one."""
    found: list[Correction] = []
    problems: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            found.append(PARSER.validate_python(json.loads(line)))
        except (ValueError, ValidationError) as exc:
            first = str(exc).strip().splitlines()
            reason = first[2].strip() if isinstance(exc, ValidationError) and len(first) > 2 else first[0]
            problems.append(f"{where} line {number} is not a correction: {reason}")
    return found, problems


class CorrectionsFile:
    """The corrections of one store, read fresh whenever the file changed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._seen: tuple[int, int] | None = None
        self._cached: tuple[list[Correction], list[str]] = ([], [])

    def stamp(self) -> tuple[int, int] | None:
        try:
            st = self.path.stat()
        except FileNotFoundError:
            return None
        return (st.st_mtime_ns, st.st_size)

    def read(self) -> tuple[list[Correction], list[str]]:
        """Every correction in the file, in order, and the problems of lines that are not."""
        stamp = self.stamp()
        if stamp != self._seen:
            text = self.path.read_text(encoding="utf-8") if stamp is not None else ""
            self._cached, self._seen = parse_lines(text, self.path.name), stamp
        return self._cached

    @contextmanager
    def editing(self) -> Iterator[list[Correction]]:
        """The corrections, for changing in place; written back atomically on exit,
        one writer at a time. Refused while the file has lines that are not corrections."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with (self.path.parent / ".corrections.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            self._seen = None
            corrections, problems = self.read()
            if problems:
                raise CorrectionsError(problems[0] + " (fix or remove it first)")
            yield corrections
            self._write(corrections)

    def _write(self, corrections: list[Correction]) -> None:
        lines = [c.model_dump_json() + "\n" for c in corrections]
        fd, tmp = tempfile.mkstemp(prefix=".corrections-", suffix=".tmp", dir=self.path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.writelines(lines)
                fh.flush()
                os.fsync(fh.fileno())
            if self.path.exists():
                os.chmod(tmp, self.path.stat().st_mode & 0o777)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        self._seen = None
