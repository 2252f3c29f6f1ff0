"""One plan's text → graph records: the recognisers run over the segmented body and
their mentions are linked (supports, located-in, responsible-for, part-of)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from graph.records import Graph
from loaders.builder import GraphBuilder
from loaders.enterprises import find_enterprises
from loaders.industries import SOURCE as INDUSTRY_SOURCE
from loaders.industries import Sector, find_industries, sector_for_heading, taxonomy
from loaders.places import SOURCE as PLACE_SOURCE
from loaders.places import Gazetteer, Place, find_home
from loaders.projects import ProjectFinder, ProjectMention
from loaders.segment import NAMED_SUBHEADING, Document, Heading, Sentence, plan_title, segment
from loaders.targets import TargetMention, find_targets

YEAR = re.compile(r"((?:19|20)\d{2})年")


@dataclass
class _Found:
    """What one sentence holds, for linking."""

    sentence: Sentence
    projects: list[tuple[str, ProjectMention]]
    targets: list[tuple[str, TargetMention]]
    industries: list[str]


def extract(text: str, source_name: str) -> Graph:
    """The graph of one plan document (its text already decoded)."""
    return _Extraction(text, source_name).run()


class _Extraction:
    def __init__(self, text: str, source_name: str) -> None:
        self.text = text
        self.source_name = source_name
        title = plan_title(text)
        self.home = find_home(title, text)
        self.places = Gazetteer(self.home)
        self.doc: Document = segment(text, lambda s: bool(self.places.mentions(s)))
        self.title = self.doc.title or source_name.rsplit(".", 1)[0]
        self.b = GraphBuilder(text, f"plan:{self.title}")
        self.projects = ProjectFinder(self.places)
        self.heading_ids: dict[int, str] = {}
        self.target_keys: dict[tuple[float, str, str | None], list[tuple[str, str]]] = {}
        self.sectors: dict[str, Sector] = {}

    def run(self) -> Graph:
        self._plan()
        found = [self._sentence(s) for s in self.doc.sentences]
        for i, f in enumerate(found):
            nxt = found[i + 1] if i + 1 < len(found) else None
            self._link_projects(f, nxt)
        self._gazetteer_links()
        return self.b.graph()

    # -- structure -------------------------------------------------------------------
    def _plan(self) -> None:
        b = self.b
        year = YEAR.search(self.title)
        start = self.doc.title_start
        prov = b.span(start, start + len(self.title)) if self.doc.title else b.gazetteer("file", self.title)
        b.node(
            "Plan",
            self.title,
            prov,
            source=self.b.plan_id,
            year=int(year.group(1)) if year else None,
            region=self.home.name if self.home else None,
        )
        for number, head in enumerate(self.doc.headings):
            self._heading(head, number)

    def _heading(self, head: Heading, number: int) -> None:
        b = self.b
        prov = b.span(head.start, head.end)
        kind = "Section" if head.kind == "section" else "Task"
        nid = b.node(kind, head.name, prov, scoped=True, level=head.level, order=number)
        self.heading_ids[id(head)] = nid
        b.edge(nid, b.plan_id, "part-of", prov)
        if head.parent is not None and id(head.parent) in self.heading_ids:
            b.edge(nid, self.heading_ids[id(head.parent)], "supports", prov)
        if kind == "Task" and head.level >= 3 and NAMED_SUBHEADING.match(head.name):
            self._industry(sector_for_heading(head.name), head.name, head.start, head.end, None)

    # -- one sentence ----------------------------------------------------------------
    def _sentence(self, s: Sentence) -> _Found:
        within = (s.start, s.end)
        projects = [(self._project(p, within), p) for p in self.projects.find(s.text, s.start, s.heading is not None)]
        masked = [(p.start, p.end) for _, p in projects]

        def outside(a: int, b: int) -> bool:
            return not any(ms <= s.start + a and s.start + b <= me for ms, me in masked)

        targets = [] if s.review else [(self._target(t, s, within), t) for t in find_targets(s.text, s.start, masked)]
        industries = [
            self._industry(sec, s.text[a:b], s.start + a, s.start + b, within)
            for a, b, sec in find_industries(s.text)
            if outside(a, b)
        ]
        for a, b, place in self.places.mentions(s.text):
            self._banner(place, s.text[a:b], s.start + a, s.start + b, within)
        project_names = {p.name for _, p in projects}
        for a, b, name in find_enterprises(s.text):
            if outside(a, b) and name not in project_names:
                self.b.node("Enterprise", name, self.b.span(s.start + a, s.start + b, within))
        return _Found(s, projects, targets, industries)

    def _banner(self, place: Place, surface: str, start: int, end: int, within: tuple[int, int] | None) -> str:
        prov = self.b.span(start, end, within)
        nid = self.b.node("Banner", place.name, prov, aliases=[surface], level=place.level, code=place.code)
        parent = self.places.parent_of(place)
        if parent is not None:
            fact = f"{place.name} 属于 {parent.name}"
            pid = self.b.node(
                "Banner", parent.name, self.b.gazetteer(PLACE_SOURCE, fact), level=parent.level, code=parent.code
            )
            self.b.edge(nid, pid, "located-in", self.b.gazetteer(PLACE_SOURCE, fact))
            self._ancestors(parent)
        return nid

    def _ancestors(self, place: Place) -> None:
        parent = self.places.parent_of(place)
        if parent is None:
            return
        fact = f"{place.name} 属于 {parent.name}"
        prov = self.b.gazetteer(PLACE_SOURCE, fact)
        pid = self.b.node("Banner", parent.name, prov, level=parent.level, code=parent.code)
        self.b.edge(f"banner:{place.name}", pid, "located-in", prov)
        self._ancestors(parent)

    def _industry(self, sector: Sector, surface: str, start: int, end: int, within: tuple[int, int] | None) -> str:
        self.sectors[sector.name] = sector
        attrs: dict[str, Any] = {}
        if sector.chain:
            attrs["chain"] = [{"name": st["name"], "feeds": st.get("feeds", [])} for st in sector.chain]
        return self.b.node("Industry", sector.name, self.b.span(start, end, within), aliases=[surface], **attrs)

    def _target(self, t: TargetMention, s: Sentence, within: tuple[int, int]) -> str:
        prov = self.b.span(t.start, t.end, within)
        nid = self._same_target(t)
        if nid is None:
            nid = self.b.node(
                "Target",
                t.name,
                prov,
                scoped=True,
                indicator=t.indicator,
                change=t.change,
                value=t.value,
                unit=t.unit,
                qualifier=t.qualifier,
                base_year=t.base_year,
            )
            self.target_keys.setdefault((t.value, t.unit, t.qualifier), []).append((nid, t.indicator))
        else:
            self.b.node("Target", self.b.nodes[nid].name, prov, aliases=[t.name], scoped=True)
        if s.task is not None:
            self.b.edge(nid, self.heading_ids[id(s.task)], "supports", prov)
        return nid

    def _same_target(self, t: TargetMention) -> str | None:
        """A target restated later (same figure, one indicator inside the other) is one node (D09)."""
        for nid, indicator in self.target_keys.get((t.value, t.unit, t.qualifier), []):
            if indicator.endswith(t.indicator) or t.indicator.endswith(indicator):
                return nid
        return None

    def _project(self, p: ProjectMention, within: tuple[int, int]) -> str:
        b = self.b
        prov = b.span(p.start, p.end, within)
        pid = b.node(
            "Project",
            p.name,
            prov,
            aliases=p.aliases,
            capacity=p.capacity,
            phase=p.phase,
            product=p.product,
            status=p.status,
        )
        for place in p.places:
            bid = self._banner(place, place.name, p.start, p.end, within)
            b.edge(pid, bid, "located-in", prov)
        if p.enterprise:
            eid = b.node("Enterprise", p.enterprise, prov)
            b.edge(eid, pid, "responsible-for", prov)
            if p.enterprise_place is not None:
                b.edge(eid, f"banner:{p.enterprise_place.name}", "located-in", prov)
        return pid

    # -- linking ---------------------------------------------------------------------
    def _link_projects(self, f: _Found, nxt: _Found | None) -> None:
        """Project → Target in the same sentence (or the target clause opening the next),
        Project → Industry named by the sentence or the enclosing heading, Project → Task."""
        if not f.projects:
            return
        targets = f.targets
        if not targets and nxt and nxt.targets and nxt.sentence.paragraph == f.sentence.paragraph:
            first = nxt.targets[0][1]
            if first.start - nxt.sentence.start <= 4:  # the next sentence opens with the target clause
                targets = [t for t in nxt.targets]
        industries = list(f.industries) or self._heading_industries(f.sentence)
        task = f.sentence.task
        for pid, p in f.projects:
            if task is not None:  # containment: the project is a measure of the task whose block holds it
                self.b.edge(
                    pid,
                    self.heading_ids[id(task)],
                    "supports",
                    self.b.span(p.start, p.end, (f.sentence.start, f.sentence.end)),
                )
            for tid, t in targets:
                prov = self.b.span(min(p.start, t.start), max(p.end, t.end))
                self.b.edge(pid, tid, "supports", prov)
            for iid in industries:
                sector = self.sectors.get(self.b.nodes[iid].name)
                link = sector.stage_of(p.name) if sector else None
                self.b.edge(
                    pid,
                    iid,
                    "supports",
                    self.b.span(p.start, p.end, (f.sentence.start, f.sentence.end)),
                    **({"link": link} if link else {}),
                )

    def _heading_industries(self, s: Sentence) -> list[str]:
        """The industry named by the nearest enclosing task heading, if any."""
        head = s.task
        while head is not None and head.kind == "task":
            named = [sec for _, _, sec in find_industries(head.name)]
            if head.level >= 3 and NAMED_SUBHEADING.match(head.name) and not named:
                named = [sector_for_heading(head.name)]
            if named:
                return [self._industry(sec, sec.name, head.start, head.end, None) for sec in named[:1]]
            head = head.parent
        return []

    def _gazetteer_links(self) -> None:
        present = {n.name: nid for nid, n in self.b.nodes.items() if n.type == "Industry"}
        known = taxonomy()
        for name, nid in present.items():
            sector = known.get(name) or self.sectors.get(name)
            if sector is None:
                continue
            if sector.parent in present:
                fact = f"{name} 属于 {sector.parent}"
                self.b.edge(nid, present[sector.parent], "part-of", self.b.gazetteer(INDUSTRY_SOURCE, fact))
            for down in sector.upstream_of:
                if down in present:
                    fact = f"{name} 是 {down} 的上游"
                    self.b.edge(nid, present[down], "upstream-of", self.b.gazetteer(INDUSTRY_SOURCE, fact))
