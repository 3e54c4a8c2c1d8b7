// The page's state lives in the URL: every filter, the selected actor, link and panel, so a
// link (e.g. /?actor=azerbaijan&from=2026-01-01) reopens exactly this view.

export const state = {
  actor: "",        // selected actor id
  focus: "",        // neighbourhood centre (with depth)
  depth: "",        // "" whole network, "1" or "2"
  relation: "",
  language: "",
  q: "",
  from: "",
  to: "",
  hideIsolated: false,
  edge: "",         // selected link id
  positions: "",    // target of the positions view
  tab: "actor",     // which side panel is open
  article: "",      // statement whose article is open
};

const KEYS = {
  actor: "actor", focus: "focus", depth: "depth", relation: "relation", language: "language", q: "q",
  from: "from", to: "to", edge: "edge", positions: "positions", tab: "tab", article: "article",
};

export function readURL(search = window.location.search) {
  const params = new URLSearchParams(search);
  for (const [key, name] of Object.entries(KEYS)) state[key] = params.get(name) || "";
  state.hideIsolated = ["1", "true", "yes"].includes(params.get("hide_isolated") || "");
  // old links: /network?actor=X&depth=1 meant "the neighbourhood of X"
  if (state.depth && !state.focus) state.focus = state.actor;
  if (!["", "1", "2"].includes(state.depth)) state.depth = "";
  if (!state.depth) state.focus = "";
  if (!["actor", "edge", "positions"].includes(state.tab)) state.tab = "";
  if (!state.tab) state.tab = state.positions ? "positions" : state.edge ? "edge" : "actor";
}

export function toParams() {
  const params = new URLSearchParams();
  for (const [key, name] of Object.entries(KEYS)) {
    const value = state[key];
    if (!value || (key === "tab" && value === "actor")) continue;
    if (key === "focus" && !state.depth) continue;
    params.set(name, value);
  }
  if (state.hideIsolated) params.set("hide_isolated", "1");
  return params;
}

export function writeURL() {
  const query = toParams().toString();
  const url = window.location.pathname + (query ? "?" + query : "");
  if (url !== window.location.pathname + window.location.search) window.history.replaceState(null, "", url);
}

// statement filters the API understands; dates optional (the graph is fetched without them
// and filtered by date in the page, so brushing the timeline needs no new request)
export function apiFilters({ dates = true } = {}) {
  const params = new URLSearchParams();
  if (state.relation) params.set("relation", state.relation);
  if (state.language) params.set("language", state.language);
  if (state.q) params.set("q", state.q);
  if (dates && state.from) params.set("from", state.from);
  if (dates && state.to) params.set("to", state.to);
  return params;
}
