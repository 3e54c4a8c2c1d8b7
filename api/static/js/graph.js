// The network drawing: Cytoscape.js with a deterministic layout (fCoSE in the page for small
// graphs, the server's positions for large ones), date filtering in the page from counts per
// month, node size by activity, labels that never overlap, and exports of what is shown.
/* global cytoscape, cytoscapeFcose */

import { sumMonths, el } from "./util.js";

if (typeof cytoscapeFcose !== "undefined") cytoscape.use(cytoscapeFcose);

export const KINDS = {
  state: { colour: "#2f6db5", shape: "round-rectangle", label: "state" },
  person: { colour: "#e39b2d", shape: "ellipse", label: "person" },
  organization: { colour: "#7a4fb5", shape: "hexagon", label: "organisation" },
  armed_group: { colour: "#b3261e", shape: "triangle", label: "armed group" },
  media: { colour: "#6b7685", shape: "diamond", label: "media" },
  initiative: { colour: "#1b8a7a", shape: "star", label: "initiative" },
  place: { colour: "#8a6d3b", shape: "vee", label: "place" },
  unknown: { colour: "#9aa5b1", shape: "ellipse", label: "other" },
};
export const SIGNS = {
  "1": { colour: "#2e9d55", label: "cooperation" },
  "-1": { colour: "#d0453a", label: "conflict" },
  "0": { colour: "#9aa5b1", label: "neutral" },
};
const ROLE_COLOUR = "#b9a7e0";
const FONT_SIZE = 11;
const FONT = `${FONT_SIZE}px system-ui, -apple-system, "Segoe UI", sans-serif`;
const LABEL_MAX_WIDTH = 140;
const BIG = 2500; // edges above which edges are drawn cheaply
export const PAGE_LAYOUT_MAX = 1000; // actors above which the server's positions are drawn as given

const nodeSize = (active) => Math.round(14 + 5 * Math.sqrt(Math.min(active || 0, 400)));
const edgeWidth = (shown) => Math.round((1 + Math.min(Math.sqrt(shown || 1) * 1.6, 8)) * 10) / 10;

// Labels keep one size on screen: at zoom z their font is FONT_SIZE / z model units, so
// zooming in makes room for more of them (placeLabels runs again when zooming ends).
let labelScale = 1;
const scaleFor = (zoom) => 1 / Math.max(0.05, zoom);

// Styles read data fields ("data(size)") or classes, never functions: cytoscape caches them per
// element. Colours and shapes come with a class per kind and sign (parsed once per stylesheet,
// not once per element), and a big graph's links carry no label properties (20,000 links).
const kindClass = (kind) => "k-" + (KINDS[kind] ? kind : "unknown");
const signClass = (sign) => "s" + (SIGNS[String(sign)] ? String(sign) : "0");

function style(big) {
  const s = labelScale;
  const edgeText = {
    "font-size": 9, color: "#3b4552", "text-rotation": "autorotate",
    "text-background-color": "#fff", "text-background-opacity": 0.85, "text-background-padding": 1,
  };
  return [
    { selector: "node", style: {
      width: "data(size)", height: "data(size)",
      label: "data(label)", "font-size": FONT_SIZE * s, "font-family": 'system-ui, -apple-system, "Segoe UI", sans-serif',
      "text-valign": "bottom", "text-margin-y": 3 * s, "text-wrap": "ellipsis", "text-max-width": LABEL_MAX_WIDTH * s,
      color: "#1d2430", "text-outline-color": "#fff", "text-outline-width": 2 * s,
      "border-width": big ? 0 : 1, "border-color": "#fff", "min-zoomed-font-size": 6,
    } },
    ...Object.entries(KINDS).map(([kind, k]) => ({
      selector: "node." + kindClass(kind), style: { "background-color": k.colour, shape: k.shape },
    })),
    { selector: "node.nolabel", style: { label: "" } },
    { selector: "node.hover", style: { label: "data(label)", "z-index": 10 } },
    { selector: "node:selected, node.center", style: { "border-width": 4, "border-color": "#111", label: "data(label)", "font-weight": 700, "z-index": 20 } },
    { selector: "node.center", style: { "border-color": "#f2c14e" } },
    { selector: ".hidden", style: { display: "none" } },
    { selector: ".faded", style: { opacity: 0.18 } },
    { selector: "edge", style: big ? {
      // a big graph fades its lines, not the elements ("opacity" cascades: a style trigger per link)
      width: "data(width)", "curve-style": "haystack", "line-opacity": 0.35,
    } : {
      width: "data(width)", "target-arrow-shape": "triangle", "arrow-scale": 0.8, "curve-style": "bezier",
      opacity: 0.8, label: "", ...edgeText,
    } },
    ...Object.entries(SIGNS).map(([sign, c]) => ({
      selector: "edge." + signClass(sign), style: { "line-color": c.colour, "target-arrow-color": c.colour },
    })),
    { selector: 'edge[relation = "speaks_for"]', style: {
      "line-color": ROLE_COLOUR, "target-arrow-color": ROLE_COLOUR, "line-style": "dashed", width: 1.5,
    } },
    { selector: 'edge.labelled[relation != "speaks_for"]', style: { label: "data(label)", ...edgeText } },
    { selector: "edge:selected", style: { width: 6, opacity: 1, "line-opacity": 1, label: "data(label)", "z-index": 30,
      "underlay-color": "#f2c14e", "underlay-opacity": 0.5, "underlay-padding": 3, ...edgeText } },
  ];
}

export function createGraph(container, { onNode, onEdge }) {
  const cy = cytoscape({
    container, style: style(false), minZoom: 0.02, maxZoom: 4,
    boxSelectionEnabled: false, selectionType: "single", textureOnViewport: false, pixelRatio: "auto",
  });
  cy.on("tap", "node", (event) => onNode(event.target.id()));
  cy.on("tap", "edge", (event) => onEdge(event.target.id()));
  let timer = null;
  cy.on("zoom", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const next = scaleFor(cy.zoom());
      if (Math.abs(next - labelScale) / labelScale < 0.05) return;
      labelScale = next;
      cy.style(style(isBig(cy)));
      placeLabels(cy);
    }, 150);
  });
  cy.on("mouseover", "node", (event) => event.target.addClass("hover"));
  cy.on("mouseout", "node", (event) => event.target.removeClass("hover"));
  return cy;
}

const isBig = (cy) => cy.edges().length > BIG;

// big graphs: while panning or zooming, draw a snapshot and no links (cheap on 20,000 links)
function drawCheaply(cy, big) {
  cy.renderer().hideEdgesOnViewport = big;
  cy.renderer().textureOnViewport = big;
}

// a seeded Math.random for the layout: same data, same picture
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function setElements(cy, body) {
  const { nodes, edges } = body.elements;
  const big = edges.length > BIG;
  const preset = nodes.length > PAGE_LAYOUT_MAX && nodes.every((n) => n.position);
  const t0 = performance.now();
  // the server's positions: the viewport that fits them is known before anything is drawn, so
  // the style (its label scale) is applied once and no bounding box is measured
  const view = preset ? fitting(cy, nodes) : null;
  labelScale = view ? scaleFor(view.zoom) : 1;
  cy.startBatch();
  cy.elements().remove();
  drawCheaply(cy, big);
  const sortById = (a, b) => (a.data.id < b.data.id ? -1 : a.data.id > b.data.id ? 1 : 0);
  const sorted = (list) => (preset ? list : [...list].sort(sortById)); // the server sends them sorted
  cy.add(sorted(nodes).map((n) => {
    const active = n.data.statements;
    return { group: "nodes", data: { ...n.data, active, size: nodeSize(active) }, classes: kindClass(n.data.kind),
      position: preset ? { x: n.position.x, y: n.position.y } : undefined };
  }));
  cy.add(sorted(edges).map((e) => {
    const shown = e.data.count;
    return { group: "edges", data: { ...e.data, shown, width: edgeWidth(shown) }, classes: signClass(e.data.sign) };
  }));
  cy.edges().toggleClass("labelled", edges.length <= 40);
  // a large graph is drawn without labels at first (measuring thousands of texts dominates);
  // placeLabels then labels the busiest actors that fit
  if (nodes.length > PAGE_LAYOUT_MAX) cy.nodes().addClass("nolabel");
  cy.style(style(big));
  if (view) cy.viewport(view);
  cy.endBatch();
  const t1 = performance.now();
  if (!preset) {
    layout(cy, nodes.length);
    labelScale = scaleFor(cy.zoom());
    cy.style(style(big));
  }
  const t2 = performance.now();
  return { build: t1 - t0, layout: t2 - t1, big, preset };
}

// zoom and pan that fit positioned nodes in the container with a margin (as cy.fit would)
function fitting(cy, nodes, padding = 30) {
  let x1 = Infinity, y1 = Infinity, x2 = -Infinity, y2 = -Infinity;
  for (const n of nodes) {
    const { x, y } = n.position;
    if (x < x1) x1 = x;
    if (x > x2) x2 = x;
    if (y < y1) y1 = y;
    if (y > y2) y2 = y;
  }
  const margin = 40; // the largest node's half size
  x1 -= margin; y1 -= margin; x2 += margin; y2 += margin;
  const w = cy.width(), h = cy.height();
  const zoom = Math.min(4, Math.max(0.02, Math.min((w - 2 * padding) / (x2 - x1), (h - 2 * padding) / (y2 - y1))));
  return { zoom, pan: { x: (w - zoom * (x1 + x2)) / 2, y: (h - zoom * (y1 + y2)) / 2 } };
}

// fCoSE with a seeded Math.random (same data, same picture), for graphs of up to PAGE_LAYOUT_MAX actors
function layout(cy, n) {
  if (!n) return;
  const random = Math.random;
  Math.random = seeded(20260106);
  try {
    cy.layout({
      name: typeof cytoscapeFcose !== "undefined" ? "fcose" : "cose",
      quality: "default", randomize: true, animate: false, fit: true, padding: 30,
      nodeDimensionsIncludeLabels: true, nodeRepulsion: () => 9000, idealEdgeLength: () => 80,
      edgeElasticity: () => 0.45, gravity: 0.3, gravityRange: 3.8, numIter: 2500, tile: true,
      tilingPaddingVertical: 20, tilingPaddingHorizontal: 20, samplingType: true, sampleSize: 25,
    }).run();
  } finally {
    Math.random = random;
  }
  // round so the picture does not depend on floating-point noise
  cy.nodes().positions((node) => ({ x: Math.round(node.position("x")), y: Math.round(node.position("y")) }));
}

// Show what falls in [from, to] (ISO days, either may be empty), sizing links and actors by
// their counts in range: summed from their months when the range is whole months, else taken
// from `exact` ({edges, nodes}: Maps id -> count, the server's answer for those days). With
// hideIsolated, actors without a visible link are hidden too.
export function applyVisibility(cy, { from, to, hideIsolated }, exact = null) {
  const dated = Boolean(from || to);
  const fromMonth = from ? from.slice(0, 7) : "";
  const toMonth = to ? to.slice(0, 7) : "";
  const count = (ele, map, all) => {
    if (exact) return map.get(ele.id()) || 0;
    return dated ? sumMonths(ele.data("months"), fromMonth, toMonth) : all;
  };
  const visibleNodes = new Set();
  let shownEdges = 0;
  let shownNodes = 0;
  // classes change only where visibility does, one call per collection (a class change per
  // element costs an event and a style pass each: 20,000 links)
  const hide = [];
  const show = [];
  const setVisible = (ele, visible) => {
    if (ele.hasClass("hidden") === visible) (visible ? show : hide).push(ele);
  };
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const active = count(n, exact && exact.nodes, n.data("statements"));
      if (active !== n.data("active")) n.data({ active, size: nodeSize(active) });
      if (!dated || active > 0) visibleNodes.add(n.id());
    });
    const linked = new Set();
    cy.edges().forEach((e) => {
      const shown = count(e, exact && exact.edges, e.data("count"));
      if (shown !== e.data("shown")) e.data({ shown, width: edgeWidth(shown) });
      const visible = shown > 0 && visibleNodes.has(e.data("source")) && visibleNodes.has(e.data("target"));
      setVisible(e, visible);
      if (visible) {
        shownEdges += 1;
        linked.add(e.data("source"));
        linked.add(e.data("target"));
      }
    });
    cy.nodes().forEach((n) => {
      const visible = visibleNodes.has(n.id()) && (!hideIsolated || linked.has(n.id()));
      setVisible(n, visible);
      if (visible) shownNodes += 1;
    });
    if (hide.length) cy.collection(hide).addClass("hidden");
    if (show.length) cy.collection(show).removeClass("hidden");
  });
  return { nodes: shownNodes, edges: shownEdges };
}

let measureCtx = null;
function textWidth(text) {
  if (!measureCtx) {
    measureCtx = document.createElement("canvas").getContext("2d");
    measureCtx.font = FONT;
  }
  return Math.min(measureCtx.measureText(text).width, LABEL_MAX_WIDTH);
}

// Greedy label placement: the most active actors first; a label is drawn only where it
// overlaps no label already drawn, at the current zoom (labels keep their
// size on screen); hovering or selecting an actor always shows its label.
export function placeLabels(cy, { limit = 400 } = {}) {
  const nodes = cy.nodes().not(".hidden");
  const cell = 120 * labelScale;
  const grid = new Map();
  const boxesNear = (b) => {
    const out = [];
    for (let gx = Math.floor(b.x1 / cell); gx <= Math.floor(b.x2 / cell); gx++) {
      for (let gy = Math.floor(b.y1 / cell); gy <= Math.floor(b.y2 / cell); gy++) {
        const list = grid.get(gx + ":" + gy);
        if (list) out.push(...list);
      }
    }
    return out;
  };
  const insert = (b) => {
    for (let gx = Math.floor(b.x1 / cell); gx <= Math.floor(b.x2 / cell); gx++) {
      for (let gy = Math.floor(b.y1 / cell); gy <= Math.floor(b.y2 / cell); gy++) {
        const key = gx + ":" + gy;
        if (!grid.has(key)) grid.set(key, []);
        grid.get(key).push(b);
      }
    }
  };
  const overlaps = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
  const ranked = nodes.sort((a, b) => (b.data("active") - a.data("active")) || (a.id() < b.id() ? -1 : 1));
  let placed = 0;
  cy.batch(() => {
    ranked.forEach((n) => {
      const p = n.position();
      const s = labelScale;
      const w = (textWidth(n.data("label") || "") + 6) * s; // text outline and rounding
      const top = p.y + n.data("size") / 2 + s;
      const box = { x1: p.x - w / 2, x2: p.x + w / 2, y1: top, y2: top + (FONT_SIZE * 1.45 + 4) * s, owner: n.id() };
      const free = placed < limit && !boxesNear(box).some((b) => b.owner !== n.id() && overlaps(box, b));
      n.toggleClass("nolabel", !free);
      if (free) { insert(box); placed += 1; }
    });
  });
  return placed;
}

export function focusOn(cy, id) {
  cy.batch(() => {
    cy.elements().removeClass("faded");
    cy.elements().unselect();
    if (!id) return;
    const node = cy.getElementById(id);
    if (node.empty()) return;
    node.select();
    const near = node.closedNeighborhood();
    cy.elements().not(near).addClass("faded");
  });
}

export function selectEdge(cy, id) {
  cy.batch(() => {
    cy.elements().removeClass("faded");
    cy.elements().unselect();
    const edge = cy.getElementById(id);
    if (edge.empty()) return;
    edge.select();
    cy.elements().not(edge.union(edge.connectedNodes())).addClass("faded");
  });
}

export function legend(container) {
  const kinds = el("div", { class: "row" }, ...Object.values(KINDS).filter((k) => k.label !== "other").map((k) =>
    el("span", {}, el("span", { class: "dot", style: `background:${k.colour}` }), k.label)));
  const edges = el("div", { class: "row" },
    ...Object.values(SIGNS).map((s) => el("span", {}, el("span", { class: "line", style: `border-color:${s.colour}` }), s.label)),
    el("span", {}, el("span", { class: "line dashed", style: `border-color:${ROLE_COLOUR}` }), "speaks for"));
  container.replaceChildren(kinds, edges, el("div", { class: "hint" }, "size: statements in the date range"));
}

// -- exports of what is shown ----------------------------------------------------------------

const xml = (s) => String(s ?? "").replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" }[c]));

export function toGraphML(cy, range) {
  const nodes = cy.nodes().not(".hidden");
  const edges = cy.edges().not(".hidden");
  const keys = [
    ["label", "node", "string"], ["kind", "node", "string"], ["statements", "node", "int"],
    ["x", "node", "double"], ["y", "node", "double"],
    ["relation", "edge", "string"], ["sign", "edge", "int"], ["count", "edge", "int"],
    ["first", "edge", "string"], ["last", "edge", "string"], ["months", "edge", "string"],
  ];
  const out = ['<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'];
  for (const [name, scope, type] of keys) {
    out.push(`  <key id="${scope[0]}_${name}" for="${scope}" attr.name="${name}" attr.type="${type}"/>`);
  }
  out.push(`  <graph id="diplograph" edgedefault="directed"><!-- dates ${xml(range.from || "…")} to ${xml(range.to || "…")} -->`);
  nodes.forEach((n) => {
    const p = n.position();
    out.push(`    <node id="${xml(n.id())}"><data key="n_label">${xml(n.data("label"))}</data>` +
      `<data key="n_kind">${xml(n.data("kind"))}</data><data key="n_statements">${n.data("active") || 0}</data>` +
      `<data key="n_x">${p.x}</data><data key="n_y">${p.y}</data></node>`);
  });
  const fromMonth = (range.from || "").slice(0, 7);
  const toMonth = (range.to || "").slice(0, 7);
  edges.forEach((e) => {
    const months = Object.keys(e.data("months") || {}).sort()
      .filter((m) => (!fromMonth || m >= fromMonth) && (!toMonth || m <= toMonth));
    out.push(`    <edge id="${xml(e.id())}" source="${xml(e.data("source"))}" target="${xml(e.data("target"))}">` +
      `<data key="e_relation">${xml(e.data("relation"))}</data><data key="e_sign">${e.data("sign") || 0}</data>` +
      `<data key="e_count">${e.data("shown") || 0}</data><data key="e_first">${xml(months[0] || "")}</data>` +
      `<data key="e_last">${xml(months[months.length - 1] || "")}</data>` +
      `<data key="e_months">${xml(months.map((m) => `${m}:${e.data("months")[m]}`).join(" "))}</data></edge>`);
  });
  out.push("  </graph>", "</graphml>");
  return out.join("\n") + "\n";
}
