// The network drawing: Cytoscape.js with a deterministic fCoSE layout, date filtering in the
// page, node size by activity, labels that never overlap, and exports of what is shown.
/* global cytoscape, cytoscapeFcose */

import { countInRange, inRange, el } from "./util.js";

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

const kind = (n) => KINDS[n.data("kind")] || KINDS.unknown;
const sign = (e) => SIGNS[String(e.data("sign"))] || SIGNS["0"];
const nodeSize = (n) => 14 + 5 * Math.sqrt(Math.min(n.data("active") || 0, 400));

// Labels keep one size on screen: at zoom z their font is FONT_SIZE / z model units, so
// zooming in makes room for more of them (placeLabels runs again when zooming ends).
let labelScale = 1;
const scaleFor = (zoom) => 1 / Math.max(0.05, zoom);

function style(big) {
  const s = labelScale;
  return [
    { selector: "node", style: {
      "background-color": (n) => kind(n).colour, shape: (n) => kind(n).shape,
      width: nodeSize, height: nodeSize,
      label: "data(label)", "font-size": FONT_SIZE * s, "font-family": 'system-ui, -apple-system, "Segoe UI", sans-serif',
      "text-valign": "bottom", "text-margin-y": 3 * s, "text-wrap": "ellipsis", "text-max-width": LABEL_MAX_WIDTH * s,
      color: "#1d2430", "text-outline-color": "#fff", "text-outline-width": 2 * s,
      "border-width": 1, "border-color": "#fff",
    } },
    { selector: "node.nolabel", style: { label: "" } },
    { selector: "node.hover", style: { label: "data(label)", "z-index": 10 } },
    { selector: "node:selected, node.center", style: { "border-width": 4, "border-color": "#111", label: "data(label)", "font-weight": 700, "z-index": 20 } },
    { selector: "node.center", style: { "border-color": "#f2c14e" } },
    { selector: ".hidden", style: { display: "none" } },
    { selector: ".faded", style: { opacity: 0.18 } },
    { selector: "edge", style: {
      width: (e) => 1 + Math.min(Math.sqrt(e.data("shown") || 1) * 1.6, 8),
      "line-color": (e) => sign(e).colour, "target-arrow-color": (e) => sign(e).colour,
      "target-arrow-shape": big ? "none" : "triangle", "arrow-scale": 0.8,
      "curve-style": big ? "haystack" : "bezier", opacity: big ? 0.35 : 0.8,
      label: "", "font-size": 9, color: "#3b4552", "text-rotation": "autorotate",
      "text-background-color": "#fff", "text-background-opacity": 0.85, "text-background-padding": 1,
    } },
    { selector: 'edge[relation = "speaks_for"]', style: {
      "line-color": ROLE_COLOUR, "target-arrow-color": ROLE_COLOUR, "line-style": "dashed", width: 1.5,
    } },
    { selector: 'edge.labelled[relation != "speaks_for"]', style: { label: "data(label)" } },
    { selector: "edge:selected", style: { width: 6, opacity: 1, label: "data(label)", "z-index": 30,
      "underlay-color": "#f2c14e", "underlay-opacity": 0.5, "underlay-padding": 3 } },
  ];
}

export function createGraph(container, { onNode, onEdge }) {
  const cy = cytoscape({
    container, style: style(false), minZoom: 0.05, maxZoom: 4,
    boxSelectionEnabled: false, selectionType: "single", textureOnViewport: false, pixelRatio: "auto",
  });
  cy.on("tap", "node", (event) => onNode(event.target.id()));
  cy.on("tap", "edge", (event) => onEdge(event.target.id()));
  let timer = null;
  let big = false;
  cy.on("zoom", () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      const next = scaleFor(cy.zoom());
      if (Math.abs(next - labelScale) / labelScale < 0.05) return;
      labelScale = next;
      big = cy.edges().length > BIG;
      cy.style(style(big));
      placeLabels(cy);
    }, 150);
  });
  cy.on("mouseover", "node", (event) => event.target.addClass("hover"));
  cy.on("mouseout", "node", (event) => event.target.removeClass("hover"));
  return cy;
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
  const t0 = performance.now();
  cy.startBatch();
  cy.elements().remove();
  cy.style(style(big));
  const sortById = (a, b) => (a.data.id < b.data.id ? -1 : a.data.id > b.data.id ? 1 : 0);
  cy.add([...nodes].sort(sortById).map((n) => ({ group: "nodes", data: { ...n.data, active: n.data.statements } })));
  cy.add([...edges].sort(sortById).map((e) => ({ group: "edges", data: { ...e.data, shown: (e.data.dates || []).length || e.data.count } })));
  cy.edges().toggleClass("labelled", edges.length <= 40);
  // a large graph is laid out without labels (measuring thousands of texts dominates);
  // placeLabels then labels the busiest actors that fit
  if (nodes.length > 1500) cy.nodes().addClass("nolabel");
  cy.endBatch();
  const t1 = performance.now();
  labelScale = 1;
  layout(cy, nodes.length);
  labelScale = scaleFor(cy.zoom());
  cy.style(style(big));
  const t2 = performance.now();
  return { build: t1 - t0, layout: t2 - t1, big };
}

function layout(cy, n) {
  if (!n) return;
  const random = Math.random;
  Math.random = seeded(20260106);
  try {
    cy.layout({
      name: typeof cytoscapeFcose !== "undefined" ? "fcose" : "cose",
      quality: n > 1500 ? "draft" : "default", randomize: true, animate: false, fit: true, padding: 30,
      nodeDimensionsIncludeLabels: n <= 1500, nodeRepulsion: () => 9000, idealEdgeLength: () => 80,
      edgeElasticity: () => 0.45, gravity: 0.3, gravityRange: 3.8, numIter: 2500, tile: true,
      tilingPaddingVertical: 20, tilingPaddingHorizontal: 20, samplingType: true, sampleSize: 25,
    }).run();
  } finally {
    Math.random = random;
  }
  // round so the picture does not depend on floating-point noise
  cy.nodes().positions((node) => ({ x: Math.round(node.position("x")), y: Math.round(node.position("y")) }));
}

// Show what falls in [from, to] (ISO days, either may be empty), sizing nodes by their statements
// in range; with hideIsolated, actors without a visible link are hidden too.
export function applyVisibility(cy, { from, to, hideIsolated }) {
  const dated = Boolean(from || to);
  const visibleNodes = new Set();
  let shownEdges = 0;
  cy.batch(() => {
    cy.nodes().forEach((n) => {
      const active = dated ? countInRange(n.data("dates"), from, to) : n.data("statements");
      n.data("active", active);
      if (!dated || active > 0) visibleNodes.add(n.id());
    });
    const linked = new Set();
    cy.edges().forEach((e) => {
      const dates = e.data("dates") || [];
      const shown = dated ? dates.filter((d) => inRange(d, from, to)).length : dates.length || e.data("count");
      e.data("shown", shown);
      const visible = shown > 0 && visibleNodes.has(e.data("source")) && visibleNodes.has(e.data("target"));
      e.toggleClass("hidden", !visible);
      if (visible) {
        shownEdges += 1;
        linked.add(e.data("source"));
        linked.add(e.data("target"));
      }
    });
    cy.nodes().forEach((n) => {
      const visible = visibleNodes.has(n.id()) && (!hideIsolated || linked.has(n.id()));
      n.toggleClass("hidden", !visible);
    });
  });
  return { nodes: cy.nodes().not(".hidden").length, edges: shownEdges };
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
      const top = p.y + nodeSize(n) / 2 + s;
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
    ["relation", "edge", "string"], ["sign", "edge", "int"], ["statements", "edge", "int"],
    ["first", "edge", "string"], ["last", "edge", "string"], ["statement_ids", "edge", "string"],
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
  edges.forEach((e) => {
    const dates = (e.data("dates") || []).filter((d) => inRange(d, range.from, range.to));
    const ids = (e.data("statements") || []).filter((_, i) => inRange((e.data("dates") || [])[i] || "", range.from, range.to));
    out.push(`    <edge id="${xml(e.id())}" source="${xml(e.data("source"))}" target="${xml(e.data("target"))}">` +
      `<data key="e_relation">${xml(e.data("relation"))}</data><data key="e_sign">${e.data("sign") || 0}</data>` +
      `<data key="e_statements">${e.data("shown") || 0}</data><data key="e_first">${xml(dates[0] || "")}</data>` +
      `<data key="e_last">${xml(dates[dates.length - 1] || "")}</data>` +
      `<data key="e_statement_ids">${xml(ids.join(" "))}</data></edge>`);
  });
  out.push("  </graph>", "</graphml>");
  return out.join("\n") + "\n";
}

const csvCell = (v) => (typeof v === "number" ? String(v) : '"' + String(v ?? "").replace(/"/g, '""') + '"');

// one row per statement behind each link shown (the statements' text: the server's /export)
export function toCSV(cy, range) {
  const rows = [["statement_id", "date", "source_id", "source", "relation", "target_id", "target", "sign"]];
  cy.edges().not(".hidden").forEach((e) => {
    const dates = e.data("dates") || [];
    (e.data("statements") || []).forEach((sid, i) => {
      if (!inRange(dates[i] || "", range.from, range.to)) return;
      rows.push([sid, dates[i] || "", e.data("source"), e.source().data("label"), e.data("relation"),
        e.data("target"), e.target().data("label"), Number(e.data("sign") || 0)]);
    });
  });
  return rows.map((r) => r.map(csvCell).join(",")).join("\n") + "\n";
}
