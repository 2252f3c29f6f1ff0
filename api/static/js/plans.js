// The plans loaded (GET /plans) and the plan selector: by region, then year and genre
// (kind: 计划报告, 政府工作报告, 五年规划, 项目清单). Choosing a plan scopes every view, the
// search and the tables to what that plan says (``scope`` in api.js); 全部计划 is every plan.
import { api, scope } from "./api.js";
import { $, el } from "./dom.js";

const byId = new Map();
let total = 0; // plans loaded, of which byId holds those the listing gave
export const planNames = new Map(); // id → title, for quotes and forms

export const plans = () => [...byId.values()];
export const keepsText = (id) => !byId.has(id) || byId.get(id).has_text;
export const severalPlans = () => byId.size > 1;

// A short label that tells plans apart: 通辽市 2025 计划报告.
export function planLabel(id) {
  const p = byId.get(id);
  if (!p) return id ? id.replace(/^plan:/, "") : "";
  return [p.region, p.year, p.kind].filter(Boolean).join(" ") || p.title;
}

// The plan a section, task or target id names (they belong to one plan), as graph.ids.plan_of.
export function planOfId(id) {
  const m = /^(section|task|target):([^/]+)\//.exec(id);
  return m ? `plan:${m[2]}` : null;
}

// The plans a record comes from, by its provenance, in order.
export const plansOf = (record) => [...new Set((record.provenance || []).map((p) => p.plan).filter(Boolean))];

function render() {
  const select = $("plan-select");
  const regions = new Map();
  for (const p of byId.values()) {
    const region = p.region || "其他";
    if (!regions.has(region)) regions.set(region, []);
    regions.get(region).push(p);
  }
  const groups = [...regions].map(([region, list]) => {
    const group = el("optgroup", undefined, { label: region });
    for (const p of list) {
      const option = new Option([p.year, p.kind].filter(Boolean).join(" · ") || p.title, p.id);
      option.title = p.title;
      group.append(option);
    }
    return group;
  });
  const all = new Option(`全部计划（${total} 个）`, "");
  const cut = total > byId.size ? [new Option(`（此处只列出前 ${byId.size} 个）`, "", false, false)] : [];
  cut.forEach((o) => { o.disabled = true; });
  select.replaceChildren(all, ...groups, ...cut);
  select.value = scope.plan || "";
  $("plan-picker").hidden = byId.size < 2 && !scope.plan;
}

// What the header says: the plan chosen, the one plan loaded, or (the selector saying
// 全部计划) nothing; the titles of every plan in its tooltip.
function renderName() {
  const chosen = scope.plan && byId.get(scope.plan);
  const titles = plans().map((p) => p.title);
  $("plan-name").textContent = chosen ? chosen.title : titles.length === 1 ? titles[0] : "";
  $("plan-name").title = chosen ? chosen.title : titles.join("\n");
}

export async function loadPlans() {
  const answer = await api("/plans");
  byId.clear();
  planNames.clear();
  total = answer.total;
  for (const p of answer.plans) {
    byId.set(p.id, p);
    planNames.set(p.id, p.title);
  }
  if (scope.plan && !byId.has(scope.plan)) scope.plan = null;
  render();
  renderName();
  return answer.plans;
}

// Scope the page to ``id`` (null: every plan); whether that changed anything.
export function choosePlan(id) {
  const plan = id && byId.has(id) ? id : null;
  const changed = plan !== scope.plan;
  scope.plan = plan;
  $("plan-select").value = plan || "";
  renderName();
  return changed;
}

// The plan an address names (a link, the back button), taken as it is: before the plans are
// known it cannot be checked (loadPlans drops it if no plan has that id).
export function planOfAddress(id) {
  scope.plan = id || null;
  $("plan-select").value = scope.plan || "";
  renderName();
}

export function initPlans(onChange) {
  $("plan-select").addEventListener("change", (ev) => {
    if (choosePlan(ev.target.value || null)) onChange(scope.plan);
  });
}

// Which of ``refs`` ({id, type, name}) share their type and name with another: those need a
// plan label to tell them apart (only ever when several plans are loaded).
export const sameName = (ref) => `${ref.type}|${ref.name}`;
export function repeated(refs) {
  const seen = new Map();
  for (const r of refs) seen.set(sameName(r), (seen.get(sameName(r)) || 0) + 1);
  return severalPlans() ? new Set([...seen].filter(([, n]) => n > 1).map(([key]) => key)) : new Set();
}

// A plan's label beside a name that another node of the view also carries.
export const planTag = (plan) => el("span", planLabel(plan), { className: "plan-label", title: planNames.get(plan) || plan });
