"""A store's local lists: the commission's enterprise, place and project lists, kept in the
store directory (``lists/``) once given, so that every later load reads them too."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from loaders.local_lists import LocalLists, read_list, read_lists

LISTS = "lists"
SUFFIXES = (".csv", ".xlsx")


def lists_dir(store_dir: Path) -> Path:
    return store_dir / LISTS


def saved(store_dir: Path) -> list[Path]:
    folder = lists_dir(store_dir)
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in SUFFIXES) if folder.is_dir() else []


def store_lists(store_dir: Path) -> LocalLists:
    """Every list the store keeps (none when it keeps none)."""
    return read_lists(saved(store_dir))


def keep(store_dir: Path, paths: list[Path]) -> list[Path]:
    """Read ``paths`` (so a bad row is refused before anything is kept) and copy them into
    the store's lists, each replacing a list of the same file name."""
    for path in paths:
        read_list(path)
    folder = lists_dir(store_dir)
    folder.mkdir(parents=True, exist_ok=True)
    kept = []
    for path in paths:
        fd, tmp = tempfile.mkstemp(prefix=".list-", suffix=path.suffix, dir=folder)
        os.close(fd)
        shutil.copyfile(path, tmp)
        os.replace(tmp, folder / path.name)
        kept.append(folder / path.name)
    return kept


def forget(store_dir: Path, name: str) -> Path:
    """Remove the list ``name`` from the store; raise FileNotFoundError when it has none."""
    path = lists_dir(store_dir) / Path(name).name
    path.unlink()
    return path
