"""Mentions and headings → graph nodes, each with the provenance of every mention.

The Plan node carries the plan's identity; sections, tasks and targets are scoped to the
plan; a target restated later with the same figure and an indicator inside the other is
one node (DECISIONS.md D09); an industry written two ways (``新能源``, ``新能源产业``) is one
node named as first written.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from loaders.builder import GraphBuilder
from loaders.context import Context
from loaders.gazetteer import regex
from loaders.mention import Mention
from loaders.recognisers.names import head
from loaders.sentences import Heading, Sentence
from loaders.taxonomy import core, sector_of

PROJECT_FACTS = ("capacity", "phase", "product", "status")
MARKED = regex("marked_sector", "industries")


def project_key(name: str) -> str:
    """``粮食产能提升灌溉二期工程`` and ``粮食产能提升灌溉二期`` are one project: a trailing
    工程 or 项目 after a phase does not make another."""
    for suffix in ("工程", "项目"):
        rest = name[: -len(suffix)]
        if name.endswith(suffix) and rest.endswith("期") and head(rest) is None:
            return rest
    return name


class Nodes:
    def __init__(self, builder: GraphBuilder, context: Context) -> None:
        self.b = builder
        self.context = context
        self.headings: dict[int, str] = {}
        self.targets: dict[tuple[Any, ...], list[tuple[str, str]]] = {}
        self.ids: dict[int, str] = {}  # id(mention) → node id
        self.same: dict[tuple[str, str], str] = {}  # (type, core of a name) → the name its id is from

    def plan(self) -> None:
        ident, doc = self.context.identity, self.context.document
        title = ident.title
        if doc.title:
            prov = self.b.span(doc.title_start, doc.title_start + len(doc.title))
        else:
            prov = self.b.gazetteer("file", title)
        self.b.node("Plan", title, prov, key=self.b.plan_id.split(":", 1)[1], **ident.attributes())
        for order, heading in enumerate(doc.headings):
            self.heading(heading, order)

    def heading(self, head: Heading, order: int) -> str:
        prov = self.b.span(head.start, head.end)
        kind = "Section" if head.kind == "section" else "Task"
        aliases = (head.alias,) if head.alias else ()
        nid = self.b.node(kind, head.name, prov, aliases, scoped=True, level=head.level, order=order)
        self.headings[id(head)] = nid
        return nid

    def of(self, mention: Mention, sentence: Sentence) -> str:
        nid = self.ids.get(id(mention))
        if nid is None:
            nid = self._make(mention, (sentence.start, sentence.end))
            self.ids[id(mention)] = nid
        return nid

    def _make(self, m: Mention, within: tuple[int, int]) -> str:
        prov = self.b.span(m.start, m.end, within)
        m = self._listed(m)
        a = m.attributes
        if m.type == "Target":
            return self._target(m, prov)
        if m.type == "Project":
            facts = {k: a.get(k) for k in PROJECT_FACTS}
            return self._one("Project", m, prov, project_key(m.name), **facts)
        if m.type == "Banner":
            where: dict[str, Any] = {"code": a.get("code")} if a.get("code") else {"parent": a.get("parent")}
            return self.b.node("Banner", m.name, prov, m.aliases, level=a.get("level"), **where)
        if m.type == "Industry":
            sector = sector_of(m.name)
            facts = {k: v for k, v in a.items() if k == "chain"}
            nid = self._one("Industry", m, prov, core(m.name), key=sector.name if sector else None, **facts)
            if MARKED.search(m.name) and not MARKED.search(self.b.nodes[nid].name):
                self.b.rename(nid, m.name)  # 新能源产业 rather than 新能源, when both are written
            return nid
        official = {"official": a["official"]} if a.get("official") else {}
        return self.b.node(m.type, m.name, prov, m.aliases, **official)

    def _listed(self, m: Mention) -> Mention:
        """A project or enterprise the store's lists know under another name takes the
        list's name; the form written stays an alias."""
        entry = self.context.lists.canonical(m.type.lower(), m.name) if m.type in ("Project", "Enterprise") else None
        if entry is None or entry.name == m.name:
            return m
        return replace(m, name=entry.name, aliases=(*m.aliases, m.name))

    def _one(self, kind: str, m: Mention, prov: Any, same: str, key: str | None = None, **facts: Any) -> str:
        """One node for the written forms that are one entity (``…二期工程`` and ``…二期``;
        ``数字智能产业`` and ``数字智能``): the first one written names it."""
        key = self.same.setdefault((kind, same), key or m.name)
        return self.b.node(kind, m.name, prov, m.aliases, key=key, **facts)

    def _target(self, m: Mention, prov: Any) -> str:
        a = m.attributes
        figure = (a["value"], a["unit"], a["qualifier"])
        for nid, indicator in self.targets.get(figure, []):
            if indicator.endswith(a["indicator"]) or a["indicator"].endswith(indicator):
                self.b.node("Target", self.b.nodes[nid].name, prov, (m.name,), scoped=True)
                return nid
        nid = self.b.node("Target", m.name, prov, m.aliases, scoped=True, **a)
        self.targets.setdefault(figure, []).append((nid, a["indicator"]))
        return nid

    def task_of(self, sentence: Sentence) -> str | None:
        return self.headings.get(id(sentence.task)) if sentence.task is not None else None
