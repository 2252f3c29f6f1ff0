"""Nodes: list with filters and paging, and one node with its neighbours and provenance.

A page without filters comes from the store's listing order (``GraphStore.node_page``);
a filter first gathers at most ``CANDIDATES`` nodes (what is located in a banner, what
supports an industry, names containing a text, from the search index), so no listing
reads the whole graph.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel

from api.answers import answer
from api.deps import ScopedDep
from api.errors import ERROR_RESPONSES
from api.responses import ModelResponse
from graph.names import fold
from graph.records import Node, NodeType
from graph.store import GraphStore
from queries.lookup import NodeView, describe, resolve
from queries.models import DEFAULT_DEPTH, MAX_LIMIT

router = APIRouter(prefix="/nodes", tags=["nodes"], responses=ERROR_RESPONSES)

CANDIDATES = 10_000


class NodePage(BaseModel):
    items: list[Node]
    total: int
    offset: int
    limit: int
    truncated: bool


def _located_in(store: GraphStore, banner: str) -> tuple[set[str], bool]:
    root = resolve(store, banner, ["Banner"])
    inside = store.closure(root.id, "in", ["located-in"], DEFAULT_DEPTH, CANDIDATES)
    return {n.id for n in inside.nodes}, inside.truncated


def _supporting(store: GraphStore, industry: str) -> tuple[set[str], bool]:
    root = resolve(store, industry, ["Industry"])
    found = store.edges(root.id, "in", ["supports"], limit=CANDIDATES + 1)
    return {e.source for e in found[:CANDIDATES]} | {root.id}, len(found) > CANDIDATES


def _named(store: GraphStore, text: str, types: list[str] | None) -> tuple[set[str], bool]:
    entries, more = store.search_index().matching("substring", fold(text), types, CANDIDATES)
    return {e.node_id for e in entries}, more


def _filtered(
    store: GraphStore, types: list[str] | None, banner: str | None, industry: str | None, text: str | None
) -> tuple[list[Node], bool] | None:
    """The nodes the filters leave, and whether a candidate set was cut; None without filters."""
    found = []
    if banner is not None:
        found.append(_located_in(store, banner))
    if industry is not None:
        found.append(_supporting(store, industry))
    if text and fold(text):
        found.append(_named(store, text, types))
    if not found:
        return None
    keep = set.intersection(*(ids for ids, _ in found))
    nodes = [n for n in store.nodes_by_id(sorted(keep)).values() if types is None or n.type in types]
    return nodes, any(cut for _, cut in found)


@router.get("", response_model=NodePage)
async def list_nodes(
    store: ScopedDep,
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
) -> Response:
    """List nodes, filtered by type, banner, industry and text, a page at a time."""
    types: list[str] | None = list(type) if type else None
    filtered = _filtered(store, types, banner, industry, text)
    if filtered is None:
        page, total = store.node_page(types, order, offset, limit)
        return ModelResponse(
            NodePage(items=page, total=total, offset=offset, limit=limit, truncated=offset + limit < total)
        )
    nodes, cut = filtered
    if order == "degree":
        degree = {n.id: len(store.edges(n.id)) for n in nodes}
        nodes.sort(key=lambda n: (-degree[n.id], n.type, n.name))
    else:
        nodes.sort(key=lambda n: (n.type, n.name))
    more = cut or offset + limit < len(nodes)
    page = nodes[offset : offset + limit]
    return ModelResponse(NodePage(items=page, total=len(nodes), offset=offset, limit=limit, truncated=more))


@router.get("/{node_id:path}", response_model=NodeView)
async def get_node(
    store: ScopedDep,
    node_id: Annotated[str, Path(description="a node id or an unambiguous name", examples=["banner:科尔沁区"])],
) -> Response:
    """One node: its attributes, its neighbours with the edges between, and every provenance quote."""
    return answer(store, describe, node_id)
