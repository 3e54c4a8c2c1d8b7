// diplograph actor-network page: wires the filters, the graph, the timeline and the side panel
// to one state object that lives in the URL (state.js). Everything follows the current filters.

import { $, el, getJSON, debounce, download, wholeMonths } from "./util.js";
import { state, readURL, writeURL, apiFilters } from "./state.js";
import * as graph from "./graph.js";
import { createTimeline } from "./timeline.js";
import * as panel from "./panel.js";

let cy = null;
let timeline = null;
let loadedKey = null;
let months = []; // the loaded graph's statements per month: [{month, statements, support, …}]
const timings = {};

function showError(message) {
  $("error").textContent = message || "";
  $("error").hidden = !message;
}

function setReady(flag) {
  $("status").dataset.ready = flag ? "1" : "";
}

// -- the form mirrors the state --------------------------------------------------------------

function fillForm() {
  const node = cy && state.actor ? cy.getElementById(state.actor) : null;
  $("actor").value = state.focus || (node && node.nonempty() ? node.data("label") : state.actor) || "";
  $("depth").value = state.depth;
  $("relation").value = state.relation;
  $("language").value = state.language;
  $("q").value = state.q;
  $("from").value = state.from;
  $("to").value = state.to;
  $("hide-isolated").checked = state.hideIsolated;
  $("positions-target").value = state.positions;
  for (const b of document.querySelectorAll(".tabs button")) b.setAttribute("aria-selected", String(b.dataset.tab === state.tab));
  for (const p of document.querySelectorAll("[data-panel]")) p.hidden = p.dataset.panel !== state.tab;
}

async function readForm() {
  state.depth = $("depth").value;
  state.relation = $("relation").value;
  state.language = $("language").value.trim();
  state.q = $("q").value.trim();
  state.from = $("from").value;
  state.to = $("to").value;
  state.hideIsolated = $("hide-isolated").checked;
  const typed = $("actor").value.trim();
  const current = state.actor && cy && cy.getElementById(state.actor).nonempty() ? cy.getElementById(state.actor).data("label") : state.actor;
  if (!typed) {
    state.actor = ""; state.focus = ""; state.depth = "";
  } else if (state.depth) {
    state.focus = typed; // the network endpoint resolves any spelling; its centre becomes the selection
  } else if (typed !== current && typed !== state.actor) {
    const profile = await getJSON("/actors/" + encodeURIComponent(typed)); // resolves any spelling
    state.actor = profile.actor.id;
    state.tab = "actor";
  }
  if (!state.depth) state.focus = "";
}

// -- loading and showing ---------------------------------------------------------------------

function viewPath(filters) {
  if (state.focus && state.depth) {
    filters.set("depth", state.depth);
    return `/actors/${encodeURIComponent(state.focus)}/network?${filters}`;
  }
  return "/graph?" + filters;
}

// two steps out depend on which links fall in the date range: ask the server with the dates then
const datesOnServer = () => Boolean(state.focus && state.depth === "2");

function graphURL() {
  const filters = apiFilters({ dates: datesOnServer() });
  filters.set("months", "true"); // counts per month: the page filters dates itself
  filters.set("layout", "true"); // positions computed (and kept) by the server, drawn as given for large graphs
  return viewPath(filters);
}

export async function loadGraph() {
  showError("");
  setReady(false);
  const url = graphURL();
  if (url !== loadedKey) {
    $("status").textContent = "Loading…";
    const t0 = performance.now();
    let body;
    try {
      body = await getJSON(url);
    } catch (err) {
      showError(err.message);
      cy.elements().remove();
      loadedKey = null;
      months = [];
      timeline.setData([]);
      $("status").textContent = "No graph.";
      Object.assign($("status").dataset, { nodes: "0", edges: "0" });
      await renderPanel();
      setReady(true);
      return;
    }
    const t1 = performance.now();
    timings.at_fetched = t1;
    const t = graph.setElements(cy, body);
    timings.at_drawn = performance.now();
    timings.fetch = t1 - t0;
    Object.assign(timings, t);
    loadedKey = url;
    months = body.timeline || [];
    timeline.setData(months);
    if (body.center) {
      state.actor = body.center;
      state.focus = body.center;
      cy.getElementById(body.center).addClass("center");
    }
  }
  await applyDates();
  timings.at_dated = performance.now();
  fillForm();
  await renderPanel();
  timings.at_panel = performance.now();
  writeURL();
  setReady(true);
  requestAnimationFrame(() => setTimeout(() => { timings.at_painted = performance.now(); }));
}

// The date range and "hide isolated" apply in the page: whole months from the counts per month
// the graph came with, no new request; days that cut a month are counted by the server.
let datesToken = 0;
async function applyDates() {
  const mine = ++datesToken;
  const t0 = performance.now();
  const dated = Boolean(state.from || state.to);
  let exact = null;
  let statements = null;
  if (dated && loadedKey && !datesOnServer() && !wholeMonths(state.from, state.to)) {
    const filters = apiFilters();
    filters.set("months", "true"); // tallied as read: no cap on the statements behind it
    try {
      const body = await getJSON(viewPath(filters));
      if (mine !== datesToken) return;
      exact = {
        edges: new Map(body.elements.edges.map((e) => [e.data.id, e.data.count])),
        nodes: new Map(body.elements.nodes.map((n) => [n.data.id, n.data.statements])),
      };
      statements = body.stats.statements;
    } catch (err) {
      if (mine !== datesToken) return;
      showError(err.message);
      exact = { edges: new Map(), nodes: new Map() };
      statements = 0;
    }
  }
  const shown = graph.applyVisibility(cy, state, exact);
  graph.placeLabels(cy);
  timings.filter = performance.now() - t0;
  timeline.setRange(state.from, state.to);
  if (statements === null) {
    const a = (state.from || "").slice(0, 7);
    const b = (state.to || "").slice(0, 7);
    statements = months.filter((r) => (!a || r.month >= a) && (!b || r.month <= b)).reduce((n, r) => n + r.statements, 0);
  }
  const range = dated ? `${state.from || "…"} to ${state.to || "…"}` : "all dates";
  $("range-label").textContent = range;
  $("status").textContent = `${shown.nodes} actors, ${shown.edges} links, ${statements} statements · ${range}`;
  Object.assign($("status").dataset, { nodes: String(shown.nodes), edges: String(shown.edges), statements: String(statements) });
  renderNodeList();
  highlight();
}

function renderNodeList() {
  const nodes = cy.nodes().not(".hidden").map((n) => ({ id: n.id(), label: n.data("label") }));
  nodes.sort((a, b) => a.label.localeCompare(b.label));
  $("actors-title").textContent = `Actors (${nodes.length})`;
  $("node-labels").replaceChildren(...nodes.map((n) =>
    el("li", { dataset: { id: n.id }, class: n.id === state.actor ? "selected" : "", onclick: () => selectActor(n.id) }, n.label)));
}

function highlight() {
  if (state.tab === "edge" && state.edge) graph.selectEdge(cy, state.edge);
  else graph.focusOn(cy, state.actor);
  for (const li of $("node-labels").children) li.classList.toggle("selected", li.dataset.id === state.actor);
}

const ctx = {
  onArticle: (st) => openArticle(st),
  onActor: (id) => selectActor(id),
};

async function renderPanel() {
  const filters = apiFilters();
  fillForm();
  if (state.tab === "actor") {
    if (state.actor) {
      const node = cy.getElementById(state.actor);
      await panel.showActor(state.actor, node.nonempty() ? node.data("label") : state.actor, filters, ctx);
    } else {
      panel.clearActor();
    }
  } else if (state.tab === "edge") {
    const e = state.edge ? cy.getElementById(state.edge) : null;
    const edge = e && e.nonempty() && !e.hasClass("hidden")
      ? { data: e.data(), sourceLabel: e.source().data("label"), targetLabel: e.target().data("label") }
      : null;
    await panel.showEdge(edge, filters, ctx);
  } else if (state.tab === "positions") {
    await panel.showPositions(state.positions, filters, ctx);
  }
}

async function openArticle(st) {
  state.article = st.id;
  writeURL();
  await panel.openArticle(st, {
    onClose: () => { state.article = ""; writeURL(); },
    onOther: (other) => openArticle(other),
  });
}

export async function selectActor(id) {
  state.actor = id;
  state.edge = "";
  state.tab = "actor";
  writeURL();
  highlight();
  fillForm();
  await renderPanel();
}

export async function selectEdge(id) {
  state.edge = id;
  state.tab = "edge";
  writeURL();
  highlight();
  fillForm();
  await renderPanel();
}

export async function setRange(from, to) {
  state.from = from || "";
  state.to = to || "";
  writeURL();
  fillForm();
  if (datesOnServer()) { await loadGraph(); return; }
  setReady(false);
  await applyDates();
  refreshPanelSoon();
  setReady(true);
}

const refreshPanelSoon = debounce(() => renderPanel(), 250);

// -- play / step month by month --------------------------------------------------------------

let playing = null;
function step(direction) {
  const next = timeline.stepMonth(direction);
  if (!next) return false;
  setRange(next.from, next.to);
  return true;
}
function togglePlay() {
  if (playing) { clearInterval(playing); playing = null; $("play").textContent = "▶ play"; return; }
  $("play").textContent = "⏸ pause";
  const first = timeline.stepMonth(1);
  if (!first) { togglePlay(); return; }
  setRange(first.from, first.to);
  playing = setInterval(() => { if (!step(1)) togglePlay(); }, 1200);
}

// -- exports ---------------------------------------------------------------------------------

function exportName(ext) {
  const parts = ["diplograph", state.focus || state.actor, state.relation, state.from, state.to].filter(Boolean);
  return parts.join("_").replace(/[^\w.-]+/g, "-") + "." + ext;
}

// the server's table of the statements behind the view: same filters, dates and neighbourhood
export function exportURL(format) {
  const filters = apiFilters();
  filters.set("format", format);
  if (state.focus && state.depth) {
    filters.set("actor", state.focus);
    filters.set("depth", state.depth);
  }
  return "/export?" + filters;
}

async function fillRelations() {
  try {
    const body = await getJSON("/relations");
    for (const r of body.items) $("relation").append(el("option", { value: r.relation }, r.relation.replace(/_/g, " ")));
  } catch (err) { /* the filter stays at "any" */ }
}

function typeahead(input, list) {
  const suggest = debounce(async () => {
    const q = input.value.trim();
    if (q.length < 2) return;
    try {
      const body = await getJSON("/actors?limit=10&q=" + encodeURIComponent(q));
      list.replaceChildren(...body.items.map((a) => el("option", { value: a.name }, a.kind)));
    } catch (err) { /* no suggestions */ }
  }, 200);
  input.addEventListener("input", suggest);
}

async function init() {
  timings.at_init = performance.now();
  readURL();
  cy = graph.createGraph($("cy"), { onNode: selectActor, onEdge: selectEdge });
  timeline = createTimeline($("histogram"), { onRange: setRange });
  graph.legend($("legend"));
  window.diplograph = { cy, state, timings, loadGraph, selectActor, selectEdge, setRange, step, timeline, graph, exportURL };

  $("filters").addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      await readForm();
    } catch (err) {
      showError(err.message);
      setReady(true);
      return;
    }
    await loadGraph();
  });
  $("reset").addEventListener("click", () => {
    Object.assign(state, { actor: "", focus: "", depth: "", relation: "", language: "", q: "", from: "", to: "",
      hideIsolated: false, edge: "", positions: "", tab: "actor", article: "" });
    fillForm();
    loadGraph();
  });
  $("hide-isolated").addEventListener("change", async () => {
    state.hideIsolated = $("hide-isolated").checked;
    writeURL();
    await applyDates();
  });
  $("from").addEventListener("change", () => setRange($("from").value, state.to));
  $("to").addEventListener("change", () => setRange(state.from, $("to").value));
  $("clear-range").addEventListener("click", () => setRange("", ""));
  $("step-back").addEventListener("click", () => step(-1));
  $("step-forward").addEventListener("click", () => step(1));
  $("play").addEventListener("click", togglePlay);
  for (const b of document.querySelectorAll(".tabs button")) {
    b.addEventListener("click", () => { state.tab = b.dataset.tab; writeURL(); highlight(); renderPanel(); });
  }
  $("positions-form").addEventListener("submit", (event) => {
    event.preventDefault();
    state.positions = $("positions-target").value.trim();
    state.tab = "positions";
    writeURL();
    renderPanel();
  });
  $("export-png").addEventListener("click", () =>
    download(exportName("png"), cy.png({ output: "blob", bg: "#ffffff", full: true, scale: 2, maxWidth: 6000, maxHeight: 6000 })));
  $("export-graphml").addEventListener("click", () =>
    download(exportName("graphml"), new Blob([graph.toGraphML(cy, state)], { type: "application/graphml+xml" })));
  $("export-csv").addEventListener("click", () => {
    const a = el("a", { href: exportURL("csv"), download: exportName("csv") });
    document.body.append(a);
    a.click();
    a.remove();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !$("article-view").hidden) $("article-close").click();
  });
  typeahead($("actor"), $("actor-options"));
  typeahead($("positions-target"), $("target-options"));

  fillForm();
  await fillRelations();
  timings.at_relations = performance.now();
  fillForm();
  await loadGraph();
  if (state.article) {
    try {
      openArticle(await getJSON("/statements/" + encodeURIComponent(state.article)));
    } catch (err) { state.article = ""; writeURL(); }
  }
  timings.ready = performance.now();
}

init();
