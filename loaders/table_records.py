"""Project rows to graph records: each row a Project with its investment, years and
status, its owner (Enterprise, responsible-for) and its place (Banner, located-in); the
provenance of each is the file, sheet and row."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from graph.ids import node_id
from graph.records import Edge, Graph, Node, Provenance
from loaders.identity import Identity
from loaders.places import Place, Places
from loaders.project_tables import ProjectRow

KIND = "项目清单"
YEAR = re.compile(r"((?:19|20)\d{2})年")
GOVERNMENT = re.compile(r"(政府|委员会|人民|管委会|局|厅|办公室|部门|委|办)$")
REGION_LEVELS = ("prefecture", "province", "county")


def table_identity(path: Path, title: str | None, data: bytes) -> Identity:
    """Who a table document is: region and year from its title, kind 项目清单."""
    title = title or path.stem
    named = [f.place for f in Places(None, regions=False).find(title) if f.place.level in REGION_LEVELS]
    year = YEAR.search(title)
    return Identity(
        title=title,
        region=named[-1] if named else None,
        year=int(year.group(1)) if year else None,
        kind=KIND,
        source=path.name,
        sha256=hashlib.sha256(data).hexdigest(),
    )


def table_plan(identity: Identity) -> Node:
    """The Plan node of a table document."""
    provenance = [Provenance(plan=identity.plan_id, quote=identity.title, source=f"table:{identity.source}")]
    return Node(
        id=identity.plan_id,
        type="Plan",
        name=identity.title,
        attributes=identity.attributes(),
        provenance=provenance,
    )


def _place(places: Places, text: str) -> Place | None:
    found = places.find(text, lambda s, e: True)  # a cell holds a place name alone: short forms count
    return found[-1].place if found else None  # the most specific unit named last (通辽市科尔沁区)


def table_graph(path: Path, plan_id: str, rows: list[ProjectRow], home: Place | None = None) -> Graph:
    """The records of ``rows``, contributed by the plan ``plan_id`` (about ``home``)."""
    places = Places(home, regions=False)
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str, str], Edge] = {}

    def add(node: Node) -> str:
        kept = nodes.setdefault(node.id, node)
        if kept is not node:
            kept.provenance += [p for p in node.provenance if p not in kept.provenance]
            kept.aliases += [a for a in node.aliases if a not in kept.aliases and a != kept.name]
        return node.id

    for row in rows:
        prov = [Provenance(plan=plan_id, quote=f"{row.sheet} 第{row.row}行：{row.name}", source=_source(path, row))]
        v = row.values
        attributes = {
            "investment": row.investment,
            "annual_investment": row.annual_investment,
            "years": f"{row.years[0]}–{row.years[1]}" if row.years else None,
            "start_year": row.years[0] if row.years else None,
            "end_year": row.years[1] if row.years else None,
            "nature": v.get("nature"),
            "content": v.get("content"),
            "responsible_unit": v.get("responsible"),
            "category": row.category,
        }
        aliases = [a.strip() for a in re.split(r"[、,，;；/]", v.get("aliases", "")) if a.strip()]
        pid = add(
            Node(
                id=node_id("Project", row.name),
                type="Project",
                name=row.name,
                aliases=aliases,
                attributes={k: x for k, x in attributes.items() if x is not None},
                provenance=list(prov),
            )
        )
        owner = v.get("owner")
        if owner and not GOVERNMENT.search(owner):
            eid = add(Node(id=node_id("Enterprise", owner), type="Enterprise", name=owner, provenance=list(prov)))
            edges[(eid, pid, "responsible-for")] = Edge(source=eid, target=pid, type="responsible-for", provenance=prov)
        where = v.get("place")
        if where:
            place = _place(places, where)
            name = place.name if place else where
            surface = [where] if where != name else []
            bid = add(
                Node(id=node_id("Banner", name), type="Banner", name=name, aliases=surface, provenance=list(prov))
            )
            edges[(pid, bid, "located-in")] = Edge(source=pid, target=bid, type="located-in", provenance=prov)
    return Graph(nodes=list(nodes.values()), edges=list(edges.values()))


def _source(path: Path, row: ProjectRow) -> str:
    return f"table:{path.name}#{row.sheet}!{row.row}"
