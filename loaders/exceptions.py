"""Errors of the loaders; every message names the file and the reason."""

from __future__ import annotations

from pathlib import Path


class LoadError(Exception):
    """Root of the loaders' errors."""


class UnreadableDocument(LoadError):
    def __init__(self, path: str | Path, reason: str) -> None:
        super().__init__(f"cannot read {path}: {reason}")
        self.path = str(path)
        self.reason = reason


class ExtractionBudgetExceeded(LoadError):
    """Extraction of a document took more work than its size allows (a hostile file)."""

    def __init__(self, path: str | Path, limit: str) -> None:
        super().__init__(f"cannot extract {path}: it needs more than {limit}")
        self.path = str(path)
        self.limit = limit
