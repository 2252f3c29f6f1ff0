"""What a store's local lists say about the entities a plan names: a project's owner
(responsible-for), its banner (located-in) and industry (supports), an enterprise's
banner. Each fact cites the list's file and row, not the plan's text."""

from __future__ import annotations

from graph.records import Provenance
from loaders.builder import GraphBuilder
from loaders.context import Context
from loaders.local_lists import Entry
from loaders.places import Place


def place_of(context: Context, written: str) -> Place | None:
    """The unit a list cell names (the most specific one, 通辽市科尔沁区 → 科尔沁区)."""
    found = context.places.find(written, lambda s, e: True)
    return found[-1].place if found else None


def add_list_facts(builder: GraphBuilder, context: Context) -> None:
    for nid, node in list(builder.nodes.items()):
        kind = {"Project": "project", "Enterprise": "enterprise"}.get(node.type)
        entry = context.lists.canonical(kind, node.name) if kind else None
        if entry is not None:
            _facts(builder, context, nid, entry)


def _facts(builder: GraphBuilder, context: Context, nid: str, entry: Entry) -> None:
    def cite(fact: str) -> Provenance:
        return builder.gazetteer(f"list:{entry.where}", fact)

    if entry.banner:
        place = place_of(context, entry.banner)
        name = place.name if place else entry.banner
        bid = builder.node("Banner", name, cite(f"{entry.name} 位于 {entry.banner}"), (entry.banner,))
        builder.edge(nid, bid, "located-in", cite(f"{entry.name} 位于 {entry.banner}"))
    if entry.enterprise:
        owner = context.lists.canonical("enterprise", entry.enterprise)
        name = owner.name if owner else entry.enterprise
        eid = builder.node("Enterprise", name, cite(f"{entry.enterprise} 承担 {entry.name}"), (entry.enterprise,))
        builder.edge(eid, nid, "responsible-for", cite(f"{entry.enterprise} 承担 {entry.name}"))
    if entry.industry:
        iid = builder.node("Industry", entry.industry, cite(f"{entry.name} 属于 {entry.industry}"))
        builder.edge(nid, iid, "supports", cite(f"{entry.name} 属于 {entry.industry}"))
