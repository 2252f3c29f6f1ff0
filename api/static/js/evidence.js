// A quote on screen: the whole sentence it stands in, the quote marked inside it, the
// section and task above it, and the sentence in its paragraph ("在原文中显示"). When the
// server keeps no text for the plan (GET /evidence answers 404) the quote is shown alone.
import { api, ApiError } from "./api.js";
import { $, button, el, marked } from "./dom.js";
import { keepsText, planNames } from "./plans.js";

const noText = new Set(); // plans whose text the server does not keep: asked once
const cache = new Map();

async function evidenceOf(p) {
  const key = `${p.plan}|${p.start}|${p.end}`;
  if (!cache.has(key)) cache.set(key, api("/evidence", { plan: p.plan, start: p.start, end: p.end }));
  return cache.get(key);
}

function where(e) {
  const parts = [e.section, e.task].filter(Boolean).map((r) => r.name);
  return el("p", parts.length ? parts.join(" › ") : "（计划正文前的部分）", { className: "where" });
}

function sentenceWithQuote(e) {
  const s = e.sentence;
  const p = el("p", undefined, { className: "sentence", lang: "zh-CN" });
  p.append(...marked(s.text, [{ start: e.start - s.start, end: e.end - s.start }]));
  return p;
}

export function showInPlan(e) {
  const dialog = $("plan-view");
  const para = e.paragraph;
  const body = el("p", undefined, { className: "paragraph", lang: "zh-CN" });
  const s = { start: e.sentence.start - para.start, end: e.sentence.end - para.start };
  const q = { start: e.start - para.start, end: e.end - para.start };
  body.append(...marked(para.text, [{ start: s.start, end: q.start, tag: "span", className: "in-sentence" }, q, { start: q.end, end: s.end, tag: "span", className: "in-sentence" }].filter((x) => x.end > x.start)));
  $("plan-view-title").textContent = e.plan.name;
  $("plan-view-body").replaceChildren(where(e), body, el("p", `第 ${e.start}–${e.end} 字`, { className: "offsets" }));
  if (!dialog.open) dialog.showModal();
  const mark = body.querySelector("mark");
  if (mark) mark.scrollIntoView({ block: "center" });
}

export function bare(p, note) {
  const box = el("figure", undefined, { className: "evidence" });
  box.append(el("blockquote", p.quote, { className: "quote", lang: "zh-CN" }));
  if (note) box.append(el("figcaption", note));
  return box;
}

// One provenance entry of a node or an edge, as a figure for the panel.
export async function quoteFigure(p) {
  if (p.source && p.source !== "text") return bare(p, `来自${p.source.replace(/^gazetteer:/, "资料库 ")}`);
  if (p.start === null || p.start === undefined || noText.has(p.plan) || !keepsText(p.plan)) return bare(p, planNames.get(p.plan) || p.plan);
  try {
    const e = await evidenceOf(p);
    const box = el("figure", undefined, { className: "evidence" });
    const open = button("在原文中显示", () => showInPlan(e), { className: "show-in-plan" });
    const caption = el("figcaption");
    caption.append(el("span", e.plan.name, { className: "plan" }), open);
    box.append(where(e), sentenceWithQuote(e), caption);
    return box;
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
    noText.add(p.plan);
    return bare(p, `${planNames.get(p.plan) || p.plan}（服务器未存此计划原文，仅显示摘录）`);
  }
}
