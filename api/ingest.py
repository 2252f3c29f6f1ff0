"""Loading documents into a store, the same from the command line and from an upload:
each read once (text and graph), its projects aligned with the ones the store (or a
document read alongside) already holds, then written under the identity policy."""

from __future__ import annotations

from collections.abc import Callable
from functools import reduce
from pathlib import Path

from graph.identity import PlanLoad, stamped
from graph.matching import align
from graph.merge import merge
from graph.nx_store import NetworkxStore
from graph.records import Graph
from graph.store import GraphStore
from loaders.local_lists import LocalLists
from loaders.pipeline import PlanDocument, read_document

SAID = {
    "unchanged": "unchanged (the store already holds this document)",
    "replaced": "replaced {previous}",
    "reloaded": "reloaded (its old records replaced)",
}
"""What a load says of a plan it did not simply add."""


def ingest(
    store: GraphStore,
    documents: list[tuple[Path, str]],
    *,
    lists: LocalLists | None = None,
    replace: bool = False,
    reading: Callable[[Path], None] = lambda path: None,
    read: Callable[[Path, PlanDocument], None] = lambda path, document: None,
) -> tuple[list[PlanDocument], list[PlanLoad]]:
    """Read every ``(path, name)`` first, then write them all or none; ``reading`` and
    ``read`` hear of each document before and after it is read."""
    read_so_far: list[PlanDocument] = []
    for path, name in documents:
        reading(path)
        document = read_document(path, name, lists)
        alongside = NetworkxStore.in_memory(reduce(merge, (d.graph for d in read_so_far), Graph()))
        graph = stamped(document.plan_id, align(document.graph, [store, alongside]))
        document = PlanDocument(document.plan_id, graph, document.text)
        read(path, document)
        read_so_far.append(document)
    texts = {d.plan_id: d.text for d in read_so_far if d.text is not None}
    loads = store.load_plans([(d.plan_id, d.graph) for d in read_so_far], replace=replace, texts=texts)
    return read_so_far, loads


def said(load: PlanLoad) -> str | None:
    return SAID[load.outcome].format(previous=load.previous) if load.outcome in SAID else None
