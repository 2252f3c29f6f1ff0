// What each view draws: answers of the API turned into Cytoscape elements, every edge
// drawn from upstream (left) to downstream (right) for the layered layout.
import { FOCUS_FONT, NODE_FONT, wrap } from "./labels.js";
import { planLabel, planOfId, repeated, sameName } from "./plans.js";
import { bannerColor, edgeLabel } from "./theme.js";

export const NEIGHBOURS_SHOWN = 60;
export const CORRECTED_MARK = "·更正";

// An officer's correction made or changed it: a node ref says so (``corrected``), a
// full record by a provenance entry from ``correction:<id>``, a hop by its ``origin``.
const fromCorrection = (source) => typeof source === "string" && source.startsWith("correction:");
const correctedRecord = (r) => Boolean(r.corrected || (r.provenance && r.provenance.some((p) => fromCorrection(p.source))));

class Drawing {
  constructor() {
    this.nodes = new Map();
    this.edges = new Map();
  }

  has(id) {
    return this.nodes.has(id);
  }

  node(ref, extra = {}) {
    const old = this.nodes.get(ref.id) || {};
    const data = { ...old, id: ref.id, name: ref.name, type: ref.type, ...extra, corrected: Boolean(old.corrected) || correctedRecord(ref) };
    const size = data.focus ? FOCUS_FONT : NODE_FONT;
    const bold = Boolean(data.focus) || ref.type === "Link";
    const box = wrap(ref.name, { size, bold });
    Object.assign(data, { label: box.label, cut: box.cut, width: box.width, height: box.height, size, weight: bold ? "bold" : "normal" });
    this.nodes.set(ref.id, data);
  }

  // ``ref`` is the graph edge behind what is drawn ({source, target, type}), for its quotes;
  // ``arrow`` is "back" when the drawing runs against the edge's direction.
  edge(from, to, kind, { ref = null, arrow = "forward", path = false, note = null, corrected = false } = {}) {
    const id = `${from}|${kind}|${to}`;
    const old = this.edges.get(id);
    const fixed = corrected || Boolean(old && old.data.corrected);
    const label = edgeLabel(kind) && fixed ? edgeLabel(kind) + CORRECTED_MARK : edgeLabel(kind);
    this.edges.set(id, {
      data: { id, source: from, target: to, kind, label, arrow, ref, note, corrected: fixed },
      classes: path || (old && old.classes === "path") ? "path" : "",
    });
  }

  corrections() {
    return [...this.nodes.values()].filter((n) => n.corrected).length + [...this.edges.values()].filter((e) => e.data.corrected).length;
  }

  // Two nodes of one type and name from two plans (a target of 2025 and of 2026) are told
  // apart by their plan, under the name.
  labelTwins() {
    const twice = repeated([...this.nodes.values()]);
    for (const data of this.nodes.values()) {
      const plan = twice.has(sameName(data)) && planOfId(data.id);
      if (!plan) continue;
      const box = wrap(`${data.name}（${planLabel(plan)}）`, { size: data.size, bold: data.weight === "bold" });
      Object.assign(data, { label: box.label, cut: box.cut, width: box.width, height: box.height, plan });
    }
  }

  elements() {
    this.labelTwins();
    return [...[...this.nodes.values()].map((data) => ({ data })), ...this.edges.values()];
  }
}

const key = (source, target, type) => ({ source, target, type });
const corrections = (d) => (d.corrections() ? `；图中 ${d.corrections()} 处来自审阅更正` : "");
const located = (banners) => (banners && banners.length ? { banner: bannerColor(banners[0].name), banners: banners.map((b) => b.name) } : {});

// A target and what feeds it: projects → (tasks) → target. A target quantifies its task
// (the edge target → task), drawn the other way so the target stays the last column.
export function drawFeeders(a) {
  const d = new Drawing();
  d.node(a.target, { focus: true });
  for (const f of a.feeds) {
    d.node(f.project, located(f.banners));
    for (const path of f.paths) {
      for (const h of path) {
        for (const end of [h.source, h.target]) if (!d.has(end.id)) d.node(end);
        const ref = key(h.source.id, h.target.id, h.type);
        const corrected = fromCorrection(h.origin);
        if (h.source.type === "Target" && h.target.type === "Task") d.edge(h.target.id, h.source.id, "quantifies", { ref, arrow: "none", path: true, corrected });
        else d.edge(h.source.id, h.target.id, h.type, { ref, path: true, corrected });
      }
    }
  }
  for (const t of a.tasks) {
    if (d.has(t.id)) continue; // on a path already; a task on no path is one the target quantifies
    d.node(t);
    d.edge(t.id, a.target.id, "quantifies", { ref: key(a.target.id, t.id, "supports"), arrow: "none" });
  }
  const direct = a.feeds.filter((f) => f.way === "direct").length;
  const industries = a.industries.map((i) => i.name).join("、");
  const summary = `${a.feeds.length} 个项目支撑此目标：直接 ${direct} 个，经其任务 ${a.feeds.length - direct} 个` + (industries ? `；涉及产业：${industries}` : "");
  return { elements: d.elements(), focus: a.target.id, summary: summary + corrections(d) };
}

// An industry's chain: upstream sectors → the industry → its links in taxonomy order, each
// link with its projects and the enterprises carrying them out.
export function drawChain(a) {
  const d = new Drawing();
  const industry = a.industry.id;
  d.node(a.industry, { focus: true });
  for (const s of a.upstream) { d.node(s); d.edge(s.id, industry, "upstream-of", { ref: key(s.id, industry, "upstream-of") }); }
  for (const s of a.downstream) { d.node(s); d.edge(industry, s.id, "upstream-of", { ref: key(industry, s.id, "upstream-of") }); }
  for (const s of a.sub_industries) { d.node(s); d.edge(industry, s.id, "part-of", { ref: key(s.id, industry, "part-of"), arrow: "back" }); }
  const linkId = (name) => `link:${industry}/${name}`;
  const project = (p, from) => {
    d.node(p.project, located(p.banners));
    const corrected = fromCorrection(p.origin); // an officer put it on the chain
    d.edge(from, p.project.id, from === industry ? "supports" : "member", { ref: key(p.project.id, industry, "supports"), arrow: from === industry ? "back" : "none", corrected });
    for (const e of p.enterprises) {
      d.node(e);
      d.edge(p.project.id, e.id, "responsible-for", { ref: key(e.id, p.project.id, "responsible-for"), arrow: "back" });
    }
  };
  for (const link of a.links) {
    d.node({ id: linkId(link.name), name: link.name, type: "Link" }, { link });
    if (!link.upstream.length) d.edge(industry, linkId(link.name), "link", { arrow: "none", note: "taxonomy" });
    for (const down of link.feeds) d.edge(linkId(link.name), linkId(down), "chain", { note: "taxonomy" });
    for (const p of link.projects) project(p, linkId(link.name));
  }
  for (const p of a.unplaced) project(p, industry);
  const placed = a.links.reduce((n, l) => n + l.projects.length, 0);
  const summary = `${a.links.length} 个产业链环节，${placed} 个项目在环节上` + (a.unplaced.length ? `，${a.unplaced.length} 个未归环节` : "") + (a.upstream.length ? `；上游产业 ${a.upstream.length} 个` : "");
  return { elements: d.elements(), focus: industry, summary: summary + corrections(d) };
}

// A banner: enterprises → projects → the unit they are in → the banner; projects → the targets they feed.
export function drawBanner(a) {
  const d = new Drawing();
  const banner = a.banner.id;
  d.node(a.banner, { focus: true });
  for (const u of a.sub_units) { d.node(u); d.edge(u.id, banner, "located-in", { ref: key(u.id, banner, "located-in") }); }
  for (const p of a.projects) {
    d.node(p.project, located([p.located_in]));
    if (!d.has(p.located_in.id)) d.node(p.located_in);
    d.edge(p.project.id, p.located_in.id, "located-in", { ref: key(p.project.id, p.located_in.id, "located-in"), corrected: fromCorrection(p.origin) });
    for (const e of p.enterprises) { d.node(e); d.edge(e.id, p.project.id, "responsible-for", { ref: key(e.id, p.project.id, "responsible-for") }); }
    for (const t of p.targets) { d.node(t); d.edge(p.project.id, t.id, "feeds", { note: "feeds" }); }
  }
  for (const e of a.enterprises) {
    if (!d.has(e.id)) { d.node(e); d.edge(e.id, banner, "located-in", { ref: key(e.id, banner, "located-in") }); }
  }
  const summary = `${a.projects.length} 个项目、${a.enterprises.length} 家企业位于此地` + (a.sub_units.length ? `（含下辖 ${a.sub_units.length} 个单位）` : "") + (a.targets.length ? `；支撑 ${a.targets.length} 个目标` : "");
  return { elements: d.elements(), focus: banner, summary: summary + corrections(d) };
}

// Any other node: what points at it on the left, what it points at on the right.
export function drawNode(view) {
  const d = new Drawing();
  const id = view.node.id;
  d.node(view.node, { focus: true });
  const shown = view.neighbours.slice(0, NEIGHBOURS_SHOWN);
  for (const nb of shown) {
    if (!d.has(nb.node.id)) d.node(nb.node);
    const e = nb.edge;
    const ref = key(e.source, e.target, e.type);
    const [source, target] = nb.direction === "out" ? [view.node, nb.node] : [nb.node, view.node];
    const quantifies = e.type === "supports" && source.type === "Target" && target.type === "Task";
    d.edge(source.id, target.id, quantifies ? "quantifies" : e.type, { ref, corrected: correctedRecord(e) });
  }
  const more = view.neighbours.length - shown.length;
  const summary = `${view.neighbours.length} 条关系` + (more > 0 ? `（显示前 ${NEIGHBOURS_SHOWN} 条）` : "");
  return { elements: d.elements(), focus: id, summary: summary + corrections(d), cut: more > 0 };
}
