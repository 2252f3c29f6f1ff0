// The stage's tabs: 图 (the view's graph) and 表 (its table). The table is drawn over the
// graph, which keeps its size underneath, so its framing stays right whatever tab is open.
import { $ } from "./dom.js";
import { hasTable, showTable } from "./tables.js";

const PANES = { graph: "graph", table: "table-view" };
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

// What the stage shows changed (a new view): the open tab follows.
export async function refresh() {
  const { view, focus } = hooks.where();
  const table = $("tab-table");
  table.disabled = !hasTable(view);
  table.title = table.disabled ? "关系视图没有表格" : "此视图的表格：排序、筛选、下载 xlsx 或 CSV";
  if (current === "table" && table.disabled) return selectTab("graph");
  if (current === "table") await showTable($("table-view"), view, focus, hooks.onRow);
}

