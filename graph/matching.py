"""One project, one node: a project named in a plan's text and again in a project table
(or in another plan) with the usual variants — with or without 项目/工程, its capacity,
its phase, its place prefix — becomes the node the store already has.

A new plan's Project whose name (or alias) reduces to the same key as exactly one stored
project takes that project's id; its owner is taken to be the stored project's owner when
one name holds the other (通辽梅花生物科技有限公司 and 梅花生物).
"""

from __future__ import annotations

import re
from collections import defaultdict

from graph.ids import canonical
from graph.records import Edge, Graph, Node
from graph.store import GraphStore

QUANTITY = re.compile(
    r"\d+(?:\.\d+)?(?:[×xX*]\d+(?:\.\d+)?)?(?:万|亿)?"
    r"(?:千瓦时|千瓦|千伏|吨|平方米|立方米|亩|公里|千米|台|套|张|头|只|个|座|米|辆|件|口|户|床)"
)
DROP = re.compile(r"[“”\"'‘’《》「」\s]|[一二三四五六七八九十]+期|(?:项目|工程)$")


def project_key(name: str) -> str:
    """``梅花生物25万吨苏氨酸项目`` and ``梅花生物苏氨酸项目`` → ``梅花生物苏氨酸``."""
    key = QUANTITY.sub("", canonical(name))
    previous = None
    while previous != key:
        previous, key = key, DROP.sub("", key)
    return key


def _keys(node: Node) -> set[str]:
    return {k for k in (project_key(s) for s in (node.name, *node.aliases)) if len(k) >= 2}


def align(graph: Graph, stores: list[GraphStore]) -> Graph:
    """``graph`` with its new projects (and their owners) renamed to the nodes of
    ``stores`` (the store written to, and plans read alongside) they are another mention of."""
    fresh = [n for n in graph.nodes if n.type == "Project"]
    known = {i for store in stores for i in store.nodes_by_id([n.id for n in fresh])}
    by_key: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for number, store in enumerate(stores):
        for node in store.nodes(["Project"]):
            for key in _keys(node):
                by_key[key].add((number, node.id))
    renamed: dict[str, str] = {}
    where: dict[str, GraphStore] = {}
    for node in fresh:
        if node.id in known:
            continue
        matches = {m for k in _keys(node) for m in by_key.get(k, set())}
        if len({i for _, i in matches}) == 1:
            number, renamed[node.id] = matches.pop()
            where[node.id] = stores[number]
    renamed.update(_owners(graph, renamed, where))
    return _renamed(graph, renamed)


def _owners(graph: Graph, projects: dict[str, str], where: dict[str, GraphStore]) -> dict[str, str]:
    """New owners of aligned projects that are the stored owner under another name."""
    names = {n.id: n.name for n in graph.nodes}
    out: dict[str, str] = {}
    for e in graph.edges:
        if e.type != "responsible-for" or e.target not in projects or e.source in out:
            continue
        store = where[e.target]
        stored = [x.source for x in store.edges(projects[e.target], "in", ["responsible-for"])]
        owners = store.nodes_by_id(stored)
        new = names.get(e.source, "")
        same = [o.id for o in owners.values() if o.id != e.source and (o.name in new or new in o.name)]
        if len(same) == 1:
            out[e.source] = same[0]
    return out


def _renamed(graph: Graph, renamed: dict[str, str]) -> Graph:
    if not renamed:
        return graph
    nodes: dict[str, Node] = {}
    for n in graph.nodes:
        target = renamed.get(n.id, n.id)
        # the stored node keeps its name: this mention's name lives on as an alias
        moved = n if target == n.id else n.model_copy(update={"id": target, "aliases": [n.name, *n.aliases]})
        if target in nodes:  # two mentions of one project in the new plan
            kept = nodes[target]
            kept.aliases += [a for a in (moved.name, *moved.aliases) if a not in kept.aliases and a != kept.name]
            kept.provenance += moved.provenance
        else:
            nodes[target] = moved
    edges: dict[tuple[str, str, str], Edge] = {}
    for e in graph.edges:
        s, t = renamed.get(e.source, e.source), renamed.get(e.target, e.target)
        if s != t:
            edges.setdefault((s, t, e.type), e.model_copy(update={"source": s, "target": t}))
    return Graph(nodes=list(nodes.values()), edges=list(edges.values()))
