"""Access to the gazetteers: general knowledge kept as data beside the code.

Every file is read once per process. Word lists come back longest first (so the longest
match wins); patterns are compiled once, with ``{list}`` placeholders expanded into an
alternation of the lexicon's word list of that name.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any

import ahocorasick

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


@cache
def load(name: str) -> dict[str, Any]:
    """The gazetteer ``loaders/gazetteers/<name>.json``."""
    text = resources.files("loaders.gazetteers").joinpath(f"{name}.json").read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@cache
def words(key: str, name: str = "lexicon") -> tuple[str, ...]:
    """A word list, longest first."""
    return tuple(sorted(load(name)[key], key=len, reverse=True))


@cache
def word_set(key: str, name: str = "lexicon") -> frozenset[str]:
    return frozenset(load(name)[key])


@cache
def alternation(key: str, name: str = "lexicon") -> str:
    """A regex alternation of a word list, longest first."""
    return "|".join(re.escape(w) for w in words(key, name))


def expand(pattern: str, name: str = "lexicon") -> str:
    """``{project_heads}`` → the alternation of that word list of ``name``."""
    return PLACEHOLDER.sub(lambda m: f"(?:{alternation(m.group(1), name)})", pattern)


@cache
def pattern(source: str, name: str = "lexicon") -> re.Pattern[str]:
    """``source`` with its ``{word_list}`` placeholders expanded, compiled once."""
    return re.compile(expand(source, name))


@cache
def regex(key: str, name: str = "lexicon") -> re.Pattern[str]:
    """A pattern of a gazetteer (a string, or a list of alternatives), compiled once."""
    value = load(name)[key]
    source = value if isinstance(value, str) else "|".join(f"(?:{v})" for v in value)
    return re.compile(expand(source))


def automaton(entries: Iterable[tuple[str, Any]]) -> ahocorasick.Automaton:
    """One Aho-Corasick automaton over ``(surface, value)`` pairs: every occurrence of every
    surface in one pass over a text (``iter`` yields ``(last index, value)``)."""
    found = ahocorasick.Automaton()
    for surface, value in entries:
        found.add_word(surface, value)
    if len(found):
        found.make_automaton()
    return found


def occurrences(found: ahocorasick.Automaton, text: str) -> list[tuple[int, int, Any]]:
    """``(start, end, value)`` of every occurrence, leftmost first, longest first at a start."""
    if not len(found) or not text:
        return []
    hits = [(end + 1 - len(value[0]), end + 1, value) for end, value in found.iter(text)]
    return sorted(hits, key=lambda h: (h[0], -h[1]))
