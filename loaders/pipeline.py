"""The whole load of one document: read it, extract its graph."""

from __future__ import annotations

from pathlib import Path

from graph.records import Graph
from loaders.extract import extract
from loaders.read import read_text


def read_plan(path: str | Path, source_name: str | None = None) -> tuple[str, Graph]:
    """``(plan id, graph)`` of the plan in ``path``; raises ``UnreadableDocument``.
    ``source_name`` names the document where the path does not (an upload)."""
    text = read_text(path)
    graph = extract(text, source_name or Path(path).name)
    plan = next(n for n in graph.nodes if n.type == "Plan")
    return plan.id, graph


def bundled_plan() -> Path:
    """The Tongliao 2025 plan shipped inside the package."""
    from importlib import resources

    return Path(str(resources.files("loaders.data").joinpath("tongliao_2025_plan.txt")))
