"""The embedded default store: a networkx graph persisted as JSON in a directory.

Writes go to a temporary file in the same directory and are renamed over the old
file, so a crash or a failed load leaves the previous graph intact.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

import networkx as nx
from platformdirs import user_data_dir
from pydantic import ValidationError

from graph import traversal
from graph.exceptions import StoreError
from graph.merge import replace_plan
from graph.records import Edge, Graph, Node
from graph.store import GraphStore

GRAPH_FILE = "graph.json"


def default_store_dir() -> Path:
    """``$PLANGRAPH_STORE``, else ``plangraph/graph`` in the user's data directory."""
    env = os.environ.get("PLANGRAPH_STORE")
    return Path(env) if env else Path(user_data_dir("plangraph")) / "graph"


class NetworkxStore(GraphStore):
    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        super().__init__()
        self.directory = Path(directory) if directory is not None else default_store_dir()
        self._graph: Graph | None = None
        self._nx: nx.MultiDiGraph | None = None
        self._names: dict[str, list[Node]] | None = None
        self._collapsed: dict[tuple[frozenset[str] | None, bool], nx.Graph] = {}
        self._writes = 0

    @classmethod
    def in_memory(cls, graph: Graph) -> NetworkxStore:
        """A store over ``graph`` that is never written to disk (examples, tests, benchmarks)."""
        store = cls(Path(os.devnull))
        store._graph = graph
        store._write = lambda graph: None  # type: ignore[method-assign]
        return store

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

    def write_plans(self, plans: Sequence[tuple[str, Graph]]) -> None:
        updated = self.snapshot()
        for plan_id, plan_graph in plans:
            updated = replace_plan(updated, plan_id, plan_graph)
        self._write(updated)
        self._graph, self._nx, self._names, self._collapsed = updated, None, None, {}
        self._writes += 1
        self.derived.clear()

    def generation(self) -> object:
        return self._writes

    def node(self, node_id: str) -> Node | None:
        g = self.networkx()
        return g.nodes[node_id]["record"] if node_id in g else None

    def named(self, name: str) -> list[Node]:
        if self._names is None:
            index: dict[str, list[Node]] = {}
            for n in self.snapshot().nodes:
                for key in {n.name, *n.aliases}:
                    index.setdefault(key, []).append(n)
            self._names = index
        return list(self._names.get(name, []))

    def nodes(self, types: Iterable[str] | None = None) -> list[Node]:
        wanted = set(types) if types is not None else None
        return [n for n in self.snapshot().nodes if wanted is None or n.type in wanted]

    def incident(self, ids: list[str], direction: str, types: Iterable[str] | None) -> list[Edge]:
        g = self.networkx()
        wanted = set(types) if types is not None else None
        found: list[Edge] = []
        for node_id in ids:
            if node_id not in g:
                continue
            if direction in ("out", "both"):
                found += [d["record"] for _, _, d in g.out_edges(node_id, data=True)]
            if direction in ("in", "both"):
                found += [d["record"] for _, _, d in g.in_edges(node_id, data=True)]
        unique = {e.key: e for e in found if wanted is None or e.type in wanted}
        return [unique[k] for k in sorted(unique)]

    def nodes_by_id(self, ids: list[str]) -> dict[str, Node]:
        g = self.networkx()
        return {i: g.nodes[i]["record"] for i in ids if i in g}

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

    def paths(
        self, source: str, target: str, types: Iterable[str] | None, directed: bool, max_length: int, limit: int
    ) -> tuple[list[list[Edge]], bool]:
        key = (frozenset(types) if types is not None else None, directed)
        if key not in self._collapsed:
            wanted = key[0]
            chosen = [e for e in self.snapshot().edges if wanted is None or e.type in wanted]
            self._collapsed[key] = traversal.collapse_edges(chosen, directed)
        return traversal.paths(self._collapsed[key], source, target, max_length, limit)

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
