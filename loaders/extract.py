"""One plan's text → graph records.

The stages, each its own module: the layout (``layout``: plan text and furniture), the
plan's identity (``identity``: region, year, kind), its scope (``scope``: the review part
by tense), its structure (``segment``: sections, tasks, sentences), the recognisers over
every sentence (``recognisers``: one registry), nodes (``nodes``) and links (``link``).
"""

from __future__ import annotations

import gc

from graph.records import Graph
from loaders.builder import GraphBuilder
from loaders.context import Budget, Context
from loaders.identity import identify
from loaders.layout import read_layout
from loaders.link import Linker
from loaders.list_facts import add_list_facts
from loaders.local_lists import LocalLists
from loaders.nodes import Nodes
from loaders.places import Place, Places
from loaders.recognisers import recognise
from loaders.scope import find_scope
from loaders.segment import Segmenter
from loaders.sentences import Document
from loaders.zones import document_zones

PLAN_KINDS = ("计划报告", "五年规划")  # the plan genre (DECISIONS.md): macro-regions are places (D29)


def document(text: str, source_name: str = "plan.txt", lists: LocalLists | None = None) -> Context:
    """The segmented document of ``text`` and what is known about it, before recognition;
    the budget's clock starts here. ``lists``: the store's own enterprises, places, projects."""
    lists = lists or LocalLists()
    budget = Budget(source_name, len(text))
    layout = read_layout(text)
    identity = identify(layout, source_name)
    scope = find_scope(layout.body, identity.year)
    plan_genre = identity.kind in PLAN_KINDS or (identity.kind is None and scope.review is None)
    plain = Places(identity.region, regions=plan_genre)
    extra = {**document_zones(text, plain), **local_places(lists, plain)}
    places = Places(identity.region, regions=plan_genre, extra=extra)
    doc: Document = Segmenter(layout, scope, plan_genre, lambda s: bool(places.find(s))).run()
    budget.check()
    return Context(doc, identity, places, budget, lists, plan_genre=plan_genre)


def local_places(lists: LocalLists, places: Places) -> dict[str, Place]:
    """The places of a store's list by name and aliases, inside the unit it names as parent."""
    out: dict[str, Place] = {}
    for entry in lists.of("place"):
        parent = places.find(entry.parent, lambda s, e: True) if entry.parent else []
        code = (parent[-1].place.code or parent[-1].place.parent) if parent else None
        place = Place(entry.name, "local", None, code)
        out.update({surface: place for surface in (entry.name, *entry.aliases) if len(surface) >= 2})
    return out


def extract(text: str, source_name: str, lists: LocalLists | None = None) -> Graph:
    """The graph of one plan document (its text already decoded). The cycle collector
    is paused meanwhile: extraction builds many small records and no garbage cycles, and
    the collector's passes over a large heap would make long documents superlinear."""
    paused = gc.isenabled()
    gc.disable()
    try:
        context = document(text, source_name, lists)
        recognise(context)
        builder = GraphBuilder(text, context.identity.plan_id)
        nodes = Nodes(builder, context)
        nodes.plan()
        Linker(builder, nodes, context).run()
        add_list_facts(builder, context)
        return builder.graph()
    finally:
        if paused:
            gc.enable()
