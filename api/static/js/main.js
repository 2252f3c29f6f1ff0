// plangraph page: target, chain, banner and node views over the /api/v1 routes, drawn
// with Cytoscape and laid out in layers (cytoscape-dagre), upstream on the left.
import { afterChange } from "./aftermath.js";
import { api, nodePath, scope } from "./api.js";
import { $ } from "./dom.js";
import { drawBanner, drawChain, drawFeeders, drawNode } from "./drawings.js";
import { addNodeForm } from "./forms.js";
import { frame, MAX, MIN } from "./frame.js";
import { layered } from "./layout.js";
import { applyFilters, renderLegend } from "./legend.js";
import { clearPanel, closePanel, initPanel, isOpen, showEdge, showLink, showNode, showParts, shownNode } from "./panel.js";
import { initPlans, loadPlans, planLabel, planOfAddress } from "./plans.js";
import { initReview } from "./review.js";
import { initSearch } from "./search.js";
import { initStage, listed, refresh, selectTab } from "./stage.js";
import { STYLE, typeLabel } from "./theme.js";

const VIEWS = {
  target: { label: "目标", type: "Target", ask: (ref) => api("/feeders", { target: ref }), draw: drawFeeders },
  chain: { label: "产业链", type: "Industry", ask: (ref) => api("/chain", { industry: ref }), draw: drawChain },
  banner: { label: "旗县市区", type: "Banner", ask: (ref) => api("/banner", { banner: ref }), draw: drawBanner },
  node: { label: "关系", type: null, ask: (ref) => api(nodePath(ref)), draw: drawNode },
};
const TRUNCATED = "结果被截断：服务器按深度或条数上限截取了部分结果（可在 API 中调大 max_depth / limit）。";

const state = { view: null, focus: null, last: {} };
const cy = cytoscape({ container: $("graph"), style: STYLE, minZoom: MIN, maxZoom: MAX });
window.plangraph = { cy, firstDrawMs: null, lastAnswer: null, drawn: 0, ready: null, state };

function notice(text) {
  $("notice").textContent = text || "";
  $("notice").hidden = !text;
}

const viewOf = (type) => {
  const name = Object.keys(VIEWS).find((v) => VIEWS[v].type === type) || "node";
  return { name, label: VIEWS[name].label };
};

const focusNode = () => (state.focus ? cy.getElementById(state.focus) : cy.collection());

// Refit, keeping the focus of the view inside the visible canvas, and what was clicked too
// where both fit (or, for a row of the table, that row's node first).
function refit(clicked, first = focusNode()) {
  cy.resize();
  frame(cy, first, clicked || cy.$("node:selected"));
}

let asked = 0; // bumps on every request for a view, so a slow answer never replaces a newer one

function draw(drawing) {
  cy.batch(() => {
    cy.elements().remove();
    cy.add(drawing.elements);
    focusNode().addClass("focus");
  });
  layered(cy);
  applyFilters(cy);
  renderLegend(cy, () => { applyFilters(cy); refit(); });
  $("summary").textContent = drawing.summary;
}

// ``then`` replaces what the panel does after drawing (by default: it follows the new focus if open).
async function show(view, ref, { replace = false, then = null } = {}) {
  const mine = ++asked;
  const started = performance.now();
  const answer = await VIEWS[view].ask(ref);
  if (mine !== asked) return answer;
  const drawing = VIEWS[view].draw(answer);
  Object.assign(state, { view, focus: drawing.focus });
  state.last[view] = drawing.focus;
  window.plangraph.lastAnswer = answer;
  draw(drawing);
  markTab(view);
  notice(answer.truncated || drawing.cut ? TRUNCATED : "");
  const address = addressOf(view, drawing.focus);
  if (location.hash !== address) history[replace ? "replaceState" : "pushState"](null, "", address);
  if (then) then();
  else if (isOpen()) showNode(drawing.focus);
  else clearPanel();
  refit();
  if (window.plangraph.firstDrawMs === null) window.plangraph.firstDrawMs = performance.now() - started;
  window.plangraph.drawn += 1;
  refresh().catch((err) => notice(err.message));
  return answer;
}

function markTab(view) {
  document.querySelectorAll("#views button").forEach((b) => {
    b.setAttribute("aria-selected", String(b.dataset.view === view));
    if (b.dataset.view === "node" && view === "node") b.hidden = false; // shown once a node view was opened
  });
}

// A tab shows its view again for what it showed last, else for the most connected node of its type.
async function openTab(view, options = {}) {
  if (state.last[view]) return show(view, state.last[view], options);
  const type = VIEWS[view].type;
  const [first] = (await api("/nodes", { type, order: "degree", limit: 1 })).items;
  return first ? show(view, first.id, options) : notice(`没有${VIEWS[view].label}`);
}

const open = (view, id) => show(view, id).catch((err) => notice(err.message));

function select(id) {
  const n = cy.getElementById(id);
  cy.$(":selected").unselect();
  if (n.nonempty()) n.select();
}

const drawn = (id) => cy.getElementById(id).nonempty();

// A row of the table: its node in the graph, selected, in sight, and in the panel.
async function focusOn(id) {
  await selectTab("graph");
  const n = cy.getElementById(id);
  if (n.empty()) return;
  if (n.hasClass("hidden")) notice("此节点被左侧的筛选隐藏：取消筛选后可见。");
  select(id);
  const showing = n.data("type") === "Link" ? showLink(n.data("link"), n) : showNode(id, n);
  refit(focusNode(), n); // the row asked for this node: it stays in sight, the focus too where both fit
  await showing;
}

function savePng() {
  const a = document.createElement("a");
  a.href = cy.png({ full: true, bg: "#ffffff", scale: 2 });
  a.download = `plangraph-${state.view}.png`;
  a.click();
}

function tooltip(ev) {
  const tip = $("tip");
  const n = ev.target;
  const plan = n.data("plan") ? ` · ${planLabel(n.data("plan"))}` : ""; // one of two of that name
  tip.textContent = `${n.data("name")} · ${typeLabel(n.data("type"))}${plan}`;
  const box = $("graph").getBoundingClientRect();
  const pos = n.renderedPosition();
  tip.style.left = `${box.left + pos.x}px`;
  tip.style.top = `${box.top + pos.y + n.renderedHeight() / 2 + 6}px`;
  tip.hidden = false;
}

function wire() {
  initPanel({ open, toggled: refit, viewOf, isFocus: (id) => id === state.focus, select, drawn, notice });
  initStage({ where: () => state, onRow: (id) => focusOn(id).catch((err) => notice(err.message)), notice });
  initSearch((node) => open(viewOf(node.type).name, node.id), notice);
  document.querySelectorAll("#views button").forEach((b) => b.addEventListener("click", () => openTab(b.dataset.view).catch((err) => notice(err.message))));
  $("save-png").addEventListener("click", savePng);
  $("banner-filter").addEventListener("change", () => { applyFilters(cy); refit(); });
  $("plan-view-close").addEventListener("click", () => $("plan-view").close());
  cy.on("tap", "node", (ev) => {
    const n = ev.target;
    (n.data("type") === "Link" ? showLink(n.data("link"), n) : showNode(n.id(), n)).catch((err) => notice(err.message));
  });
  cy.on("tap", "edge", (ev) => showEdge(ev.target, ev.target.connectedNodes()).catch((err) => notice(err.message)));
  cy.on("mouseover", "node", tooltip);
  cy.on("mouseout", "node", () => { $("tip").hidden = true; });
  cy.on("viewport", () => { $("tip").hidden = true; });
  window.addEventListener("resize", () => refit());
  new ResizeObserver(() => cy.resize()).observe($("graph")); // a bar shown or hidden moves the canvas: keep clicks mapped
  document.addEventListener("keydown", (ev) => {
    const typing = ev.target.closest && ev.target.closest("input, textarea, select");
    if (ev.key === "Escape" && !typing && !$("plan-view").open && isOpen()) closePanel();
  });
}

// A new plan chosen: the view keeps its focus where that plan names it too (a banner, an
// industry several plans share), else shows the most connected node of its type in the plan.
async function planChanged() {
  const { view, focus } = state;
  state.last = {};
  const n = focus ? cy.getElementById(focus) : cy.collection();
  if (view && n.nonempty()) {
    const found = await api("/nodes", { text: n.data("name"), type: n.data("type"), limit: 50 });
    if (found.items.some((item) => item.id === focus)) return show(view, focus);
  }
  return openTab(view || "target");
}

// After a correction or an undo: the view is drawn again (see aftermath.js).
const changed = (effect) => afterChange(effect, { state, show, openTab, viewOf, drawn, select, notice, VIEWS });

// ``#view=id`` (``&plan=id`` when the page is scoped to a plan) opens that view (a link, a
// bookmark, the back button); the page keeps the address in step with what it shows.
function addressOf(view, focus) {
  return `#${view}=${encodeURIComponent(focus)}` + (scope.plan ? `&plan=${encodeURIComponent(scope.plan)}` : "");
}

function parseAddress() {
  const out = {};
  for (const part of location.hash.slice(1).split("&")) {
    const at = part.indexOf("=");
    if (at <= 0) continue;
    try {
      out[decodeURIComponent(part.slice(0, at))] = decodeURIComponent(part.slice(at + 1));
    } catch {
      return {}; // not an address the page wrote
    }
  }
  return out;
}

function fromAddress() {
  const address = parseAddress();
  const view = Object.keys(VIEWS).find((v) => address[v]);
  if (!view) return null;
  if ((address.plan || null) !== scope.plan) planOfAddress(address.plan);
  return show(view, address[view], { replace: true });
}

async function start() {
  wire();
  const reviewing = initReview({
    changed,
    toggled: () => {
      refit(); // the review bar took or gave back room
      refresh().catch((err) => notice(err.message));
      if (shownNode()) showNode(shownNode()).catch((err) => notice(err.message));
    },
    listed,
    addNode: () => showParts([addNodeForm(closePanel)]),
  }).catch((err) => notice(err.message));
  initPlans(() => planChanged().catch((err) => notice(err.message)));
  const plans = loadPlans();
  window.addEventListener("hashchange", () => fromAddress()?.catch((err) => notice(err.message)));
  const first = fromAddress() || openTab("target");
  await Promise.all([plans, first, reviewing]);
}

window.plangraph.ready = start().catch((err) => notice(err.message));
