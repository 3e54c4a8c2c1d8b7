// diplograph actor-network page: loads /graph, renders it with Cytoscape.js, shows an
// actor's statements on click. Everything shown is set with textContent (no HTML injection).
"use strict";

const KIND_COLOURS = {
  state: "#2f6db5", person: "#e39b2d", organization: "#7a4fb5", armed_group: "#b3261e",
  media: "#6b7685", initiative: "#1b8a7a", place: "#8a6d3b", unknown: "#9aa5b1",
};
const SIGN_COLOURS = { "1": "#2e9d55", "-1": "#d0453a", "0": "#9aa5b1" };

const $ = (id) => document.getElementById(id);
let cy = null;
let selected = null;

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? "")));
  return node;
}

function currentFilters() {
  const params = new URLSearchParams();
  if ($("relation").value) params.set("relation", $("relation").value);
  if ($("from").value) params.set("from", $("from").value);
  if ($("to").value) params.set("to", $("to").value);
  return params;
}

async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    let message = body.detail || response.statusText;
    if (body.suggestions && body.suggestions.length) {
      message += " (suggestions: " + body.suggestions.map((s) => s.name).join(", ") + ")";
    }
    throw new Error(message);
  }
  return body;
}

function showError(message) {
  const box = $("error");
  box.textContent = message || "";
  box.hidden = !message;
}

function style() {
  return [
    { selector: "node", style: {
      "background-color": (n) => KIND_COLOURS[n.data("kind")] || KIND_COLOURS.unknown,
      label: "data(label)", "font-size": 11, "text-valign": "bottom", "text-margin-y": 4,
      width: (n) => 16 + 4 * Math.min(n.data("degree") || 0, 10),
      height: (n) => 16 + 4 * Math.min(n.data("degree") || 0, 10),
      "text-wrap": "wrap", "text-max-width": 120, color: "#1d2430",
    } },
    { selector: "node:selected", style: { "border-width": 4, "border-color": "#111" } },
    { selector: "edge", style: {
      width: (e) => 1.5 + Math.min(e.data("count") || 1, 6),
      "line-color": (e) => SIGN_COLOURS[String(e.data("sign"))] || SIGN_COLOURS["0"],
      "target-arrow-color": (e) => SIGN_COLOURS[String(e.data("sign"))] || SIGN_COLOURS["0"],
      "target-arrow-shape": "triangle", "curve-style": "bezier",
      label: "data(label)", "font-size": 9, color: "#55606e", "text-rotation": "autorotate",
      "text-background-color": "#fff", "text-background-opacity": 0.8, "text-background-padding": 1,
    } },
    { selector: 'edge[relation = "speaks_for"]', style: {
      "line-color": "#c6b8e6", "target-arrow-color": "#c6b8e6", "line-style": "dashed", label: "",
    } },
  ];
}

function renderNodeList(nodes) {
  const list = $("node-labels");
  list.replaceChildren();
  const sorted = [...nodes].sort((a, b) => a.data.label.localeCompare(b.data.label));
  for (const n of sorted) {
    const item = el("li", { dataset: { id: n.data.id } }, n.data.label);
    item.addEventListener("click", () => selectActor(n.data.id));
    list.append(item);
  }
}

async function loadGraph() {
  showError("");
  $("status").textContent = "Loading…";
  const actor = $("actor").value.trim();
  // an actor typed in the box: its ego network (what it says and what is said about it)
  const url = actor
    ? `/actors/${encodeURIComponent(actor)}/network?depth=${$("depth").value}&` + currentFilters()
    : "/graph?" + currentFilters();
  let body;
  try {
    body = await getJSON(url);
  } catch (err) {
    showError(err.message);
    $("status").textContent = "No graph.";
    $("status").dataset.nodes = "0";
    return;
  }
  const { nodes, edges } = body.elements;
  if (!cy) {
    cy = cytoscape({ container: $("cy"), style: style(), minZoom: 0.2, maxZoom: 3 });
    cy.on("tap", "node", (event) => selectActor(event.target.id()));
    window.diplograph.cy = cy;
  }
  cy.elements().remove();
  cy.add([...nodes, ...edges]);
  cy.layout({
    name: "cose", animate: false, randomize: true, padding: 40, numIter: 2000,
    nodeRepulsion: () => 600000, idealEdgeLength: () => 110, nodeOverlap: 40, edgeElasticity: () => 80,
    gravity: 60, componentSpacing: 120,
  }).run();
  cy.fit(undefined, 30);
  renderNodeList(nodes);
  if (body.center) {
    cy.getElementById(body.center).style({ "border-width": 3, "border-color": "#f2c14e" });
  }
  const status = $("status");
  status.textContent = `${nodes.length} actors, ${edges.length} edges, ${body.stats.statements} statements`;
  status.dataset.nodes = String(nodes.length);
  status.dataset.edges = String(edges.length);
  status.dataset.ready = "1";
}

function statementItem(st) {
  const who = st.on_behalf_of && st.speaker && st.on_behalf_of.id !== st.speaker.id
    ? `${st.speaker.name} (${st.on_behalf_of.name})`
    : (st.speaker || st.on_behalf_of || { name: st.speaker_mention }).name;
  const targets = st.targets.filter((t) => t.role === "target").map((t) => t.name).join(", ");
  const meta = el("div", { class: "meta" },
    `${st.date} · ${st.article.outlet || "unknown outlet"}${st.via ? " via " + st.via.name : ""}`);
  const line = el("div", {},
    el("span", { class: "who" }, who), " ",
    el("span", { class: `rel ${st.stance}` }, st.relation.replace("_", " ")),
    targets ? " → " + targets : "");
  const content = el("p", { class: "content" + (st.quote ? " quote" : "") }, st.content);
  const item = el("li", { dataset: { statement: st.id } }, line, content, meta);
  if (st.conditions && st.conditions.length) item.append(el("div", { class: "meta" }, "if: " + st.conditions.join("; ")));
  return item;
}

async function selectActor(id) {
  selected = id;
  if (cy) {
    cy.nodes().unselect();
    cy.getElementById(id).select();
  }
  for (const li of $("node-labels").children) li.classList.toggle("selected", li.dataset.id === id);
  const label = cy && cy.getElementById(id).nonempty() ? cy.getElementById(id).data("label") : id;
  $("statements-title").textContent = `Statements · ${label}`;
  $("statements-hint").textContent = "Loading…";
  const base = currentFilters();
  base.set("limit", "100");
  const spoken = new URLSearchParams(base); spoken.set("speaker", id);
  const about = new URLSearchParams(base); about.set("about", id);
  try {
    const [a, b] = await Promise.all([getJSON("/statements?" + spoken), getJSON("/statements?" + about)]);
    if (selected !== id) return;
    const seen = new Map();
    for (const st of [...a.items, ...b.items]) seen.set(st.id, st);
    const items = [...seen.values()].sort((x, y) => (x.date < y.date ? 1 : x.date > y.date ? -1 : 0));
    const list = $("statements");
    list.replaceChildren(...items.map(statementItem));
    list.dataset.actor = id;
    list.dataset.count = String(items.length);
    $("statements-hint").textContent = items.length ? `${items.length} statements` : "No statements.";
  } catch (err) {
    $("statements-hint").textContent = err.message;
  }
}

async function fillRelations() {
  try {
    const body = await getJSON("/relations");
    for (const r of body.items) $("relation").append(el("option", { value: r.relation }, r.relation.replace("_", " ")));
  } catch (err) { /* the filter stays at "any" */ }
}

let typeahead = null;
function suggestActors() {
  clearTimeout(typeahead);
  typeahead = setTimeout(async () => {
    const q = $("actor").value.trim();
    if (q.length < 2) return;
    try {
      const body = await getJSON("/actors?limit=10&q=" + encodeURIComponent(q));
      $("actor-options").replaceChildren(...body.items.map((a) => el("option", { value: a.name }, a.kind)));
    } catch (err) { /* no suggestions */ }
  }, 200);
}

function init() {
  window.diplograph = { cy: null, loadGraph, selectActor };
  $("filters").addEventListener("submit", (event) => { event.preventDefault(); loadGraph(); });
  $("reset").addEventListener("click", () => { $("filters").reset(); loadGraph(); });
  $("actor").addEventListener("input", suggestActors);
  const params = new URLSearchParams(window.location.search);
  if (params.get("actor")) $("actor").value = params.get("actor");
  if (params.get("depth")) $("depth").value = params.get("depth");
  if (params.get("from")) $("from").value = params.get("from");
  if (params.get("to")) $("to").value = params.get("to");
  fillRelations().then(() => {
    if (params.get("relation")) $("relation").value = params.get("relation");
    loadGraph();
  });
}

init();
