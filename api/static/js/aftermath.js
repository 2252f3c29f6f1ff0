// After a correction is made or undone, the current view is drawn again from the corrected
// graph, and the panel says what happened: a node deleted (with undo), or the node the
// correction was about, now marked. When the view's focus itself is gone (deleted, merged
// away) or no longer fits the view (retyped), the view moves to what took its place.
import { ApiError } from "./api.js";
import { button, el } from "./dom.js";
import { STATES } from "./fixes.js";
import { closePanel, showNode, showParts, shownNode } from "./panel.js";
import { listing, say, undo } from "./review.js";

function gone(title, c, notice) {
  const actions = el("div", undefined, { className: "actions" });
  actions.append(button("撤销此更正", () => undo(c.id).catch((err) => notice(err.message)), { className: "undo" }));
  return showParts([el("h2", title), el("p", `更正 ${c.id} 已记录。理由：${c.why}（${c.who}）`), actions]);
}

// The node an undone correction was about, to show again.
function about(c) {
  if (c.op === "add-edge" || c.op === "delete-edge") return c.source.id;
  return c.node ? c.node.id : null;
}

function panelAfter(effect, { drawn, select, notice }) {
  const c = effect.correction;
  if (c && c.op === "delete-node") return gone(`已删除「${effect.name}」`, c, notice);
  if (c && c.op === "delete-edge") return gone("已删除这条关系", c, notice);
  const id = effect.into || effect.node || (effect.undone && about(effect.undone)) || shownNode();
  if (id && drawn(id)) {
    select(id);
    return showNode(id).catch((err) => notice(err.message));
  }
  return closePanel();
}

async function redraw(view, focus, then, { show, openTab, state }) {
  if (!focus) {
    delete state.last[view];
    return openTab(view, { replace: true, then });
  }
  try {
    return await show(view, focus, { replace: true, then });
  } catch (err) {
    if (!(err instanceof ApiError) || view === "node") throw err;
    return show("node", focus, { replace: true, then }); // retyped: its relations
  }
}

export async function afterChange(effect, ctx) {
  const { state, viewOf, show } = ctx;
  const then = () => panelAfter(effect, ctx);
  const c = effect.correction;
  listing().catch(() => {}); // the list (and its count on the tab) as it is now
  if (effect.added && c && c.node_id) return show(viewOf(effect.added.type).name, c.node_id, { then: () => showNode(c.node_id) });
  const focus = effect.gone && effect.gone === state.focus ? effect.into || null : state.focus;
  const retyped = effect.type && effect.node === state.focus && ctx.VIEWS[state.view].type !== effect.type;
  await redraw(retyped ? viewOf(effect.type).name : state.view, focus, then, ctx);
  if (c && c.status) say(`已记录更正 ${c.id}：${STATES[c.status.state]}` + (c.status.state === "orphaned" ? `（${c.status.detail}）` : ""), c.status.state !== "orphaned");
  else if (effect.undone) say(`已撤销更正 ${effect.undone.id}`, true);
}
