"""The embedded default store: a networkx graph persisted as JSON in a directory.

Writes go to a temporary file in the same directory and are renamed over the old
file, so a crash or a failed load leaves the previous graph intact.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import networkx as nx
from platformdirs import user_data_dir
from pydantic import ValidationError

from graph.exceptions import StoreError
from graph.merge import replace_plan
from graph.records import Graph
from graph.store import GraphStore

GRAPH_FILE = "graph.json"


def default_store_dir() -> Path:
    """``$PLANGRAPH_STORE``, else ``plangraph/graph`` in the user's data directory."""
    env = os.environ.get("PLANGRAPH_STORE")
    return Path(env) if env else Path(user_data_dir("plangraph")) / "graph"


class NetworkxStore(GraphStore):
    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self.directory = Path(directory) if directory is not None else default_store_dir()
        self._graph: Graph | None = None
        self._nx: nx.MultiDiGraph | None = None

    @property
    def path(self) -> Path:
        return self.directory / GRAPH_FILE

    def snapshot(self) -> Graph:
        if self._graph is None:
            self._graph = self._read()
        return self._graph

    def _read(self) -> Graph:
        if not self.path.exists():
            return Graph()
        try:
            return Graph.model_validate_json(self.path.read_bytes())
        except (OSError, ValidationError, ValueError) as exc:
            raise StoreError(f"cannot read the graph in {self.path}: {exc.__class__.__name__}") from exc

    def write_plan(self, plan_id: str, plan_graph: Graph) -> Graph:
        updated = replace_plan(self.snapshot(), plan_id, plan_graph)
        self._write(updated)
        self._graph, self._nx = updated, None
        return updated

    def _write(self, graph: Graph) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".graph-", suffix=".tmp", dir=self.directory)
        except OSError as exc:
            raise StoreError(f"cannot write to the store {self.directory}: {exc.strerror}") from exc
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(graph.model_dump(mode="json"), fh, ensure_ascii=False)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def networkx(self) -> nx.MultiDiGraph:
        """The graph as a networkx multigraph keyed by edge type (for graph/ and queries' use)."""
        if self._nx is None:
            self._nx = to_networkx(self.snapshot())
        return self._nx


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for n in graph.nodes:
        g.add_node(n.id, record=n)
    for e in graph.edges:
        g.add_edge(e.source, e.target, key=e.type, record=e)
    return g
