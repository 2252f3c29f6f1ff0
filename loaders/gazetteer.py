"""Access to the gazetteers: general knowledge kept as data beside the code."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def load(name: str) -> dict[str, Any]:
    """The gazetteer ``loaders/gazetteers/<name>.json`` (read once per process)."""
    text = resources.files("loaders.gazetteers").joinpath(f"{name}.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def words(key: str) -> tuple[str, ...]:
    """A word list of the lexicon, longest first (so the longest match wins)."""
    return tuple(sorted(load("lexicon")[key], key=len, reverse=True))


def alternation(key: str) -> str:
    """A regex alternation of a lexicon word list, longest first."""
    import re

    return "|".join(re.escape(w) for w in words(key))
