// Colours, names and the Cytoscape stylesheet: one table, so the legend and the drawing
// cannot disagree.
import { EDGE_FONT, FONT, LINE_HEIGHT } from "./labels.js";

export const TYPES = {
  Target: { color: "#e53935", fill: "#ffebee", label: "目标" },
  Project: { color: "#1e88e5", fill: "#e3f2fd", label: "项目" },
  Task: { color: "#6d4c41", fill: "#efebe9", label: "任务" },
  Industry: { color: "#ef6c00", fill: "#fff3e0", label: "产业" },
  Link: { color: "#f9a825", fill: "#fffde7", label: "产业链环节" },
  Enterprise: { color: "#8e24aa", fill: "#f3e5f5", label: "企业" },
  Banner: { color: "#2e7d32", fill: "#e8f5e9", label: "旗县市区" },
  Section: { color: "#546e7a", fill: "#eceff1", label: "部分" },
  Plan: { color: "#37474f", fill: "#cfd8dc", label: "计划" },
};

export const EDGES = {
  supports: { label: "支撑", color: "#546e7a", line: "solid" },
  quantifies: { label: "量化", color: "#c62828", line: "dashed" },
  "located-in": { label: "位于", color: "#2e7d32", line: "dotted" },
  "responsible-for": { label: "承担", color: "#8e24aa", line: "solid" },
  "part-of": { label: "属于", color: "#78909c", line: "dashed" },
  "upstream-of": { label: "上游", color: "#ef6c00", line: "solid" },
  link: { label: "环节", color: "#f9a825", line: "dashed" },
  chain: { label: "供给", color: "#f9a825", line: "solid" },
  member: { label: "", color: "#f9a825", line: "dashed" },
  feeds: { label: "支撑", color: "#c62828", line: "solid" },
};

// What an officer's correction made or changed: a dashed outline, a dashed line (and 更正 on
// its label); black, a colour no type, edge kind or banner uses.
export const CORRECTED = "#111111";

// Where a project is: its border (the fill always says its type).
const BANNER_PALETTE = ["#00897b", "#d81b60", "#7cb342", "#5e35b1", "#f4511e", "#00acc1", "#c0ca33", "#795548", "#3949ab", "#ffb300"];
const bannerColors = new Map();
export function bannerColor(name) {
  if (!bannerColors.has(name)) bannerColors.set(name, BANNER_PALETTE[bannerColors.size % BANNER_PALETTE.length]);
  return bannerColors.get(name);
}

// Attribute keys as the panel and the review forms name them.
export const ATTRIBUTES = {
  capacity: "规模", phase: "期次", product: "产品", status: "状态", indicator: "指标", change: "变化",
  value: "数值", unit: "单位", qualifier: "限定", base_year: "基期", level: "层级", code: "区划代码",
  chain: "产业链环节", order: "顺序", source: "来源文件", year: "年份", region: "地区", genre: "类别",
};

export const typeLabel = (type) => (TYPES[type] || {}).label || type;
export const edgeLabel = (type) => (type in EDGES ? EDGES[type].label : type);

const of = (key) => (ele) => (TYPES[ele.data("type")] || {})[key] || "#999";

export const STYLE = [
  { selector: "node", style: {
    shape: "round-rectangle", width: "data(width)", height: "data(height)",
    label: "data(label)", "text-wrap": "wrap", "text-max-width": 1000, "line-height": LINE_HEIGHT,
    "text-valign": "center", "text-halign": "center", "font-family": FONT, "font-size": "data(size)",
    "font-weight": "data(weight)", color: "#1b1b1b", "min-zoomed-font-size": 11,
    "background-color": of("fill"), "border-width": 1.5, "border-color": of("color") } },
  { selector: "node[banner]", style: { "border-width": 3, "border-color": "data(banner)" } },
  { selector: "node.focus", style: { "border-width": 3, "border-color": "#263238", "outline-width": 3, "outline-color": of("color"), "outline-offset": 1 } },
  { selector: "node[?corrected]", style: { "outline-width": 2.5, "outline-color": CORRECTED, "outline-style": "dashed", "outline-offset": 3 } },
  { selector: "node:selected", style: { "underlay-color": "#ffb300", "underlay-padding": 5, "underlay-opacity": 0.55, "underlay-shape": "round-rectangle" } },
  { selector: "edge", style: {
    width: 1.5, "curve-style": "taxi", "taxi-direction": "rightward", "taxi-turn": "50%", "taxi-turn-min-distance": 8, "line-color": (e) => (EDGES[e.data("kind")] || EDGES.supports).color,
    "line-style": (e) => (EDGES[e.data("kind")] || EDGES.supports).line,
    "target-arrow-shape": "triangle", "target-arrow-color": (e) => (EDGES[e.data("kind")] || EDGES.supports).color,
    "source-arrow-color": (e) => (EDGES[e.data("kind")] || EDGES.supports).color, "arrow-scale": 0.9,
    label: "data(label)", "font-family": FONT, "font-size": EDGE_FONT, color: "#263238", "min-zoomed-font-size": 11,
    "text-background-color": "#fafafa", "text-background-opacity": 0.92, "text-background-padding": 2,
    "text-events": "yes" } },
  { selector: "edge.at-source", style: { label: "", "source-label": "data(label)", "source-text-offset": 26, "taxi-turn": "78%" } },
  { selector: "edge.at-target", style: { label: "", "target-label": "data(label)", "target-text-offset": 26, "taxi-turn": "22%" } },
  { selector: 'edge[arrow = "back"]', style: { "target-arrow-shape": "none", "source-arrow-shape": "triangle" } },
  { selector: 'edge[arrow = "none"]', style: { "target-arrow-shape": "none" } },
  { selector: "edge.path", style: { width: 2.5 } },
  { selector: "edge[?corrected]", style: { "line-color": CORRECTED, "target-arrow-color": CORRECTED, "source-arrow-color": CORRECTED, "line-style": "dashed", "line-dash-pattern": [7, 3], width: 2.5 } },
  { selector: "edge:selected", style: { width: 3.5, "line-color": "#ff8f00", "target-arrow-color": "#ff8f00", "source-arrow-color": "#ff8f00", "underlay-color": "#ffe082", "underlay-padding": 3, "underlay-opacity": 0.7 } },
  { selector: ".hidden", style: { display: "none" } },
];
