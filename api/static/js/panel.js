// The side panel: what was clicked (a node, an edge, a chain link) with its quotes, and
// actions on it. It only ever shows something of the current view: a new view clears it.
import { api, nodePath } from "./api.js";
import { $, button, el } from "./dom.js";
import { bare, quoteFigure } from "./evidence.js";
import { edgeReview, nodeReview } from "./forms.js";
import { planLabel, plansOf, planTag, repeated, sameName, severalPlans } from "./plans.js";
import { correctionId, entryOf, undo, writable } from "./review.js";
import { ATTRIBUTES, TYPES, edgeLabel, typeLabel } from "./theme.js";

let hooks = { open: () => {}, toggled: () => {}, viewOf: () => null, isFocus: () => false, select: () => {}, drawn: () => false, notice: () => {} };
let shown = 0; // bumps on every change, so a slow answer never overwrites a newer one
let nodeShown = null; // the id of the node the panel shows, if it shows one

export const shownNode = () => nodeShown;

export function initPanel(h) {
  hooks = { ...hooks, ...h };
  $("panel-close").addEventListener("click", () => closePanel());
}

function badge(type) {
  const b = el("span", typeLabel(type), { className: "type" });
  b.style.background = (TYPES[type] || {}).color || "#999";
  return b;
}

function formatValue(k, v) {
  if (k === "chain" && Array.isArray(v)) return v.map((l) => l.name).join(" → ");
  if (v && typeof v === "object" && "value" in v && "unit" in v) return `${v.value} ${v.unit}`;
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

async function render(what, keep, node = null) {
  const mine = ++shown;
  nodeShown = node;
  const wasHidden = $("panel").hidden;
  $("panel").hidden = false;
  $("panel-body").replaceChildren(el("p", "加载中…", { className: "loading" }));
  if (wasHidden) hooks.toggled(keep);
  try {
    const parts = await what();
    if (mine === shown) $("panel-body").replaceChildren(...parts);
  } catch (err) {
    if (mine === shown) $("panel-body").replaceChildren(el("p", `无法显示：${err.message}`, { className: "error" }));
    throw err;
  }
}

export function closePanel() {
  shown += 1;
  nodeShown = null;
  $("panel-body").replaceChildren();
  if (!$("panel").hidden) {
    $("panel").hidden = true;
    hooks.toggled();
  }
}

export function clearPanel() {
  shown += 1;
  nodeShown = null;
  $("panel-body").replaceChildren();
}

export const isOpen = () => !$("panel").hidden;

// A node named in the panel: shown in the panel when it is drawn, else opened in its view.
function nodeLink(ref) {
  const a = el("a", ref.name, { href: "#", dataset: { id: ref.id } });
  a.addEventListener("click", (ev) => {
    ev.preventDefault();
    if (hooks.drawn(ref.id)) { hooks.select(ref.id); showNode(ref.id); } else hooks.open(hooks.viewOf(ref.type).name, ref.id);
  });
  return a;
}

const isCorrected = (record) => record.provenance.some((p) => correctionId(p.source));

// A fact an officer's correction made: its words (and reason), who and when, and undo.
function correctionFigure(p) {
  const id = correctionId(p.source);
  const box = el("figure", undefined, { className: "evidence correction", dataset: { correction: id } });
  const caption = el("figcaption");
  caption.append(el("span", `审阅更正 ${id}`, { className: "by" }));
  if (writable()) caption.append(button("撤销", () => undo(id).catch((err) => hooks.notice(err.message)), { className: "undo" }));
  box.append(el("blockquote", p.quote, { className: "quote", lang: "zh-CN" }), caption);
  entryOf(id).then((e) => {
    if (e) caption.firstChild.textContent = `审阅更正 ${id} · ${e.correction.who || "（未署名）"} · ${e.correction.when.slice(0, 10)}`;
  }, () => {});
  return box;
}

function quotes(provenance, expand) {
  return provenance.map((p) => {
    if (correctionId(p.source)) return correctionFigure(p);
    const figure = bare(p, p.source === "text" ? undefined : p.source);
    if (expand && p.source === "text" && p.start !== null && p.start !== undefined) {
      figure.append(button("整句与出处", async () => figure.replaceWith(await quoteFigure(p)), { className: "more" }));
    }
    return figure;
  });
}

const PLANS_SHOWN = 5;

// The plans a node comes from (a banner or an industry may be named by many).
function plansLine(ids) {
  const shown = ids.slice(0, PLANS_SHOWN).map(planLabel).join("、");
  const more = ids.length > PLANS_SHOWN ? ` 等 ${ids.length} 个计划` : "";
  return el("p", `计划：${shown}${more}`, { className: "plans", title: ids.join("\n") });
}

export function showNode(id, keep) {
  return render(async () => {
    const { node: n, neighbours } = await api(nodePath(id));
    const parts = [el("h2", n.name), badge(n.type)];
    if (isCorrected(n)) parts.push(el("span", "已更正", { className: "corrected-badge", title: "审阅人的更正改动或新增了此节点" }));
    parts.push(el("p", n.id, { className: "id" }));
    if (severalPlans()) parts.push(plansLine(plansOf(n)));
    if (!hooks.isFocus(n.id)) {
      const view = hooks.viewOf(n.type);
      const actions = el("div", undefined, { className: "actions" });
      actions.append(button(`以此为中心：${view.label}视图`, () => hooks.open(view.name, n.id)));
      parts.push(actions);
    }
    if (writable()) parts.push(nodeReview(n));
    if (n.aliases.length) parts.push(el("p", "别名：" + n.aliases.join("、")));
    const rows = Object.entries(n.attributes).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && !v.length));
    if (rows.length) {
      const table = el("table");
      for (const [k, v] of rows) {
        const tr = el("tr");
        tr.append(el("td", ATTRIBUTES[k] || k), el("td", formatValue(k, v)));
        table.append(tr);
      }
      parts.push(table);
    }
    if (neighbours.length) {
      const ul = el("ul", undefined, { className: "neighbours" });
      const twice = repeated(neighbours.map((nb) => nb.node));
      for (const nb of neighbours.slice(0, 80)) {
        const li = el("li");
        li.append(nb.direction === "out" ? `→ ${edgeLabel(nb.edge.type)} ` : `← ${edgeLabel(nb.edge.type)} `, nodeLink(nb.node), ` (${typeLabel(nb.node.type)})`);
        const plans = plansOf(nb.node);
        if (plans.length === 1 && twice.has(sameName(nb.node))) li.append(" ", planTag(plans[0])); // the same name in two plans
        if (isCorrected(nb.edge)) li.append(el("span", "更正", { className: "corrected-badge" }));
        ul.append(li);
      }
      parts.push(el("h3", `相邻节点（${neighbours.length}）`), ul);
    }
    parts.push(el("h3", "出处"), ...quotes(n.provenance, true));
    return parts;
  }, keep, id);
}

async function edgeRecord(ref) {
  const { neighbours } = await api(nodePath(ref.source));
  const found = neighbours.find((nb) => nb.direction === "out" && nb.edge.target === ref.target && nb.edge.type === ref.type);
  return found ? found.edge : null;
}

export function showEdge(edge, keep) {
  const d = edge.data();
  return render(async () => {
    const from = edge.source().data("name");
    const to = edge.target().data("name");
    const arrow = d.arrow === "back" ? "←" : "→";
    const parts = [el("h2", `${from} ${arrow} ${to}`), el("p", d.label || edgeLabel(d.kind), { className: "edge-kind" })];
    if (d.note === "taxonomy") {
      parts.push(el("p", "产业链环节之间的关系来自产业分类资料库，不出自计划原文。"));
      return parts;
    }
    if (d.note === "feeds") {
      parts.push(el("p", "此项目支撑该目标（直接或经由其任务）；路径与每一步的出处见目标视图。"));
      const actions = el("div", undefined, { className: "actions" });
      actions.append(button("打开目标视图", () => hooks.open("target", edge.target().id())));
      parts.push(actions);
      return parts;
    }
    const record = d.ref ? await edgeRecord(d.ref) : null;
    if (!record) {
      parts.push(el("p", "图中没有这两个节点之间的直接关系记录（经由其他节点）。"));
      return parts;
    }
    if (isCorrected(record)) parts.push(el("span", "已更正", { className: "corrected-badge" }));
    if (writable()) parts.push(edgeReview(d.ref, from, to));
    parts.push(el("h3", record.provenance.length > 1 ? `出处（${record.provenance.length} 处）` : "出处"));
    for (const p of record.provenance) parts.push(correctionId(p.source) ? correctionFigure(p) : await quoteFigure(p));
    return parts;
  }, keep);
}

export function showLink(link, keep) {
  return render(async () => {
    const parts = [el("h2", link.name), badge("Link"), el("p", "产业链环节（来自产业分类资料库）")];
    if (link.upstream.length) parts.push(el("p", "上游环节：" + link.upstream.join("、")));
    if (link.feeds.length) parts.push(el("p", "供给：" + link.feeds.join("、")));
    const ul = el("ul");
    for (const p of link.projects) { const li = el("li"); li.append(nodeLink(p.project)); ul.append(li); }
    parts.push(el("h3", `项目（${link.projects.length}）`), ul);
    return parts;
  }, keep);
}

// Anything else the panel shows: what a correction left (a node deleted), a form.
export function showParts(parts, keep) {
  return render(async () => parts, keep);
}
