"""The graph as a whole: exporting, counting, health (counts come from the store's
tallies, never from reading the graph)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query
from fastapi.responses import Response
from pydantic import BaseModel

from api.deps import ScopedDep, StoreDep
from api.errors import ERROR_RESPONSES
from api.responses import ModelResponse
from graph.export import EXPORTERS
from graph.records import NODE_TYPES

router = APIRouter(tags=["graph"], responses=ERROR_RESPONSES)


class PlanSummary(BaseModel):
    id: str
    name: str


class Stats(BaseModel):
    counts: dict[str, int]
    plans: list[PlanSummary]


class Health(BaseModel):
    status: Literal["ok"]
    nodes: int


@router.get("/health", response_model=Health)
async def health(store: StoreDep) -> Response:
    """Liveness: the service answers and the store is readable."""
    counts = store.counts()
    return ModelResponse(Health(status="ok", nodes=sum(counts[t] for t in NODE_TYPES)))


@router.get("/stats", response_model=Stats)
async def stats(store: ScopedDep) -> Response:
    """Nodes and edges per type, and the plans loaded (with ``plan``: of that plan)."""
    plans = [PlanSummary(id=n.id, name=n.name) for n in store.nodes(["Plan"])]
    return ModelResponse(Stats(counts=store.counts(), plans=plans))


@router.get(
    "/export",
    response_class=Response,
    responses={
        200: {"content": {"application/json": {}, "application/xml": {}, "text/plain": {}}, "description": "the graph"}
    },
)
def export(  # a whole-graph export runs in the threadpool, off the event loop
    store: ScopedDep,
    format: Annotated[
        Literal["json", "graphml", "cypher"], Query(description="node-link JSON, GraphML, or a cypher-shell script")
    ] = "json",
) -> Response:
    """The whole graph (with ``plan``: that plan's part) as node-link JSON, GraphML or a Cypher script for Neo4j."""
    media = {"json": "application/json", "graphml": "application/xml", "cypher": "text/plain"}[format]
    return Response(EXPORTERS[format](store.snapshot()), media_type=f"{media}; charset=utf-8")
