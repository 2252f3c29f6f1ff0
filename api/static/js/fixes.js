// The list of corrections (GET /corrections): what each did, who and why, what became of
// it on the graph as it is now (applied, re-keyed, orphaned), lines of the file that are
// not corrections; and, with the token, undo (DELETE /corrections/{id}).
import { button, el } from "./dom.js";
import { edgeLabel, typeLabel } from "./theme.js";

export const OPS = {
  "delete-node": "删除节点", "delete-edge": "删除关系", rename: "重命名", retype: "改类型",
  "set-attribute": "设属性", merge: "合并", "add-node": "新增节点", "add-edge": "新增关系",
};
export const STATES = { applied: "已生效", "re-keyed": "已重新定位", orphaned: "失效" };

const named = (s) => (s ? s.name || s.id : "");

function subject(c) {
  if (c.op === "add-node") return `${typeLabel(c.type)} ${c.name}`;
  if (c.op === "add-edge" || c.op === "delete-edge") return `${named(c.source)} → ${named(c.target)}（${edgeLabel(c.edge_type)}）`;
  if (c.op === "merge") return `${named(c.node)} 并入 ${named(c.into)}`;
  return named(c.node);
}

function change(c) {
  if (c.op === "rename") return `改为 ${c.name}`;
  if (c.op === "retype") return `${typeLabel(c.node.type)} → ${typeLabel(c.type)}`;
  if (c.op === "set-attribute") return c.value === null ? `删除属性 ${c.key}` : `${c.key} = ${JSON.stringify(c.value)}`;
  if (c.op === "add-node" || c.op === "add-edge") return c.quote ? `引文：${c.quote}` : c.note ? `备注：${c.note}` : "";
  return "";
}

function row(entry, { writable, undo }) {
  const c = entry.correction;
  const tr = el("tr", undefined, { dataset: { id: c.id, state: entry.status.state } });
  const state = el("span", STATES[entry.status.state] || entry.status.state, { className: `state ${entry.status.state}`, title: entry.status.detail });
  const cells = [c.id, OPS[c.op] || c.op, subject(c), change(c), c.why, c.who, c.when.replace("T", " ").replace(/\+00:00$/, " UTC")];
  tr.append(...cells.map((t, i) => el("td", t, { className: i === 0 ? "id-col" : "" })));
  const last = el("td");
  last.append(state);
  if (entry.status.state === "orphaned") last.append(el("div", entry.status.detail, { className: "detail" }));
  tr.append(last);
  if (writable) {
    const td = el("td");
    td.append(button("撤销", () => undo(c.id), { className: "undo", title: `撤销 ${c.id}：图恢复为没有这条更正时的样子` }));
    tr.append(td);
  }
  return tr;
}

export function renderFixes(container, answer, { writable, undo, note }) {
  const parts = [el("h2", `更正记录（${answer.entries.length}）`)];
  if (note) parts.push(el("p", note, { className: "table-note" }));
  if (answer.problems.length) {
    const box = el("div", undefined, { className: "problems", role: "alert" });
    box.append(el("p", "更正文件中有无法读取的行（其余更正照常生效；修好之前不能新增更正）："));
    const ul = el("ul");
    for (const p of answer.problems) ul.append(el("li", p));
    box.append(ul);
    parts.push(box);
  }
  if (!answer.entries.length) {
    parts.push(el("p", "还没有更正。", { className: "table-note" }));
  } else {
    const counts = Object.keys(STATES).map((s) => `${STATES[s]} ${answer.entries.filter((e) => e.status.state === s).length}`);
    parts.push(el("p", `${counts.join("，")}${answer.file ? `（${answer.file}）` : ""}`, { className: "table-note" }));
    const table = el("table", undefined, { className: "grid fixes" });
    const head = el("tr");
    const titles = ["编号", "操作", "对象", "修改", "理由", "审阅人", "时间", "状态", ...(writable ? [""] : [])];
    head.append(...titles.map((t) => el("th", t, { scope: "col" })));
    const thead = el("thead");
    thead.append(head);
    const tbody = el("tbody");
    tbody.append(...answer.entries.map((e) => row(e, { writable, undo })));
    table.append(thead, tbody);
    const scroll = el("div", undefined, { className: "table-scroll" });
    scroll.append(table);
    parts.push(scroll);
  }
  container.replaceChildren(...parts);
}
