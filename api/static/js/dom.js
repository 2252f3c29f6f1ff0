// Small DOM helpers.
export const $ = (id) => document.getElementById(id);

export function el(tag, text, attrs = {}) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) {
    if (k === "dataset") Object.assign(e.dataset, v);
    else if (k in e) e[k] = v;
    else e.setAttribute(k, v);
  }
  return e;
}

export function button(text, onClick, attrs = {}) {
  const b = el("button", text, { type: "button", ...attrs });
  b.addEventListener("click", onClick);
  return b;
}

// ``text`` with the stretches [start, end) of ``marks`` wrapped in <mark> (or ``tag``).
export function marked(text, spans) {
  const parts = [];
  let at = 0;
  for (const { start, end, tag = "mark", className = "" } of spans) {
    if (start > at) parts.push(document.createTextNode(text.slice(at, start)));
    parts.push(el(tag, text.slice(start, end), className ? { className } : {}));
    at = end;
  }
  if (at < text.length) parts.push(document.createTextNode(text.slice(at)));
  return parts;
}
