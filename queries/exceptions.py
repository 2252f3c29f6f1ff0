"""Errors of the query layer (the graph layer's lookup errors are re-exported)."""

from graph.exceptions import AmbiguousName, NodeNotFound


class QueryError(Exception):
    """Root of the query layer's own errors."""


class NoPath(QueryError):
    def __init__(self, source: str, target: str) -> None:
        super().__init__(f"no path between '{source}' and '{target}'")
        self.source = source
        self.target = target


class BadQuery(QueryError, ValueError):
    """A parameter out of range or of the wrong kind; the message names it."""


__all__ = ["AmbiguousName", "BadQuery", "NoPath", "NodeNotFound", "QueryError"]
