// The stage's tabs: 图 (the view's graph), 表 (its table) and, in review mode, 更正记录 (the
// list of corrections). The table and the list are drawn over the graph, which keeps its
// size underneath, so its framing stays right whatever tab is open.
import { $ } from "./dom.js";
import { renderFixes } from "./fixes.js";
import { listing, NOT_CONFIGURED, review, undo, writable } from "./review.js";
import { hasTable, showTable } from "./tables.js";

const PANES = { graph: "graph", table: "table-view", fixes: "fixes-view" };
let current = "graph";
let hooks = { where: () => ({ view: null, focus: null }), onRow: () => {}, notice: () => {} };

export function initStage(h) {
  hooks = { ...hooks, ...h };
  document.querySelectorAll("#stage-tabs [role=tab]").forEach((b) => {
    b.addEventListener("click", () => selectTab(b.dataset.tab).catch((err) => hooks.notice(err.message)));
  });
}

export async function selectTab(name) {
  current = name;
  for (const [t, pane] of Object.entries(PANES)) {
    $(`tab-${t}`).setAttribute("aria-selected", String(t === name));
    if (t !== "graph") $(pane).hidden = t !== name;
  }
  $("graph").inert = name !== "graph";
  $("tip").hidden = true;
  await refresh();
}

async function showFixes() {
  const answer = await listing();
  const note = review.can && review.can.list && !review.can.write ? NOT_CONFIGURED : "";
  const undoing = (id) => undo(id).catch((err) => hooks.notice(err.message));
  renderFixes($("fixes-view"), answer, { writable: writable(), undo: undoing, note });
}

// What the stage shows changed (a new view, a correction, review mode): the open tab follows.
export async function refresh() {
  const { view, focus } = hooks.where();
  const table = $("tab-table");
  table.disabled = !hasTable(view);
  table.title = table.disabled ? "此视图没有表格" : "此视图的表格：排序、筛选、下载 xlsx 或 CSV";
  $("tab-fixes").hidden = !review.on;
  if ((current === "table" && table.disabled) || (current === "fixes" && !review.on)) return selectTab("graph");
  if (current === "table") await showTable($("table-view"), view, focus, hooks.onRow);
  if (current === "fixes") await showFixes();
}

// The list's tab says how many there are.
export function listed(answer) {
  $("tab-fixes").textContent = `更正记录（${answer.entries.length}）`;
}
