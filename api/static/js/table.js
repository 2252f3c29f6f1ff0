// A table of the API's {columns, rows}: the Chinese titles the API gives, sorted by a click
// on a title (ascending, descending, back to the API's order), filtered by one box over
// every column and one box per column. Rows whose node the view draws can be activated
// (click, Enter) to show that node in the graph. Plain DOM: the tables of a view hold tens
// of rows, at most a thousand, and re-rendering them takes a few milliseconds.
import { el } from "./dom.js";

const collator = new Intl.Collator("zh-CN", { numeric: true, sensitivity: "base" });
const LONG = 60; // characters: a longer cell shows three lines until 显示全文 is ticked
const text = (value) => (value === null || value === undefined ? "" : String(value));
const isId = (column) => column.key === "id" || column.key.endsWith("_id");

function compare(a, b) {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return collator.compare(text(a), text(b));
}

// Rows in the order asked: empty cells last either way, ties in the API's order.
function sorted(rows, sort) {
  if (!sort) return rows;
  const sign = sort.dir === "ascending" ? 1 : -1;
  const empty = (r) => text(r.row[sort.key]) === "";
  return [...rows].sort((x, y) => {
    if (empty(x) || empty(y)) return empty(x) - empty(y) || x.at - y.at;
    return sign * compare(x.row[sort.key], y.row[sort.key]) || x.at - y.at;
  });
}

// Every word of the box over all columns in some cell of the row; each column's box in its cell.
function matches(row, columns, filters) {
  const cells = columns.map((c) => text(row[c.key]).toLowerCase());
  const words = filters.all.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.every((w) => cells.some((cell) => cell.includes(w)))) return false;
  return columns.every((c, i) => !filters[c.key] || cells[i].includes(filters[c.key].toLowerCase()));
}

const NEXT = { none: "ascending", ascending: "descending", descending: "none" };

// ``nodeOf(row)`` names the node a row stands for (or null); ``onRow(id, row)`` shows it.
export function renderTable(container, table, { nodeOf = () => null, onRow = () => {}, toolbar = [] } = {}) {
  const rows = table.rows.map((row, at) => ({ row, at }));
  const filters = { all: "" };
  let sort = null;

  const tbody = el("tbody");
  const count = el("span", undefined, { className: "count", role: "status" });
  const heads = table.columns.map((c) => {
    const th = el("th", undefined, { scope: "col", className: isId(c) ? "id-col" : "" });
    th.setAttribute("aria-sort", "none");
    const b = el("button", c.title, { type: "button", className: "sort", dataset: { key: c.key }, title: `按“${c.title}”排序` });
    b.addEventListener("click", () => {
      const dir = NEXT[sort && sort.key === c.key ? sort.dir : "none"];
      sort = dir === "none" ? null : { key: c.key, dir };
      heads.forEach((h, i) => h.setAttribute("aria-sort", sort && table.columns[i].key === sort.key ? sort.dir : "none"));
      fill();
    });
    th.append(b);
    return th;
  });
  const boxes = table.columns.map((c) => {
    const input = el("input", undefined, { type: "search", size: 3, className: "column-filter", dataset: { key: c.key }, placeholder: "筛选", "aria-label": `筛选“${c.title}”` });
    input.addEventListener("input", () => { filters[c.key] = input.value.trim(); fill(); });
    const th = el("th", undefined, { className: isId(c) ? "id-col" : "" });
    th.append(input);
    return th;
  });
  const all = el("input", undefined, { type: "search", className: "table-filter", placeholder: "筛选全部列…", "aria-label": "筛选表格" });
  all.addEventListener("input", () => { filters.all = all.value.trim(); fill(); });

  function cell(c, value) {
    const content = text(value);
    const td = el("td", undefined, { className: isId(c) ? "id-col" : "", dataset: { key: c.key } });
    if (content.length > LONG) td.append(el("div", content, { className: "long", title: content }));
    else td.textContent = content;
    return td;
  }

  function line({ row }) {
    const tr = el("tr");
    for (const c of table.columns) tr.append(cell(c, row[c.key]));
    const id = nodeOf(row);
    if (id) {
      Object.assign(tr, { tabIndex: 0, className: "to-node", title: "在图中显示" });
      tr.dataset.node = id;
      tr.addEventListener("click", () => onRow(id, row));
      tr.addEventListener("keydown", (ev) => { if (ev.key === "Enter") onRow(id, row); });
    }
    return tr;
  }

  function fill() {
    const shown = sorted(rows.filter((r) => matches(r.row, table.columns, filters)), sort);
    const empty = el("tr", undefined, { className: "empty" });
    empty.append(el("td", rows.length ? "没有符合筛选条件的行" : "此视图的表格没有行", { colSpan: table.columns.length }));
    tbody.replaceChildren(...(shown.length ? shown.map(line) : [empty]));
    count.textContent = shown.length === rows.length ? `${rows.length} 行` : `显示 ${shown.length} / ${rows.length} 行`;
  }

  const head = el("thead");
  const titles = el("tr");
  const filterRow = el("tr", undefined, { className: "filters" });
  titles.append(...heads);
  filterRow.append(...boxes);
  head.append(titles, filterRow);
  const grid = el("table", undefined, { className: "grid" });
  grid.append(el("caption", table.title, { className: "sr-only" }), head, tbody);
  const whole = el("input", undefined, { type: "checkbox", className: "whole-text" });
  whole.addEventListener("change", () => grid.classList.toggle("whole", whole.checked));
  const wholeLabel = el("label", undefined, { className: "whole-label" });
  wholeLabel.append(whole, " 显示全文");
  const bar = el("div", undefined, { className: "table-bar" });
  bar.append(el("h2", table.title), all, count, wholeLabel, ...toolbar);
  const scroll = el("div", undefined, { className: "table-scroll" });
  scroll.append(grid);
  const parts = [bar];
  if (table.truncated) parts.push(el("p", "表格被截断：服务器按条数上限截取了部分行。", { className: "table-note" }));
  parts.push(scroll);
  container.replaceChildren(...parts);
  fill();
}
