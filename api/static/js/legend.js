// The legend (drawn from the same table as the nodes) and the filters by type and banner.
import { $, el } from "./dom.js";
import { CORRECTED, EDGES, TYPES, bannerColor, typeLabel } from "./theme.js";

const hiddenTypes = new Set();

function swatch(fill, border, width = 1.5) {
  const s = el("span", undefined, { className: "swatch" });
  s.style.background = fill;
  s.style.border = `${width}px solid ${border}`;
  return s;
}

function item(mark, text) {
  const li = el("li");
  li.append(mark, text);
  return li;
}

function line(kind) {
  const s = el("span", undefined, { className: "line" });
  s.style.borderTop = `2px ${EDGES[kind].line} ${EDGES[kind].color}`;
  return s;
}

export function renderLegend(cy, onChange) {
  const present = new Set(cy.nodes().map((n) => n.data("type")));
  $("legend").replaceChildren(
    ...Object.entries(TYPES).filter(([t]) => present.has(t)).map(([t, s]) => item(swatch(s.fill, s.color), `${s.label}`)),
  );
  const kinds = new Set(cy.edges().map((e) => e.data("kind")));
  $("edge-legend").replaceChildren(
    ...Object.keys(EDGES).filter((k) => kinds.has(k) && EDGES[k].label).map((k) => item(line(k), EDGES[k].label)),
  );
  if (cy.elements("[?corrected]").nonempty()) {
    const mark = swatch("#fff", CORRECTED);
    mark.style.border = `2px dashed ${CORRECTED}`;
    const li = item(mark, "审阅更正（虚线框、虚线）");
    li.className = "corrected-legend";
    $("edge-legend").append(li);
  }
  $("type-filters").replaceChildren(...[...present].map((t) => {
    const label = el("label");
    const box = el("input", undefined, { type: "checkbox", checked: !hiddenTypes.has(t), dataset: { type: t } });
    box.addEventListener("change", () => { if (box.checked) hiddenTypes.delete(t); else hiddenTypes.add(t); onChange(); });
    label.append(box, " " + typeLabel(t));
    return label;
  }));
  const banners = new Set(cy.nodes().flatMap((n) => n.data("banners") || []));
  const select = $("banner-filter");
  const current = select.value;
  select.replaceChildren(new Option("全部", ""), ...[...banners].sort().map((b) => new Option(b, b)));
  select.value = banners.has(current) ? current : "";
  $("banner-legend").replaceChildren(...[...banners].sort().map((b) => item(swatch(TYPES.Project.fill, bannerColor(b), 3), b)));
  $("banner-section").hidden = banners.size === 0;
}

export function applyFilters(cy) {
  const banner = $("banner-filter").value;
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const offType = hiddenTypes.has(n.data("type"));
      const offBanner = banner && n.data("type") === "Project" && !(n.data("banners") || []).includes(banner);
      n.toggleClass("hidden", Boolean(offType || offBanner));
    });
  });
}
