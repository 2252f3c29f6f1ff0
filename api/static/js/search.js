// One search box for every type: names, aliases, Chinese substrings, pinyin and initials
// (GET /search); picking a hit opens the view that suits its type.
import { api } from "./api.js";
import { $, el } from "./dom.js";
import { planTag, repeated, sameName } from "./plans.js";
import { TYPES, typeLabel } from "./theme.js";

const HITS = 12;
let hits = [];
let active = -1;
let asked = 0;
let onPick = () => {};

function option(hit, i, twice) {
  const li = el("li", undefined, { id: `hit-${i}`, role: "option", className: "hit" });
  li.setAttribute("aria-selected", String(i === active));
  const type = el("span", typeLabel(hit.node.type), { className: "type" });
  type.style.background = (TYPES[hit.node.type] || {}).color || "#999";
  li.append(type, el("span", hit.node.name, { className: "name" }));
  if (hit.matched !== hit.node.name) li.append(el("span", `（${hit.matched}）`, { className: "matched" }));
  if (hit.plan && twice.has(sameName(hit.node))) li.append(planTag(hit.plan)); // the same name in two plans
  li.addEventListener("mousedown", (ev) => { ev.preventDefault(); pick(i); });
  return li;
}

function render() {
  const list = $("search-hits");
  const twice = repeated(hits.map((h) => h.node));
  list.replaceChildren(...hits.map((h, i) => option(h, i, twice)));
  const open = hits.length > 0;
  list.hidden = !open;
  $("search").setAttribute("aria-expanded", String(open));
  if (active >= 0) $("search").setAttribute("aria-activedescendant", `hit-${active}`);
  else $("search").removeAttribute("aria-activedescendant");
}

export async function lookup(text) {
  const mine = ++asked;
  const found = text ? (await api("/search", { q: text, limit: HITS })).hits : [];
  if (mine !== asked) return hits; // a later keystroke has been answered or is on its way
  hits = found;
  active = -1;
  render();
  return hits;
}

function close() {
  hits = [];
  active = -1;
  render();
}

async function pick(i) {
  const chosen = hits[i];
  close();
  if (chosen) {
    $("search").value = chosen.node.name;
    await onPick(chosen.node);
  }
}

export function initSearch(picked, notice) {
  onPick = picked;
  const box = $("search");
  let typing;
  box.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => lookup(box.value.trim()).catch((err) => notice(err.message)), 120);
  });
  box.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      if (!hits.length) return;
      active = (active + (ev.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length;
      render();
    } else if (ev.key === "Escape") {
      close();
    }
  });
  box.addEventListener("blur", () => setTimeout(close, 100));
  $("search-form").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    clearTimeout(typing);
    const text = box.value.trim();
    if (!text) return;
    if (active < 0) {
      const found = await lookup(text).catch((err) => { notice(err.message); return null; });
      if (found && !found.length) { notice(`没有找到“${text}”`); return; }
      active = 0;
    }
    await pick(active);
  });
}
