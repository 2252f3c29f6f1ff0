"""Every query is bounded: checked depth and row limits with named errors."""

from __future__ import annotations

from collections.abc import Iterable

from graph.records import EDGE_TYPES, NODE_TYPES
from graph.store import DIRECTIONS
from queries.exceptions import BadQuery
from queries.models import MAX_DEPTH, MAX_LIMIT


def check(max_depth: int | None = None, limit: int | None = None) -> None:
    if max_depth is not None and not 1 <= max_depth <= MAX_DEPTH:
        raise BadQuery(f"max_depth must be between 1 and {MAX_DEPTH}, not {max_depth}")
    if limit is not None and not 1 <= limit <= MAX_LIMIT:
        raise BadQuery(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")


def _known(values: Iterable[str] | None, vocabulary: tuple[str, ...], what: str) -> list[str] | None:
    if values is None:
        return None
    chosen = list(values)
    unknown = [v for v in chosen if v not in vocabulary]
    if unknown:
        raise BadQuery(f"unknown {what} {unknown[0]!r}; known: {', '.join(vocabulary)}")
    return chosen


def edge_types(types: Iterable[str] | None) -> list[str] | None:
    return _known(types, EDGE_TYPES, "edge type")


def node_types(types: Iterable[str] | None) -> list[str] | None:
    return _known(types, NODE_TYPES, "node type")


def direction(value: str) -> str:
    if value not in DIRECTIONS:
        raise BadQuery(f"direction must be one of {', '.join(DIRECTIONS)}, not {value!r}")
    return value
