"""Nodes: list with filters and paging, and one node with its neighbours and provenance."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from api.deps import StoreDep
from api.errors import ERROR_RESPONSES
from graph.records import Node, NodeType
from graph.store import GraphStore
from queries.lookup import NodeView, describe, resolve
from queries.models import MAX_LIMIT

router = APIRouter(prefix="/nodes", tags=["nodes"], responses=ERROR_RESPONSES)


class NodePage(BaseModel):
    items: list[Node]
    total: int
    offset: int
    limit: int
    truncated: bool


def _located_in(store: GraphStore, banner: str) -> set[str]:
    root = resolve(store, banner, ["Banner"])
    inside = store.closure(root.id, "in", ["located-in"], 6, 100_000)
    return {n.id for n in inside.nodes}


def _supporting(store: GraphStore, industry: str) -> set[str]:
    root = resolve(store, industry, ["Industry"])
    return {e.source for e in store.edges(root.id, "in", ["supports"])} | {root.id}


@router.get("", response_model=NodePage)
def list_nodes(
    store: StoreDep,
    type: Annotated[list[NodeType] | None, Query(description="node types to keep", examples=[["Project"]])] = None,
    banner: Annotated[
        str | None, Query(description="only what is located in this banner", examples=["科尔沁区"])
    ] = None,
    industry: Annotated[
        str | None, Query(description="only what supports this industry", examples=["铝基新材料产业"])
    ] = None,
    text: Annotated[str | None, Query(description="a substring of the name or an alias", examples=["风电"])] = None,
    order: Annotated[Literal["name", "degree"], Query(description="by name, or most connected first")] = "name",
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 50,
) -> NodePage:
    """List nodes, filtered by type, banner, industry and text, a page at a time."""
    nodes = store.nodes(type)
    if banner is not None:
        keep = _located_in(store, banner)
        nodes = [n for n in nodes if n.id in keep]
    if industry is not None:
        keep = _supporting(store, industry)
        nodes = [n for n in nodes if n.id in keep]
    if text:
        nodes = [n for n in nodes if any(text in s for s in (n.name, *n.aliases))]
    if order == "degree":
        degree = {n.id: len(store.edges(n.id)) for n in nodes}
        nodes.sort(key=lambda n: (-degree[n.id], n.type, n.name))
    else:
        nodes.sort(key=lambda n: (n.type, n.name))
    page = nodes[offset : offset + limit]
    return NodePage(items=page, total=len(nodes), offset=offset, limit=limit, truncated=offset + limit < len(nodes))


@router.get("/{node_id:path}", response_model=NodeView)
def get_node(
    store: StoreDep,
    node_id: Annotated[str, Path(description="a node id or an unambiguous name", examples=["banner:科尔沁区"])],
) -> NodeView:
    """One node: its attributes, its neighbours with the edges between, and every provenance quote."""
    return describe(store, node_id)
