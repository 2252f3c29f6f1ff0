"""Errors of the graph layer; every message names the value that was wrong."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


class GraphError(Exception):
    """Root of the graph layer's errors."""


@dataclass(frozen=True)
class Candidate:
    """A node named in an error: what it is, and the plans it comes from."""

    id: str
    type: str
    name: str
    plans: tuple[str, ...] = ()


PLANS_SHOWN = 3
"""A node named in hundreds of plans names this many of them in a message."""


def _plans(plans: tuple[str, ...]) -> str:
    """`` (plan:A, plan:B)``: where a node named in a message comes from."""
    more = len(plans) - PLANS_SHOWN
    shown = ", ".join(plans[:PLANS_SHOWN]) + (f" and {more} more" if more > 0 else "")
    return f" ({shown})" if plans else ""


class NodeNotFound(GraphError, LookupError):
    """No node by that id or name; ``suggestions`` are the nearest names the store holds,
    ``scope`` the plan a plan's view was asked for."""

    def __init__(
        self, ref: str, *, scope: str | None = None, suggestions: Sequence[Candidate] = (), what: str = "node"
    ) -> None:
        message = f"no {what} '{ref}' in {scope or 'the graph'}"
        if suggestions:
            names = [s.name for s in suggestions]
            shown = [s.name + (_plans(s.plans[:1]) if names.count(s.name) > 1 else "") for s in suggestions]
            message += f"; did you mean {', '.join(shown)}?"
        super().__init__(message)
        self.ref = ref
        self.scope = scope
        self.suggestions = list(suggestions)


class AmbiguousName(GraphError, LookupError):
    """A name that names several nodes; ``plans`` says which plans each comes from."""

    def __init__(self, ref: str, candidates: list[str], plans: Mapping[str, Sequence[str]] | None = None) -> None:
        plans = plans or {}
        shown = ", ".join(c + _plans(tuple(plans.get(c, ()))) for c in candidates[:10])
        advice = "use an id or choose a plan" if plans else "use an id"
        super().__init__(f"'{ref}' names {len(candidates)} nodes: {shown}; {advice}")
        self.ref = ref
        self.candidates = candidates
        self.plans = {c: list(plans.get(c, ())) for c in candidates}


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
