"""Linking: edges from the mentions and the headings that hold them.

- part-of: sections and tasks → the plan; supports: a task → its parent task or section;
- supports: a target → the innermost task whose block states it (none for the main
  targets before the first task); a project → its task, → the targets of its sentence (or
  of the target clause that opens the next sentence), → the industries of its sentence or
  else of the nearest heading that names one;
- located-in: a project → each place inside its name (not a line named by its
  endpoints), an enterprise → the place written just before it, and both → the carrier a
  sentence names (``以南港工业区为重要承载地``);
- responsible-for: an enterprise → the project whose name it opens;
- gazetteer facts between nodes the text names: banner → banner, industry → industry.
"""

from __future__ import annotations

import re
from functools import cache, cached_property

from graph.records import Provenance
from loaders.builder import GraphBuilder
from loaders.clauses import CLAUSE_BREAK, clause_start
from loaders.context import Context
from loaders.gazetteer import load
from loaders.mention import Mention
from loaders.nodes import Nodes
from loaders.places import SOURCE as PLACE_SOURCE
from loaders.recognisers.names import head
from loaders.sentences import Sentence
from loaders.taxonomy import SOURCE as INDUSTRY_SOURCE
from loaders.taxonomy import sector_of, taxonomy

NEXT_TARGET_WITHIN = 4


@cache
def _carriers() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in load("lexicon")["carrier_patterns"])


class Linker:
    def __init__(self, builder: GraphBuilder, nodes: Nodes, context: Context) -> None:
        self.b, self.nodes, self.context = builder, nodes, context

    def run(self) -> None:
        self._structure()
        sentences = self.context.document.sentences
        for i, sentence in enumerate(sentences):
            self.context.budget.step()
            following = sentences[i + 1] if i + 1 < len(sentences) else None
            self._sentence(sentence, following)
        self._gazetteer()

    def _structure(self) -> None:
        for heading in self.context.document.headings:
            nid = self.nodes.headings[id(heading)]
            prov = self.b.span(heading.start, heading.end)
            self.b.edge(nid, self.b.plan_id, "part-of", prov)
            if heading.parent is not None:
                self.b.edge(nid, self.nodes.headings[id(heading.parent)], "supports", prov)

    def _sentence(self, s: Sentence, following: Sentence | None) -> None:
        found = self.context.mentions(s)
        ids = {id(m): self.nodes.of(m, s) for m in found}
        task = self.nodes.task_of(s)
        targets = [m for m in found if m.type == "Target"]
        for t in targets:
            if task:
                self.b.edge(ids[id(t)], task, "supports", self._prov(t, s))
        projects = [m for m in found if m.type == "Project"]
        if not projects:
            return
        opening = [] if targets else self._opening_targets(s, following)
        industries = [ids[id(m)] for m in found if m.type == "Industry"] or self._heading_industries(s)
        carrier = self._carrier(s, found, ids)
        if carrier is not None:
            for e in found:  # an enterprise the sentence itself places (北化院、石科院等向南港集聚)
                if e.type == "Enterprise" and "project" not in e.attributes and carrier[1] <= e.start < carrier[2]:
                    self.b.edge(ids[id(e)], carrier[0], "located-in", self._prov(e, s))
        for p in projects:
            pid = ids[id(p)]
            prov = self._prov(p, s)
            if task:
                self.b.edge(pid, task, "supports", prov)
            for t in targets + [t for t in opening if _counts_its_kind(t, p)]:
                tid = self.nodes.of(t, following if following and t.start >= following.start else s)
                self.b.edge(pid, tid, "supports", self.b.span(min(p.start, t.start), max(p.end, t.end)))
            for iid in industries:
                self._industry(pid, p, iid, prov)
            self._places(p, pid, found, ids, s, carrier)

    def _prov(self, m: Mention, s: Sentence) -> Provenance:
        return self.b.span(m.start, m.end, (s.start, s.end))

    def _opening_targets(self, s: Sentence, following: Sentence | None) -> list[Mention]:
        if following is None or following.paragraph != s.paragraph:
            return []
        targets = [m for m in self.context.mentions(following) if m.type == "Target"]
        return targets if targets and targets[0].start - following.start <= NEXT_TARGET_WITHIN else []

    @cached_property
    def _heading_sentences(self) -> dict[int, Sentence]:
        out: dict[int, Sentence] = {}
        for s in self.context.document.sentences:
            if s.heading is not None:
                out.setdefault(id(s.heading), s)
        return out

    def _heading_industries(self, s: Sentence) -> list[str]:
        heading = s.task
        while heading is not None and heading.kind == "task":
            sentence = self._heading_sentences.get(id(heading))
            named = [m for m in self.context.mentions(sentence, "Industry")] if sentence else []
            if named:
                return [self.nodes.of(named[0], sentence)]  # type: ignore[arg-type]
            heading = heading.parent
        return []

    def _industry(self, pid: str, p: Mention, iid: str, prov: Provenance) -> None:
        sector = sector_of(self.b.nodes[iid].name)
        link = sector.stage_of(p.name) if sector else None
        self.b.edge(pid, iid, "supports", prov, **({"link": link} if link else {}))

    def _carrier(self, s: Sentence, found: list[Mention], ids: dict[int, str]) -> tuple[str, int, int] | None:
        """The place a sentence makes the carrier of what it names: ``以X为…承载地`` for the
        rest of the sentence, ``…等向X集聚`` for its own clause. (place id, span it covers)."""
        for pattern in _carriers():
            m = pattern.search(s.text)
            if m is None:
                continue
            place = next((b for b in found if b.type == "Banner" and b.start == s.start + m.start("place")), None)
            if place is None:
                continue
            if m.group().startswith("以"):
                return ids[id(place)], s.start + m.start(), s.end
            begin = clause_start(s.text, m.start(), CLAUSE_BREAK)
            return ids[id(place)], s.start + begin, s.start + m.end()
        return None

    def _places(
        self,
        p: Mention,
        pid: str,
        found: list[Mention],
        ids: dict[int, str],
        s: Sentence,
        carrier: tuple[str, int, int] | None,
    ) -> None:
        prov = self._prov(p, s)
        owner = next((e for e in found if e.type == "Enterprise" and e.attributes.get("project") == p.name), None)
        if owner is not None:
            self.b.edge(ids[id(owner)], pid, "responsible-for", prov)
        for b in found:
            if b.type != "Banner" or not b.inside(p):
                continue
            if b.attributes.get("level") == "zone" and b.start > p.start:
                continue  # 天津滨海—中关村科技园: a zone's name inside another's is a brand
            if not p.attributes.get("line") or "至" not in p.name:
                self.b.edge(pid, ids[id(b)], "located-in", prov)
            if owner is not None and b.end == owner.start:
                self.b.edge(ids[id(owner)], ids[id(b)], "located-in", prov)
        if carrier is not None and carrier[1] <= p.start < carrier[2]:
            self.b.edge(pid, carrier[0], "located-in", prov)

    def _gazetteer(self) -> None:
        nodes = [(nid, n) for nid, n in self.b.nodes.items() if n.type == "Banner"]
        banners = {n.attributes["code"]: nid for nid, n in nodes if n.attributes.get("code")}
        gaz = self.context.places.gaz
        for nid, node in nodes:
            code = node.attributes.get("code") or node.attributes.get("parent")
            parent = gaz.by_code.get(code) if code else None
            if parent is not None and node.attributes.get("code"):
                parent = gaz.parent_of(parent)
            while parent is not None and parent.code not in banners:
                parent = gaz.parent_of(parent)
            if parent is not None:
                fact = f"{node.name} 属于 {parent.name}"
                self.b.edge(nid, banners[parent.code], "located-in", self.b.gazetteer(PLACE_SOURCE, fact))
        sectors = {nid: sector_of(n.name) for nid, n in self.b.nodes.items() if n.type == "Industry"}
        present = {sector.name: nid for nid, sector in sectors.items() if sector is not None}
        for name, nid in present.items():
            sector = taxonomy()[name]
            if sector.parent in present:
                fact = f"{name} 属于 {sector.parent}"
                self.b.edge(nid, present[sector.parent], "part-of", self.b.gazetteer(INDUSTRY_SOURCE, fact))
            for down in sector.upstream_of:
                if down in present:
                    fact = f"{name} 是 {down} 的上游"
                    self.b.edge(nid, present[down], "upstream-of", self.b.gazetteer(INDUSTRY_SOURCE, fact))


def _counts_its_kind(target: Mention, project: Mention) -> bool:
    """A target opening the next sentence counts the projects before it only when it counts
    their kind: the noun a project's head ends in (产业园 → 园: ``实施工业园区基础设施项目15个``
    after ``…产业园建设``; 铁路 → 路: no ``建成充电基础设施终端7.5万个`` after railways)."""
    h = head(project.name)
    return h is not None and h[-1] in target.name
