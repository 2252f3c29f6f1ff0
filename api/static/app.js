// plangraph page: three views over the /api/v1 routes, drawn with Cytoscape.
"use strict";

const API = "/api/v1";
const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif';
const TYPES = {
  Target: { color: "#e53935", label: "目标" },
  Project: { color: "#1e88e5", label: "项目" },
  Task: { color: "#6d4c41", label: "任务" },
  Industry: { color: "#fb8c00", label: "产业" },
  Link: { color: "#fdd835", label: "产业链环节" },
  Enterprise: { color: "#8e24aa", label: "企业" },
  Banner: { color: "#43a047", label: "旗县市区" },
  Section: { color: "#8d6e63", label: "部分" },
  Plan: { color: "#546e7a", label: "计划" },
};
const EDGE_LABELS = { supports: "支撑", "located-in": "位于", "responsible-for": "承担", "part-of": "属于", "upstream-of": "上游", feeds: "支撑" };
const ATTRIBUTE_LABELS = {
  capacity: "规模", phase: "期次", product: "产品", status: "状态", indicator: "指标", change: "变化",
  value: "数值", unit: "单位", qualifier: "限定", base_year: "基期", level: "层级", code: "区划代码",
  chain: "产业链环节", order: "顺序", source: "来源文件", year: "年份", region: "地区",
};
const BANNER_PALETTE = ["#00897b", "#5e35b1", "#c0ca33", "#d81b60", "#3949ab", "#f4511e", "#6d4c41", "#00acc1", "#7cb342", "#8e24aa"];
const VIEWS = {
  target: { label: "目标", type: "Target", route: "feeders", param: "target", draw: drawFeeders },
  chain: { label: "产业", type: "Industry", route: "chain", param: "industry", draw: drawChain },
  banner: { label: "旗县市区", type: "Banner", route: "banner", param: "banner", draw: drawBanner },
};

const state = { view: "target", bannerColors: new Map(), picked: new Map() };
const $ = (id) => document.getElementById(id);

const cy = cytoscape({
  container: $("graph"),
  style: [
    { selector: "node", style: {
      "background-color": (n) => n.data("color") || (TYPES[n.data("type")] || {}).color || "#999",
      label: "data(name)", "font-family": FONT, "font-size": 11, "text-wrap": "wrap", "text-max-width": 140,
      "text-valign": "bottom", "text-margin-y": 3, width: 18, height: 18, "border-width": 1, "border-color": "#455a64" } },
    { selector: 'node[type = "Link"]', style: { shape: "round-rectangle", width: 90, height: 26, "text-valign": "center", "text-margin-y": 0, "font-size": 12, "font-weight": "bold" } },
    { selector: "node.focus", style: { width: 28, height: 28, "border-width": 3, "border-color": "#263238" } },
    { selector: "node:selected", style: { "border-width": 3, "border-color": "#ffb300" } },
    { selector: "edge", style: {
      width: 1.2, "line-color": "#b0bec5", "target-arrow-color": "#b0bec5", "target-arrow-shape": "triangle",
      "curve-style": "bezier", label: "data(label)", "font-size": 8, "font-family": FONT, color: "#78909c", "text-rotation": "autorotate" } },
    { selector: "edge.path", style: { width: 3, "line-color": "#e53935", "target-arrow-color": "#e53935" } },
    { selector: "edge.member", style: { "line-style": "dashed", "target-arrow-shape": "none", label: "" } },
    { selector: ".hidden", style: { display: "none" } },
  ],
});

window.plangraph = { cy, firstDrawMs: null, lastAnswer: null, drawn: 0, ready: null };

async function api(path, params = {}) {
  const url = new URL(API + path, location.origin);
  for (const [k, v] of Object.entries(params)) {
    for (const one of [].concat(v)) url.searchParams.append(k, one);
  }
  const response = await fetch(url);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : response.statusText);
  return body;
}

function notice(text) {
  $("notice").textContent = text || "";
  $("notice").hidden = !text;
}

// -- drawing --------------------------------------------------------------------------
function bannerColor(name) {
  if (!state.bannerColors.has(name)) {
    state.bannerColors.set(name, BANNER_PALETTE[state.bannerColors.size % BANNER_PALETTE.length]);
  }
  return state.bannerColors.get(name);
}

class Drawing {
  constructor() { this.nodes = new Map(); this.edges = new Map(); }
  node(ref, extra = {}) {
    const old = this.nodes.get(ref.id) || {};
    this.nodes.set(ref.id, { ...old, id: ref.id, name: ref.name, type: ref.type, ...extra });
  }
  edge(source, target, label, classes = "") {
    const id = `${source}|${label}|${target}`;
    const old = this.edges.get(id);
    this.edges.set(id, { data: { id, source, target, label: EDGE_LABELS[label] || label, type: label }, classes: old && old.classes.includes("path") ? old.classes : classes });
  }
  hop(h, classes) { this.node(h.source); this.node(h.target); this.edge(h.source.id, h.target.id, h.type, classes); }
  elements() {
    return [...[...this.nodes.values()].map((data) => ({ data })), ...this.edges.values()];
  }
}

function withBanners(extra, banners) {
  const names = (banners || []).map((b) => b.name);
  return { ...extra, banners: names, color: names.length ? bannerColor(names[0]) : undefined };
}

function drawFeeders(a) {
  const d = new Drawing();
  d.node(a.target, { focus: true });
  for (const f of a.feeds) {
    d.node(f.project, withBanners({ way: f.way }, f.banners));
    for (const path of f.paths) for (const h of path) d.hop(h, "path");
  }
  for (const t of a.tasks) d.node(t);
  for (const i of a.industries) d.node(i);
  for (const f of a.feeds) for (const i of a.industries) d.edge(f.project.id, i.id, "supports");
  for (const f of a.feeds) for (const [i, t] of a.tasks.entries()) if (i === 0 && f.way === "direct" && d.nodes.has(t.id)) d.edge(a.target.id, t.id, "supports");
  const roots = a.feeds.map((f) => f.project.id);
  return { elements: d.elements(), layout: { name: "breadthfirst", directed: true, roots, spacingFactor: 1.1 } };
}

function drawChain(a) {
  const d = new Drawing();
  d.node(a.industry, { focus: true });
  for (const s of a.upstream) { d.node(s); d.edge(s.id, a.industry.id, "upstream-of"); }
  for (const s of a.downstream) { d.node(s); d.edge(a.industry.id, s.id, "upstream-of"); }
  for (const s of a.sub_industries) { d.node(s); d.edge(s.id, a.industry.id, "part-of"); }
  const linkId = (name) => `link:${a.industry.id}/${name}`;
  for (const link of a.links) {
    d.node({ id: linkId(link.name), name: link.name, type: "Link" }, { link });
    for (const down of link.feeds) d.edge(linkId(link.name), linkId(down), "上游");
    for (const p of link.projects) {
      d.node(p.project, withBanners({}, p.banners));
      d.edge(linkId(link.name), p.project.id, "", "member");
      for (const e of p.enterprises) { d.node(e); d.edge(e.id, p.project.id, "responsible-for"); }
    }
  }
  for (const p of a.unplaced) {
    d.node(p.project, withBanners({}, p.banners));
    d.edge(p.project.id, a.industry.id, "supports");
    for (const e of p.enterprises) { d.node(e); d.edge(e.id, p.project.id, "responsible-for"); }
  }
  for (const l of a.links.filter((x) => x.upstream.length === 0)) d.edge(a.industry.id, linkId(l.name), "", "member");
  const roots = [a.industry.id];  // the sector on top, its chain below it, upstream links first
  return { elements: d.elements(), layout: { name: "breadthfirst", directed: false, roots, spacingFactor: 1.05 } };
}

function drawBanner(a) {
  const d = new Drawing();
  d.node(a.banner, { focus: true });
  for (const u of a.sub_units) { d.node(u); d.edge(u.id, a.banner.id, "located-in"); }
  for (const p of a.projects) {
    d.node(p.project, withBanners({}, [p.located_in]));
    d.edge(p.project.id, p.located_in.id, "located-in");
    for (const e of p.enterprises) { d.node(e); d.edge(e.id, p.project.id, "responsible-for"); }
    for (const t of p.targets) { d.node(t); d.edge(p.project.id, t.id, "feeds", "path"); }
  }
  for (const e of a.enterprises) { d.node(e); d.edge(e.id, a.banner.id, "located-in"); }
  return { elements: d.elements(), layout: { name: "cose", animate: false, nodeRepulsion: 9000, idealEdgeLength: 70 } };
}

async function show(view, ref) {
  const spec = VIEWS[view];
  const started = performance.now();
  const answer = await api("/" + spec.route, { [spec.param]: ref });
  window.plangraph.lastAnswer = answer;
  const { elements, layout } = spec.draw(answer);
  cy.startBatch();
  cy.elements().remove();
  cy.add(elements);
  cy.nodes().filter((n) => n.data("focus")).addClass("focus");
  cy.endBatch();
  cy.layout({ ...layout, fit: true, padding: 30 }).run();
  applyFilters();
  renderLegend();
  notice(answer.truncated ? "结果被截断：服务器按深度或条数上限截取了部分结果（可在 API 中调大 max_depth / limit）。" : "");
  location.hash = `${view}=${encodeURIComponent(ref)}`;
  if (window.plangraph.firstDrawMs === null) window.plangraph.firstDrawMs = performance.now() - started;
  window.plangraph.drawn += 1;
  return answer;
}

// -- legend and filters ---------------------------------------------------------------
function renderLegend() {
  const present = new Set(cy.nodes().map((n) => n.data("type")));
  $("legend").replaceChildren(...Object.entries(TYPES).filter(([t]) => present.has(t)).map(([t, s]) => legendItem(s.color, s.label + " " + t)));
  $("type-filters").replaceChildren(...[...present].map((t) => {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox"; box.checked = !state.hiddenTypes?.has(t); box.dataset.type = t;
    box.addEventListener("change", () => { toggleType(t, !box.checked); });
    label.append(box, " " + (TYPES[t] ? TYPES[t].label : t));
    return label;
  }));
  const banners = new Set(cy.nodes().flatMap((n) => n.data("banners") || []));
  const select = $("banner-filter");
  const current = select.value;
  select.replaceChildren(new Option("全部", ""), ...[...banners].sort().map((b) => new Option(b, b)));
  select.value = banners.has(current) ? current : "";
  $("banner-legend").replaceChildren(...[...banners].sort().map((b) => legendItem(bannerColor(b), b)));
}

function legendItem(color, text) {
  const li = document.createElement("li");
  const sw = document.createElement("span");
  sw.className = "swatch"; sw.style.background = color;
  li.append(sw, text);
  return li;
}

function toggleType(type, hidden) {
  state.hiddenTypes = state.hiddenTypes || new Set();
  if (hidden) state.hiddenTypes.add(type); else state.hiddenTypes.delete(type);
  applyFilters();
}

function applyFilters() {
  const hiddenTypes = state.hiddenTypes || new Set();
  const banner = $("banner-filter").value;
  cy.nodes().forEach((n) => {
    const offType = hiddenTypes.has(n.data("type"));
    const offBanner = banner && n.data("type") === "Project" && !(n.data("banners") || []).includes(banner);
    n.toggleClass("hidden", Boolean(offType || offBanner));
  });
}

// -- the side panel -------------------------------------------------------------------
function el(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  Object.assign(e, attrs);
  return e;
}

function formatValue(v) {
  if (v && typeof v === "object" && "value" in v && "unit" in v) return `${v.value} ${v.unit}`;
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

async function openPanel(id) {
  const body = $("panel-body");
  if ($("panel").hidden) { $("panel").hidden = false; cy.resize(); }
  if (id.startsWith("link:")) return openLink(cy.getElementById(id).data("link"));
  const view = await api("/nodes/" + encodeURIComponent(id));
  const n = view.node;
  const type = el("span", (TYPES[n.type] || {}).label || n.type, { className: "type" });
  type.style.background = (TYPES[n.type] || {}).color || "#999";
  const parts = [el("h2", n.name), type, el("p", n.id, { className: "id" })];
  if (n.aliases.length) parts.push(el("p", "别名：" + n.aliases.join("、")));
  const rows = Object.entries(n.attributes).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && !v.length));
  if (rows.length) {
    const table = el("table");
    for (const [k, v] of rows) {
      const tr = el("tr");
      tr.append(el("td", ATTRIBUTE_LABELS[k] || k), el("td", k === "chain" ? v.map((l) => l.name).join(" → ") : formatValue(v)));
      table.append(tr);
    }
    parts.push(table);
  }
  if (view.neighbours.length) {
    parts.push(el("h3", "相邻节点"));
    const ul = el("ul");
    for (const nb of view.neighbours) {
      const li = el("li");
      const a = el("a", nb.node.name, { href: "#" });
      a.dataset.id = nb.node.id;
      a.addEventListener("click", (ev) => { ev.preventDefault(); focusNode(nb.node.id); openPanel(nb.node.id); });
      const label = EDGE_LABELS[nb.edge.type] || nb.edge.type;
      li.append(nb.direction === "out" ? `→ ${label} ` : `← ${label} `, a, ` (${(TYPES[nb.node.type] || {}).label || nb.node.type})`);
      ul.append(li);
    }
    parts.push(ul);
  }
  parts.push(el("h3", "出处"));
  for (const p of n.provenance) {
    const q = el("blockquote", p.quote, { className: "quote" });
    q.title = p.start !== null && p.start !== undefined ? `${p.plan} · ${p.start}–${p.end}` : p.source;
    parts.push(q);
  }
  body.replaceChildren(...parts);
}

function openLink(link) {
  const parts = [el("h2", link.name), el("p", "产业链环节（来自产业分类）")];
  if (link.upstream.length) parts.push(el("p", "上游环节：" + link.upstream.join("、")));
  if (link.feeds.length) parts.push(el("p", "供给：" + link.feeds.join("、")));
  const ul = el("ul");
  for (const p of link.projects) ul.append(el("li", p.project.name));
  parts.push(el("h3", "项目"), ul);
  $("panel-body").replaceChildren(...parts);
}

function focusNode(id) {
  const n = cy.getElementById(id);
  if (n.nonempty()) { cy.$(":selected").unselect(); n.select(); cy.animate({ center: { eles: n } }, { duration: 200 }); }
}

// -- pickers and wiring ---------------------------------------------------------------
async function fillPicker(text) {
  const spec = VIEWS[state.view];
  const hits = text
    ? (await api("/search", { q: text, types: spec.type, limit: 30 })).hits.map((h) => h.node)
    : (await api("/nodes", { type: spec.type, limit: 200 })).items;
  state.picked = new Map(hits.map((n) => [n.name, n.id]));
  $("pick-options").replaceChildren(...hits.map((n) => new Option(n.name, n.name)));
  return hits;
}

function setView(view) {
  state.view = view;
  document.querySelectorAll("nav button").forEach((b) => b.setAttribute("aria-selected", String(b.dataset.view === view)));
  $("pick-label").textContent = VIEWS[view].label;
  $("pick").value = "";
  return fillPicker("");
}

async function submitPick(ev) {
  ev.preventDefault();
  const text = $("pick").value.trim();
  if (!text) return;
  const id = state.picked.get(text) || (await fillPicker(text)).map((n) => n.id)[0];
  if (!id) { notice(`没有找到“${text}”`); return; }
  await show(state.view, id).catch((err) => notice(err.message));
}

function savePng() {
  const a = document.createElement("a");
  a.href = cy.png({ full: true, bg: "#ffffff", scale: 2 });
  a.download = `plangraph-${state.view}.png`;
  a.click();
}

let typing;
$("pick").addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(() => fillPicker($("pick").value.trim()), 150); });
$("picker").addEventListener("submit", submitPick);
$("save-png").addEventListener("click", savePng);
$("banner-filter").addEventListener("change", applyFilters);
$("panel-close").addEventListener("click", () => { $("panel").hidden = true; cy.resize(); });
document.querySelectorAll("nav button").forEach((b) => b.addEventListener("click", () => setView(b.dataset.view)));
cy.on("tap", "node", (ev) => openPanel(ev.target.id()).catch((err) => notice(err.message)));

async function start() {
  const stats = await api("/stats");
  $("plan-name").textContent = stats.plans.map((p) => p.name).join("、");
  const [view, ref] = decodeURIComponent(location.hash.slice(1)).split(/=(.*)/s);
  if (VIEWS[view] && ref) {
    await setView(view);
    return show(view, ref);
  }
  await setView("target");
  const [first] = (await api("/nodes", { type: "Target", order: "degree", limit: 1 })).items;
  return first ? show("target", first.id) : null;
}

window.plangraph.ready = start().catch((err) => notice(err.message));
