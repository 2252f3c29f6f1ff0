// The review section of the panel: each correction of a node or an edge is a small form
// that asks 理由 (why) and 审阅人 (who) before it is sent to POST /corrections.
import { button, el } from "./dom.js";
import { scope } from "./api.js";
import { planNames } from "./plans.js";
import { picker } from "./picker.js";
import { explain, rememberWho, submit, who } from "./review.js";
import { ATTRIBUTES, edgeLabel, typeLabel } from "./theme.js";

const NODE_TYPES = ["Target", "Project", "Task", "Industry", "Enterprise", "Banner", "Section", "Plan"];
const EDGE_TYPES = ["supports", "located-in", "responsible-for", "part-of", "upstream-of"];
const PLAN_SCOPED = new Set(["Section", "Task", "Target"]);

class Missing extends Error {}

function field(label, control, hint) {
  const box = el("label", undefined, { className: "field" });
  box.append(el("span", label, { className: "label" }), control);
  if (hint) box.append(el("small", hint));
  return box;
}

const input = (name, value = "", attrs = {}) => el("input", undefined, { name, value, autocomplete: "off", ...attrs });
const textarea = (name) => el("textarea", undefined, { name, rows: 2 });

function select(name, options, chosen) {
  const s = el("select", undefined, { name });
  for (const [value, label] of options) s.append(new Option(label, value, false, value === chosen));
  return s;
}

// ``build()`` gives the body (without why and who) or throws Missing; ``effect(body)`` what the page shows next.
function fixForm(title, fields, build, effect, close) {
  const form = el("form", undefined, { className: "fix-form", noValidate: true });
  const why = textarea("why");
  const by = input("who", who());
  const error = el("p", undefined, { className: "form-error", role: "alert", hidden: true });
  const send = el("button", "提交更正", { type: "submit", className: "primary" });
  const row = el("div", undefined, { className: "actions" });
  row.append(send, button("取消", close));
  form.append(el("h4", title), ...fields, field("理由", why), field("审阅人", by), error, row);
  const fail = (text) => { error.textContent = text; error.hidden = false; };
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    let body;
    try {
      body = build();
      if (!why.value.trim()) throw new Missing("请写明理由。");
      if (!by.value.trim()) throw new Missing("请写明审阅人。");
    } catch (err) {
      if (err instanceof Missing) return fail(err.message);
      throw err;
    }
    rememberWho(by.value.trim());
    send.disabled = true;
    error.hidden = true;
    try {
      await submit({ ...body, why: why.value.trim(), who: by.value.trim() }, effect(body));
    } catch (err) {
      send.disabled = false;
      fail(explain(err));
    }
  });
  return form;
}

// A value as typed: JSON where it reads as JSON (35, "文字", {"value": 35, "unit": "万吨"}),
// else the text itself; empty removes the attribute.
function parseValue(text) {
  if (!text.trim()) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function quoteOrNote() {
  const quote = textarea("quote");
  const note = input("note");
  const fields = [field("引文", quote, "计划原文中支持此更正的话"), field("或备注", note, "没有原文时：出处，如 项目库第12项")];
  const read = () => {
    if (!quote.value.trim() && !note.value.trim()) throw new Missing("请给出引文或备注。");
    return quote.value.trim() ? { quote: quote.value.trim() } : { note: note.value.trim() };
  };
  return { fields, read };
}

function picked(p, what) {
  const node = p.value();
  if (!node) throw new Missing(`请先搜索并选定${what}。`);
  return node;
}

const NODE_FORMS = {
  "delete-node": (n) => [
    `删除「${n.name}」`, [el("p", "从图中删除此节点及其全部关系（可在更正记录中撤销）。")],
    () => ({ op: "delete-node", node: n.id }), () => ({ gone: n.id, name: n.name }),
  ],
  rename: (n) => {
    const name = input("name", n.name);
    return [`重命名「${n.name}」`, [field("新名称", name, "旧名称保留为别名")],
      () => { if (!name.value.trim() || name.value.trim() === n.name) throw new Missing("请填写新的名称。"); return { op: "rename", node: n.id, name: name.value.trim() }; },
      () => ({ node: n.id })];
  },
  retype: (n) => {
    const type = select("type", NODE_TYPES.filter((t) => t !== n.type).map((t) => [t, typeLabel(t)]));
    return [`改变「${n.name}」的类型`, [field(`新类型（现为${typeLabel(n.type)}）`, type)],
      () => ({ op: "retype", node: n.id, type: type.value }), (b) => ({ node: n.id, type: b.type })];
  },
  "set-attribute": (n) => {
    const keys = el("datalist", undefined, { id: `keys-${Math.random().toString(36).slice(2)}` });
    for (const [k, label] of Object.entries(ATTRIBUTES)) keys.append(new Option(label, k));
    const key = input("key");
    key.setAttribute("list", keys.id); // a read-only property: only the attribute sets it
    const value = input("value");
    return [`设置「${n.name}」的属性`, [field("属性", key, "如 status（状态）、capacity（规模）"), keys, field("值", value, "按 JSON 读（35、\"文字\"、{\"value\": 35, \"unit\": \"万吨\"}），否则按文字；留空则删除此属性")],
      () => { if (!key.value.trim()) throw new Missing("请填写属性名。"); return { op: "set-attribute", node: n.id, key: key.value.trim(), value: parseValue(value.value) }; },
      () => ({ node: n.id })];
  },
  merge: (n) => {
    const into = picker({ label: "并入", exclude: n.id });
    return [`合并「${n.name}」`, [el("p", "此节点并入所选节点：名称保留为别名，关系与出处移到所选节点。"), into.element],
      () => ({ op: "merge", node: n.id, into: picked(into, "要并入的节点").id }), (b) => ({ gone: n.id, into: b.into })];
  },
  "add-edge": (n) => {
    const way = select("way", [["out", `${n.name} → 所选节点`], ["in", `所选节点 → ${n.name}`]]);
    const type = select("edge_type", EDGE_TYPES.map((t) => [t, `${edgeLabel(t)}（${t}）`]));
    const other = picker({ label: "另一端", exclude: n.id });
    const basis = quoteOrNote();
    return [`从「${n.name}」添加关系`, [field("方向", way), field("关系", type), other.element, ...basis.fields],
      () => {
        const end = picked(other, "关系另一端的节点").id;
        const [source, target] = way.value === "out" ? [n.id, end] : [end, n.id];
        return { op: "add-edge", source, target, edge_type: type.value, ...basis.read() };
      },
      () => ({ node: n.id })];
  },
};

const NODE_BUTTONS = [["delete-node", "删除"], ["rename", "重命名"], ["retype", "改类型"], ["set-attribute", "设属性"], ["merge", "合并到…"], ["add-edge", "添加关系…"]];

function section(buttons) {
  const box = el("section", undefined, { className: "review" });
  const slot = el("div", undefined, { className: "fix-slot" });
  const row = el("div", undefined, { className: "actions" });
  const close = () => slot.replaceChildren();
  for (const [op, label, make] of buttons) {
    row.append(button(label, () => {
      const [title, fields, build, effect] = make();
      slot.replaceChildren(fixForm(title, fields, build, effect, close));
      slot.querySelector("input, textarea, select")?.focus();
    }, { dataset: { op } }));
  }
  box.append(el("h3", "审阅"), row, slot);
  return box;
}

export function nodeReview(n) {
  return section(NODE_BUTTONS.map(([op, label]) => [op, label, () => NODE_FORMS[op](n)]));
}

// ``ref`` is the graph edge behind what was clicked: {source, target, type}.
export function edgeReview(ref, from, to) {
  return section([["delete-edge", "删除此关系", () => [
    `删除关系 ${from} → ${to}（${edgeLabel(ref.type)}）`, [el("p", "从图中删除这条关系（两端的节点保留；可撤销）。")],
    () => ({ op: "delete-edge", source: ref.source, target: ref.target, edge_type: ref.type }), () => ({ edge: ref }),
  ]]]);
}

// A node added while the page is scoped to a plan belongs to that plan (a section, task or
// target always names its plan); on every plan, a project, enterprise … belongs to all.
export function addNodeForm(close) {
  const type = select("type", NODE_TYPES.filter((t) => t !== "Plan").map((t) => [t, typeLabel(t)]), "Project");
  const name = input("name");
  const plan = select("plan", [...planNames].map(([id, label]) => [id, label]), scope.plan);
  const planField = field("计划", plan, "目标、任务和篇章属于一个计划");
  const sync = () => { planField.hidden = !PLAN_SCOPED.has(type.value) && !scope.plan; };
  type.addEventListener("change", sync);
  sync();
  const basis = quoteOrNote();
  return fixForm("新增节点", [field("类型", type), field("名称", name), planField, ...basis.fields], () => {
    if (!name.value.trim()) throw new Missing("请填写名称。");
    const body = { op: "add-node", type: type.value, name: name.value.trim(), ...basis.read() };
    return PLAN_SCOPED.has(type.value) || scope.plan ? { ...body, plan: plan.value } : body;
  }, (b) => ({ added: { type: b.type, name: b.name } }), close);
}
