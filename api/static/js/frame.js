// Zoom and pan. Labels are 12–14 px at zoom 1: any zoom in [MIN_READABLE, MAX] renders them
// between 11 and 20 px. A view is fitted inside that range, so it is framed the same
// whatever was shown before; when it is larger than the canvas at the smallest readable
// zoom, the focus of the view (and what was clicked, where both fit) stays inside the
// visible canvas, and across it is read from its upstream end. Zooming out further is
// allowed for an overview: labels then hide rather than shrink below 11 px
// ("min-zoomed-font-size").
import { EDGE_FONT, FOCUS_FONT } from "./labels.js";

export const MIN_READABLE = 11.2 / EDGE_FONT;
export const FIT_MAX = 1.25;
export const MAX = 20 / FOCUS_FONT;
export const MIN = 0.2;
const PAD = 28;

const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));

// The shift along one axis of a drawing [lo, hi] larger than the canvas that keeps
// ``primary`` (the focus of the view) inside, and ``secondary`` (what was clicked) too where
// both fit; within that, as near as it can to ``preferred`` (a shift), and never past the
// drawing's own edges.
function shiftAlong(drawing, primary, secondary, size, preferred) {
  const union = secondary ? { lo: Math.min(primary.lo, secondary.lo), hi: Math.max(primary.hi, secondary.hi) } : primary;
  const both = union.hi - union.lo <= size - 2 * PAD;
  const keep = both ? union : primary;
  let shift;
  if (keep.hi - keep.lo > size - 2 * PAD) shift = size / 2 - (keep.lo + keep.hi) / 2;
  else if (!both && secondary) shift = secondary.lo > primary.lo ? PAD - primary.lo : size - PAD - primary.hi; // lean toward it
  else shift = clamp(preferred, PAD - keep.lo, size - PAD - keep.hi);
  return clamp(shift, size - PAD - drawing.hi, PAD - drawing.lo);
}

const span = (box, axis, pan, zoom) => box && { lo: pan + zoom * box[axis + "1"], hi: pan + zoom * box[axis + "2"] };
const boxOf = (nodes) => (nodes && nodes.filter((n) => n.visible()).nonempty() ? nodes.filter((n) => n.visible()).boundingBox() : null);

// Fit the view inside the readable zoom range. Along an axis where it still does not fit,
// keep ``primary`` inside the visible canvas, and ``secondary`` too where both fit.
export function frame(cy, primary, secondary) {
  const drawn = cy.elements(":visible");
  if (!drawn.length) return;
  const bb = drawn.boundingBox();
  const size = { x: cy.width(), y: cy.height() };
  const fit = Math.min((size.x - 2 * PAD) / Math.max(bb.w, 1), (size.y - 2 * PAD) / Math.max(bb.h, 1));
  const zoom = clamp(fit, MIN_READABLE, FIT_MAX);
  const first = boxOf(primary);
  const second = boxOf(secondary);
  const pan = {};
  for (const axis of ["x", "y"]) {
    pan[axis] = size[axis] / 2 - zoom * (bb[axis + "1"] + bb[axis + "2"]) / 2; // centred
    const drawing = span(bb, axis, pan[axis], zoom);
    if (first && drawing.hi - drawing.lo > size[axis] - 2 * PAD) {
      const one = span(first, axis, pan[axis], zoom);
      const two = span(second, axis, pan[axis], zoom);
      // across, read from the upstream end; down, keep what matters in the middle
      const middle = two ? (Math.min(one.lo, two.lo) + Math.max(one.hi, two.hi)) / 2 : (one.lo + one.hi) / 2;
      const preferred = axis === "x" ? PAD - drawing.lo : size[axis] / 2 - middle;
      pan[axis] += shiftAlong(drawing, one, two, size[axis], preferred);
    }
  }
  cy.viewport({ zoom, pan });
}
