// Node labels measured and wrapped before layout, so each node's box is its label's box:
// the layered layout then keeps boxes apart and no two labels can overlap.
export const FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "PingFang SC", "Microsoft YaHei", sans-serif';
export const NODE_FONT = 13; // px at zoom 1
export const FOCUS_FONT = 14;
export const EDGE_FONT = 12;
export const LINE_HEIGHT = 1.3;
const MAX_WIDTH = 128; // px of text per line (about nine Chinese characters)
const MAX_LINES = 3;
const PAD_X = 9;
const PAD_Y = 6;

const context = document.createElement("canvas").getContext("2d");
const widths = new Map();

function width(text, font) {
  const key = font + "\u0000" + text;
  if (!widths.has(key)) {
    context.font = font;
    widths.set(key, context.measureText(text).width);
  }
  return widths.get(key);
}

// Runs that must not be broken: a number with its unit (1800万千瓦, 220千伏, 35万吨), a
// code in Latin letters (G5511, PACK), else one character at a time.
const UNIT = "(?:千瓦时|千瓦|千伏|公里|平方米|万亩|万吨|吨|亩|元|个|户|家|项|座|台|套|条|人|年|期)";
const PIECE = new RegExp(`[0-9][0-9.]*[万亿千百]*${UNIT}?%?|[A-Za-z0-9.%+\\-~～·]+|[\\s\\S]`, "gu");

function pieces(text) {
  return text.match(PIECE) || [];
}

function fill(parts, font, target) {
  const lines = [];
  let line = "";
  for (const piece of parts) {
    if (line && width(line + piece, font) > target) {
      lines.push(line);
      line = piece.trimStart();
    } else {
      line += piece;
    }
  }
  lines.push(line);
  return lines;
}

// Lines of about equal width, at most MAX_LINES; a longer name is cut with "…" (the page
// shows the full name on hover and in the panel).
export function wrap(text, { size = NODE_FONT, bold = false } = {}) {
  const font = `${bold ? "bold" : "normal"} ${size}px ${FONT}`;
  const parts = pieces(text);
  const total = width(text, font);
  const count = Math.min(MAX_LINES, Math.max(1, Math.ceil(total / MAX_WIDTH)));
  // the narrowest lines that still take no more than ``count`` lines (about equal widths)
  let target = total / count;
  let lines = fill(parts, font, target);
  while (lines.length > count && target < MAX_WIDTH) {
    target = Math.min(MAX_WIDTH, target + size / 2);
    lines = fill(parts, font, target);
  }
  if (lines.length > MAX_LINES) lines = [...lines.slice(0, MAX_LINES - 1), lines.slice(MAX_LINES - 1).join("")];
  let line = lines.pop();
  let cut = false;
  while (width(line, font) > MAX_WIDTH && line.length > 1) {
    line = line.slice(0, cut ? -2 : -1) + "…";
    cut = true;
  }
  lines.push(line);
  const textWidth = Math.max(...lines.map((l) => width(l, font)));
  return {
    label: lines.join("\n"),
    cut,
    width: Math.ceil(textWidth + 2 * PAD_X),
    height: Math.ceil(lines.length * size * LINE_HEIGHT + 2 * PAD_Y),
  };
}
