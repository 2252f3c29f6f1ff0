// The table tab of each view: the API's table for what the view shows (GET /tables/feeds,
// /tables/chain, /tables/banner, /tables/node), its download links (the same routes with format=xlsx or
// format=csv: the files the API gives, never rebuilt here), and a row → the node it names.
import { api, apiUrl } from "./api.js";
import { el } from "./dom.js";
import { renderTable } from "./table.js";

const linkId = (industry, name) => `link:${industry}/${name}`;

export const TABLES = {
  target: { path: "/tables/feeds", params: (id) => ({ target: id }), node: (row) => row.project_id },
  chain: {
    path: "/tables/chain",
    params: (id) => ({ industry: id }),
    node: (row, focus) => row.project_id || (row.link && row.link !== "未归链" ? linkId(focus, row.link) : null),
  },
  banner: { path: "/tables/banner", params: (id) => ({ banner: id }), node: (row) => row.project_id },
  node: { path: "/tables/node", params: (id) => ({ node: id }), node: (row) => row.neighbour_id },
};

export const hasTable = (view) => view in TABLES;

function downloads(spec, focus) {
  return ["xlsx", "csv"].map((format) => {
    const href = apiUrl(spec.path, { ...spec.params(focus), format }).toString();
    return el("a", `下载 ${format === "csv" ? "CSV" : "xlsx"}`, { href, download: "", className: `download ${format}` });
  });
}

let asked = 0; // a slow answer never replaces the table of a newer view

// Draw the table of ``view`` centred on ``focus`` into ``container``; ``onRow(id)`` shows a row's node.
export async function showTable(container, view, focus, onRow) {
  const mine = ++asked;
  const spec = TABLES[view];
  if (!spec) return null;
  container.replaceChildren(el("p", "加载中…", { className: "loading" }));
  const table = await api(spec.path, spec.params(focus));
  if (mine !== asked) return table;
  renderTable(container, table, { nodeOf: (row) => spec.node(row, focus), onRow, toolbar: downloads(spec, focus) });
  return table;
}
