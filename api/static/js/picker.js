// A node picked with the search (GET /search), for a correction that names a second node:
// the node to merge into, the other end of a new edge.
import { api } from "./api.js";
import { el } from "./dom.js";
import { planLabel, planTag, repeated, sameName } from "./plans.js";
import { TYPES, typeLabel } from "./theme.js";

const HITS = 8;

function hitButton(hit, choose, twice) {
  const b = el("button", undefined, { type: "button", className: "hit" });
  const type = el("span", typeLabel(hit.node.type), { className: "type" });
  type.style.background = (TYPES[hit.node.type] || {}).color || "#999";
  b.append(type, el("span", hit.node.name, { className: "name" }));
  if (hit.plan && twice.has(sameName(hit.node))) b.append(planTag(hit.plan));
  b.addEventListener("click", () => choose(hit.node, hit.plan && twice.has(sameName(hit.node)) ? hit.plan : null));
  return b;
}

// ``exclude`` is the id never offered (the node the correction is about).
export function picker({ label, exclude = null }) {
  const box = el("div", undefined, { className: "picker" });
  const input = el("input", undefined, { type: "search", placeholder: "搜索节点（中文、拼音或首字母）", "aria-label": label, autocomplete: "off" });
  const list = el("div", undefined, { className: "picker-hits", role: "listbox", "aria-label": `${label}：搜索结果` });
  const chosen = el("p", "未选", { className: "picked" });
  let node = null;
  let asked = 0;
  let typing;
  const choose = (n, plan) => {
    node = n;
    chosen.textContent = `已选：${n.name}（${typeLabel(n.type)}${plan ? " · " + planLabel(plan) : ""}）`;
    chosen.classList.add("yes");
    list.replaceChildren();
  };
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(async () => {
      const mine = ++asked;
      const text = input.value.trim();
      const hits = text ? (await api("/search", { q: text, limit: HITS + 1 })).hits : [];
      const offered = hits.filter((h) => h.node.id !== exclude).slice(0, HITS);
      const twice = repeated(offered.map((h) => h.node));
      if (mine === asked) list.replaceChildren(...offered.map((h) => hitButton(h, choose, twice)));
    }, 120);
  });
  box.append(el("span", label, { className: "label" }), input, list, chosen);
  return { element: box, value: () => node };
}
