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
