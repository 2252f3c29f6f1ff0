"""The graph's tables as JSON or as downloads: the whole graph's targets, projects and
target ← project pairs, and the tables of one view (a target's feeders, a chain, a banner,
a node's relations); each of one plan with ``plan``."""

from __future__ import annotations

from typing import Annotated, Any, Literal
from urllib.parse import quote

from fastapi import APIRouter, Query
from fastapi.responses import Response

from api.deps import ScopedDep
from api.errors import ERROR_RESPONSES
from api.spreadsheets import CSV_MEDIA, XLSX_MEDIA, to_csv, to_xlsx
from queries.lookup import resolve
from queries.tables import TABLES, Table, TableSpec, build, feeds_table, projects_table, targets_table
from queries.view_tables import banner_table, chain_table, node_table

router = APIRouter(prefix="/tables", tags=["tables"], responses=ERROR_RESPONSES)
DOWNLOADS: dict[int | str, dict[str, Any]] = {
    200: {"content": {CSV_MEDIA: {}, XLSX_MEDIA: {}}, "description": "the table, as JSON or a file"}
}
Format = Annotated[Literal["json", "csv", "xlsx"], Query(description="JSON, or a CSV (UTF-8, BOM) or xlsx file")]


def _download(data: bytes, media: str, filename: str) -> Response:
    disposition = f"attachment; filename*=UTF-8''{quote(filename)}"
    return Response(data, media_type=media, headers={"Content-Disposition": disposition})


def _answer(table: Table, format: str) -> Table | Response:
    if format == "csv":
        return _download(to_csv(table), CSV_MEDIA, f"{table.title}.csv")
    if format == "xlsx":
        return _download(to_xlsx([table]), XLSX_MEDIA, f"{table.title}.xlsx")
    return table


@router.get("", response_model=list[TableSpec])
def list_tables() -> list[TableSpec]:
    """The whole-graph tables on offer: name, Chinese title and columns."""
    return [spec for spec, _ in TABLES.values()]


@router.get("/workbook.xlsx", response_class=Response, responses={200: {"content": {XLSX_MEDIA: {}}}})
def workbook(store: ScopedDep) -> Response:
    """Every whole-graph table as one xlsx workbook, a sheet each."""
    return _download(to_xlsx(build(store, name) for name in TABLES), XLSX_MEDIA, "plangraph.xlsx")


@router.get("/targets", response_model=Table, responses=DOWNLOADS)
def get_targets(store: ScopedDep, format: Format = "json") -> Table | Response:
    """Every target: its figures, the task it quantifies, its section and plan."""
    return _answer(targets_table(store), format)


@router.get("/projects", response_model=Table, responses=DOWNLOADS)
def get_projects(store: ScopedDep, format: Format = "json") -> Table | Response:
    """Every project: capacity, status, enterprise, banner, investment, years."""
    return _answer(projects_table(store), format)


@router.get("/feeds", response_model=Table, responses=DOWNLOADS)
def get_feeds(
    store: ScopedDep,
    format: Format = "json",
    target: Annotated[
        str | None, Query(description="only the pairs of this target", examples=["新增新能源并网400万千瓦"])
    ] = None,
) -> Table | Response:
    """Every (target, feeding project) pair, direct or via the task, each hop quoted."""
    chosen = [resolve(store, target, ["Target"])] if target is not None else None
    return _answer(feeds_table(store, chosen), format)


@router.get("/chain", response_model=Table, responses=DOWNLOADS)
def get_chain_table(
    store: ScopedDep,
    industry: Annotated[str, Query(description="an Industry id or name", examples=["铝基新材料产业"])],
    format: Format = "json",
) -> Table | Response:
    """A chain's links from upstream to downstream, one row per project on each."""
    return _answer(chain_table(store, industry), format)


@router.get("/banner", response_model=Table, responses=DOWNLOADS)
def get_banner_table(
    store: ScopedDep,
    banner: Annotated[str, Query(description="a banner's name or abbreviation", examples=["科区"])],
    format: Format = "json",
) -> Table | Response:
    """The projects located in a banner or the units below it, and the targets they feed."""
    return _answer(banner_table(store, banner), format)


@router.get("/node", response_model=Table, responses=DOWNLOADS)
def get_node_table(
    store: ScopedDep,
    node: Annotated[str, Query(description="a node id or name", examples=["梅花生物"])],
    format: Format = "json",
) -> Table | Response:
    """A node's relations (the relations view): each edge's direction and type, the node at
    its other end, its quote, where it comes from and its plans."""
    return _answer(node_table(store, node), format)
