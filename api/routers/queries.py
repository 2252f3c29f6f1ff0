"""The questions: feeders, impacts, dependencies, paths, chains, banners, search.

Each is bounded (depth, rows, and for paths expansions and time), so the routes run on
the event loop like the framework's own, without a threadpool hop; the served copy keeps
the JSON of its answers (``api.answers``).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.answers import answer
from api.deps import ScopedDep
from api.errors import ERROR_RESPONSES
from graph.records import EdgeType, NodeType
from queries.banners import BannerAnswer, banner
from queries.chains import ChainAnswer, chain
from queries.dependencies import DependencyAnswer, Direction, dependencies
from queries.feeds import FeedersAnswer, ImpactsAnswer, feeders, impacts
from queries.models import DEFAULT_DEPTH, DEFAULT_LIMIT, MAX_DEPTH, MAX_LIMIT
from queries.paths import DEFAULT_PATHS, PathsAnswer, paths
from queries.search import DEFAULT_HITS, SearchAnswer, search

router = APIRouter(tags=["queries"], responses=ERROR_RESPONSES)

Depth = Annotated[int, Query(ge=1, le=MAX_DEPTH, description="how many hops to follow at most")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="how many rows to return at most")]
EdgeTypes = Annotated[list[EdgeType] | None, Query(description="edge types to follow (default: all)")]


@router.get("/feeders", response_model=FeedersAnswer)
async def get_feeders(
    store: ScopedDep,
    target: Annotated[str, Query(description="a Target id or name", examples=["新增新能源并网400万千瓦"])],
    max_depth: Depth = DEFAULT_DEPTH,
    limit: Limit = DEFAULT_LIMIT,
) -> Response:
    """Every project that feeds a target, directly or through its task, with the quote of every hop."""
    return answer(store, feeders, target, max_depth=max_depth, limit=limit)


@router.get("/impacts", response_model=ImpactsAnswer)
async def get_impacts(
    store: ScopedDep,
    project: Annotated[str, Query(description="a Project id or name", examples=["扎铝二期35万吨电解铝"])],
    max_depth: Depth = DEFAULT_DEPTH,
    limit: Limit = DEFAULT_LIMIT,
) -> Response:
    """What is at risk if a project slips: the targets, tasks and industries downstream of it."""
    return answer(store, impacts, project, max_depth=max_depth, limit=limit)


@router.get("/dependencies", response_model=DependencyAnswer)
async def get_dependencies(
    store: ScopedDep,
    node: Annotated[str, Query(description="a node id or name", examples=["科尔沁区"])],
    direction: Annotated[Direction, Query(description="upstream (what points at it) or downstream")] = "upstream",
    max_depth: Depth = DEFAULT_DEPTH,
    limit: Limit = DEFAULT_LIMIT,
    types: EdgeTypes = None,
) -> Response:
    """The upstream or downstream closure of a node, as a subgraph."""
    return answer(store, dependencies, node, direction=direction, max_depth=max_depth, limit=limit, types=types)


@router.get("/paths", response_model=PathsAnswer)
async def get_paths(
    store: ScopedDep,
    source: Annotated[str, Query(description="where the path starts", examples=["梅花生物"])],
    target: Annotated[str, Query(description="where it ends", examples=["玉米合成生物产业"])],
    max_length: Depth = DEFAULT_DEPTH,
    limit: Annotated[int, Query(ge=1, le=100, description="how many paths at most")] = DEFAULT_PATHS,
    types: EdgeTypes = None,
    directed: Annotated[bool, Query(description="follow edges only in their direction")] = False,
) -> Response:
    """How two nodes are connected: the shortest path and further simple paths, shortest first."""
    return answer(store, paths, source, target, max_length=max_length, limit=limit, types=types, directed=directed)


@router.get("/chain", response_model=ChainAnswer)
async def get_chain(
    store: ScopedDep,
    industry: Annotated[str, Query(description="an Industry id or name", examples=["铝基新材料产业"])],
    max_depth: Depth = DEFAULT_DEPTH,
    limit: Limit = DEFAULT_LIMIT,
) -> Response:
    """How an industry chain is built up: its links upstream to downstream with their projects."""
    return answer(store, chain, industry, max_depth=max_depth, limit=limit)


@router.get("/banner", response_model=BannerAnswer)
async def get_banner(
    store: ScopedDep,
    banner_: Annotated[str, Query(alias="banner", description="a banner's name or abbreviation", examples=["科区"])],
    max_depth: Depth = DEFAULT_DEPTH,
    limit: Limit = DEFAULT_LIMIT,
) -> Response:
    """What is planned in a banner and the units below it, and the targets it feeds."""
    return answer(store, banner, banner_, max_depth=max_depth, limit=limit)


@router.get("/search", response_model=SearchAnswer)
async def get_search(
    store: ScopedDep,
    q: Annotated[str, Query(min_length=1, max_length=100, description="Chinese text or pinyin", examples=["kerqin"])],
    types: Annotated[list[NodeType] | None, Query(description="node types to search")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_HITS,
) -> Response:
    """Find nodes by name, alias, Chinese substring or pinyin, best first."""
    return answer(store, search, q, types=types, limit=limit)
