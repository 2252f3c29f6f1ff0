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


class StoreBusy(StoreError):
    """Another process held the store's write lock for longer than the wait allowed."""

    def __init__(self, where: str, seconds: float) -> None:
        super().__init__(
            f"the store {where} is being written by another process and stayed locked for {seconds:g} s: "
            "nothing was written, try again"
        )
        self.where = where


class PlanConflict(GraphError):
    """A plan id already holds a different document: never replaced silently."""

    def __init__(self, plan: str, stored: str, stored_sha256: str, new: str, new_sha256: str) -> None:
        super().__init__(
            f"{plan} already holds {stored} (sha256 {stored_sha256[:12]}); "
            f"{new} (sha256 {new_sha256[:12]}) is a different document"
        )
        self.plan = plan
        self.stored = stored
        self.new = new
