// Review mode (审阅): the officer's corrections made from the page. GET /corrections lists
// them wherever the store keeps them and says whether they can be made (``writable``: the
// service was started with PLANGRAPH_API_TOKEN, so POST and DELETE exist). The token is
// typed in once, checked with GET /auth (204, or 401 for a wrong one), kept in
// sessionStorage only (this tab, until it closes) and sent as ``Authorization: Bearer …``.
import { api, ApiError, send, tokenAccepted } from "./api.js";
import { $, button, el } from "./dom.js";

const KEYS = { on: "plangraph.review", token: "plangraph.token", who: "plangraph.who" };
const session = window.sessionStorage;

export const review = {
  on: session.getItem(KEYS.on) === "1",
  can: null, // {list, write}
  token: session.getItem(KEYS.token) || "",
};

let hooks = { changed: async () => {}, toggled: () => {}, listed: () => {}, addNode: () => {} };
let listed = null; // the request for the listing under way or answered

export const writable = () => Boolean(review.on && review.can && review.can.write && review.token);
export const who = () => session.getItem(KEYS.who) || "";
export const rememberWho = (name) => session.setItem(KEYS.who, name);

export const NOT_CONFIGURED = "此服务启动时没有设置 PLANGRAPH_API_TOKEN，页面上只能查看更正。要在页面上修改，请这样启动服务：PLANGRAPH_API_TOKEN=<令牌> plangraph serve";
export const WRONG_TOKEN = "令牌不正确：服务器拒绝了这个令牌（401）。请输入启动服务时在 PLANGRAPH_API_TOKEN 中设置的令牌。";

const NONE = { entries: [], problems: [], file: "", writable: false };

// The corrections and what became of them, asked once until something changes; what the
// service allows comes with them (a service whose store keeps none has no such route).
export function listing() {
  if (!listed) {
    listed = api("/corrections").catch((err) => {
      if (err instanceof ApiError && err.status === 404 && err.code === "not_found") return { ...NONE, absent: true };
      throw err;
    });
    listed.then((answer) => {
      review.can = { list: !answer.absent, write: Boolean(answer.writable) };
      hooks.listed(answer);
    }, () => { listed = null; });
  }
  return listed;
}

export async function capabilities() {
  if (!review.can) await listing();
  return review.can;
}

export const correctionId = (source) => (source && source.startsWith("correction:") ? source.slice("correction:".length) : null);

export async function entryOf(id) {
  const answer = await listing();
  return answer.entries.find((e) => e.correction.id === id) || null;
}

// Why a write failed, in the officer's words.
export function explain(err) {
  if (err instanceof ApiError && err.status === 401) return WRONG_TOKEN;
  if (err instanceof ApiError && (err.status === 405 || (err.status === 404 && err.code === "not_found"))) return NOT_CONFIGURED;
  return err.message;
}

// A line in the review bar: an error (the token refused), or what a change did (``ok``).
export function say(text, ok = false) {
  $("review-message").textContent = text || "";
  $("review-message").hidden = !text;
  $("review-message").classList.toggle("ok", ok);
}

async function write(method, path, body) {
  try {
    const answer = await send(method, path, { body, token: review.token });
    say("");
    listed = null;
    return answer;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) say(WRONG_TOKEN);
    throw err;
  }
}

// Record a correction (``body`` as POST /corrections takes it); ``effect`` tells the page
// what to show afterwards. Resolves to the correction recorded.
export async function submit(body, effect = {}) {
  const made = await write("POST", "/corrections", body);
  await hooks.changed({ ...effect, correction: made });
  return made;
}

export async function undo(id) {
  const gone = await write("DELETE", `/corrections/${encodeURIComponent(id)}`);
  await hooks.changed({ undone: gone });
  return gone;
}

function tokenForm() {
  const form = el("form", undefined, { id: "token-form" });
  const input = el("input", undefined, { id: "token", type: "password", autocomplete: "off", placeholder: "令牌", "aria-label": "令牌（PLANGRAPH_API_TOKEN）" });
  form.append(input, el("button", "使用令牌", { type: "submit" }));
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const token = input.value.trim();
    if (!token) return;
    if (/[^\x21-\x7e]/.test(token)) { say("令牌只能由 ASCII 字母、数字和符号组成。"); return; }
    const accepted = await tokenAccepted(token).catch((err) => { say(err.message); return null; });
    if (accepted === false) say(WRONG_TOKEN);
    if (!accepted) return;
    review.token = token;
    session.setItem(KEYS.token, token);
    say("");
    renderBar();
    hooks.toggled();
  });
  return form;
}

function forget() {
  review.token = "";
  session.removeItem(KEYS.token);
  renderBar();
  hooks.toggled();
}

export function renderBar() {
  const bar = $("review-state");
  const can = review.can;
  if (!can) bar.replaceChildren(el("span", "读取服务的设置…"));
  else if (!can.list) bar.replaceChildren(el("span", "此服务的存储不保存更正。"));
  else if (!can.write) bar.replaceChildren(el("span", NOT_CONFIGURED, { className: "read-only" }));
  else if (!review.token) bar.replaceChildren(tokenForm(), el("span", "输入令牌后，可在侧栏中删除、改名、改类型、设属性、合并节点，增删关系。"));
  else {
    bar.replaceChildren(
      el("span", "已输入令牌（只保存在此标签页）。点击图中的节点或关系，在侧栏中修改。", { className: "has-token" }),
      button("清除令牌", forget, { id: "token-clear" }),
      button("新增节点…", () => hooks.addNode(), { id: "add-node" }),
    );
  }
}

export async function setReview(on) {
  review.on = on;
  session.setItem(KEYS.on, on ? "1" : "0");
  $("review-toggle").setAttribute("aria-pressed", String(on));
  $("review-bar").hidden = !on;
  say("");
  renderBar();
  if (on) {
    await capabilities();
    if (review.token && review.can.write && !(await tokenAccepted(review.token))) { // the service's token changed
      review.token = "";
      session.removeItem(KEYS.token);
      say(WRONG_TOKEN);
    }
    renderBar();
  }
  hooks.toggled();
}

export function initReview(h) {
  hooks = { ...hooks, ...h };
  $("review-toggle").addEventListener("click", () => setReview(!review.on).catch((err) => say(err.message)));
  return review.on ? setReview(true) : Promise.resolve();
}
