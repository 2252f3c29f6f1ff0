"""Errors of the graph layer; every message names the value that was wrong."""


class GraphError(Exception):
    """Root of the graph layer's errors."""


class NodeNotFound(GraphError, LookupError):
    def __init__(self, ref: str) -> None:
        super().__init__(f"no node '{ref}' in the graph")
        self.ref = ref


class AmbiguousName(GraphError, LookupError):
    def __init__(self, ref: str, candidates: list[str]) -> None:
        shown = ", ".join(candidates[:10])
        super().__init__(f"'{ref}' names {len(candidates)} nodes: {shown}; use an id")
        self.ref = ref
        self.candidates = candidates


class EmptyStore(GraphError, LookupError):
    """A question asked of a store that holds no plan."""

    def __init__(self) -> None:
        super().__init__("the store is empty: run `plangraph load FILE` or `plangraph serve`")


class StoreError(GraphError):
    """The store cannot be read or written."""
