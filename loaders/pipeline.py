"""The whole load of one document: read it, extract its graph.

A plan document (.txt, .html, .docx, .pdf) is read as text and extracted; the project
tables inside a .docx join its graph. A table document (.xlsx, .csv) is a project list:
its rows are the plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from graph.merge import merge
from graph.records import Graph, Node
from loaders.exceptions import UnreadableDocument
from loaders.extract import extract
from loaders.local_lists import LocalLists
from loaders.places import Place, gazetteer
from loaders.project_tables import find_project_tables
from loaders.read import read_bytes, text_of
from loaders.sheets import READERS as SHEET_READERS
from loaders.sheets import Sheet
from loaders.table_records import table_graph, table_identity, table_plan

TABLE_SUFFIXES = (".xlsx", ".csv")


@dataclass(frozen=True)
class PlanDocument:
    """A document read once: its plan id, its graph, and its decoded text (None for a table)."""

    plan_id: str
    graph: Graph
    text: str | None


def read_document(path: str | Path, source_name: str | None = None, lists: LocalLists | None = None) -> PlanDocument:
    """The plan in ``path``; raises ``UnreadableDocument``. ``source_name`` names the
    document where the path does not (an upload); ``lists`` are the store's own
    enterprises, places and projects."""
    p = Path(path)
    name = source_name or p.name
    data = read_bytes(p)
    suffix = p.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        plan_id, table = _table_document(p, name, data)
        return PlanDocument(plan_id, table, None)
    text = text_of(p, data)
    graph = extract(text, name, lists)
    plan = next(n for n in graph.nodes if n.type == "Plan")
    if suffix == ".docx":
        rows = find_project_tables(p, SHEET_READERS[".docx"](p, data))
        if rows:
            graph = merge(graph, table_graph(p, plan.id, rows, _region(plan)))
    return PlanDocument(plan.id, graph, text)


def read_plan(path: str | Path, source_name: str | None = None, lists: LocalLists | None = None) -> tuple[str, Graph]:
    """``(plan id, graph)`` of the plan in ``path``: ``read_document`` without the text."""
    document = read_document(path, source_name, lists)
    return document.plan_id, document.graph


def _region(plan: Node) -> Place | None:
    code = plan.attributes.get("region_code")
    return gazetteer().by_code.get(code) if code else None


def _table_document(p: Path, name: str, data: bytes) -> tuple[str, Graph]:
    sheets = SHEET_READERS[p.suffix.lower()](p, data)
    rows = find_project_tables(p, sheets)
    if not rows:
        raise UnreadableDocument(p, "no project table found: no sheet has a 项目名称 column and another known column")
    identity = table_identity(Path(name), _title(sheets), data)
    graph = table_graph(p, identity.plan_id, rows, identity.region)
    return identity.plan_id, Graph(nodes=[table_plan(identity), *graph.nodes], edges=graph.edges)


def _title(sheets: list[Sheet]) -> str | None:
    """A title line above the first table (``2025年通辽市重点项目清单``), if there is one."""
    for row in sheets[0].rows[:5] if sheets else []:
        cells = [c for c in row if c]
        if len(set(cells)) == 1 and len(cells[0]) >= 6 and any(w in cells[0] for w in ("清单", "项目", "计划", "表")):
            return cells[0]
    return None


def bundled_plan() -> Path:
    """The Tongliao 2025 plan shipped inside the package."""
    from importlib import resources

    return Path(str(resources.files("loaders.data").joinpath("tongliao_2025_plan.txt")))
