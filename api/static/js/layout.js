// The layered layout (cytoscape-dagre, upstream on the left) and two touches after it:
// each column is aligned on its right edge, so the edges leaving it start on one line
// instead of cutting past wider neighbours; and where many edges meet at one node their
// labels move to the far end, next to the node each one comes from, instead of piling up.
const NODE_SEP = 14;

function fanIn(cy) {
  return Math.max(0, ...cy.nodes().map((n) => n.incomers("edge").length));
}

export function layered(cy) {
  const rankSep = fanIn(cy) > 4 ? 100 : 64; // room for the labels beside a bundle of edges
  cy.layout({ name: "dagre", rankDir: "LR", nodeSep: NODE_SEP, rankSep, edgeSep: 12, fit: false, animate: false }).run();
  alignColumns(cy);
  placeEdgeLabels(cy);
}

function alignColumns(cy) {
  const columns = new Map();
  cy.nodes().forEach((n) => {
    const x = Math.round(n.position("x"));
    if (!columns.has(x)) columns.set(x, []);
    columns.get(x).push(n);
  });
  cy.batch(() => {
    for (const nodes of columns.values()) {
      const right = Math.max(...nodes.map((n) => n.position("x") + n.data("width") / 2));
      for (const n of nodes) n.position("x", right - n.data("width") / 2);
    }
  });
}

function placeEdgeLabels(cy) {
  cy.batch(() => {
    cy.edges().forEach((e) => {
      const into = e.target().incomers("edge").length;
      const out = e.source().outgoers("edge").length;
      e.removeClass("at-source at-target");
      if (into > 2 && into >= out) e.addClass("at-source");
      else if (out > 2) e.addClass("at-target");
    });
  });
}
