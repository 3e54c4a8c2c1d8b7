// The side panel: an actor's statements, the statements behind a link, positions on a target,
// and the article view that highlights speaker, cue and quote at their offsets.

import { $, el, getJSON } from "./util.js";

const STANCE_WORD = { support: "supports", oppose: "opposes", conditional: "conditional", neutral: "neutral" };

function who(st) {
  if (st.on_behalf_of && st.speaker && st.on_behalf_of.id !== st.speaker.id) {
    return `${st.speaker.name} (${st.on_behalf_of.name})`;
  }
  return (st.speaker || st.on_behalf_of || { name: st.speaker_mention }).name;
}

// One statement with its provenance: date, outlet, "via", the article view and the source link.
export function statementItem(st, { onArticle }) {
  const targets = st.targets.filter((t) => t.role === "target").map((t) => t.name).join(", ");
  const line = el("div", {},
    el("span", { class: "who" }, who(st)), " ",
    el("span", { class: `rel ${st.stance}`, title: `${st.stance} · CAMEO ${st.cameo}${st.cameo_name ? " " + st.cameo_name : ""}` },
      st.relation.replace(/_/g, " ")),
    targets ? " → " + targets : "");
  const content = el("p", { class: "content" + (st.quote ? " quote" : "") }, st.content);
  const art = st.article || {};
  const meta = el("div", { class: "meta" },
    `${st.date || "undated"} · ${art.outlet || "unknown outlet"}${st.via ? " via " + st.via.name : ""} · ${st.language || "?"}` +
    ` · confidence ${Number(st.confidence).toFixed(2)}`);
  const prov = el("div", { class: "prov" },
    el("button", { type: "button", class: "article-link", dataset: { statement: st.id },
      onclick: () => onArticle(st) }, "show in article"),
    art.url ? el("a", { class: "source-link", href: art.url, target: "_blank", rel: "noopener noreferrer",
      title: art.title || art.url }, `${art.outlet || new URL(art.url).hostname} ↗`) : null);
  const item = el("li", { class: "statement", dataset: { statement: st.id } }, line, content, meta, prov);
  if (st.conditions && st.conditions.length) item.insertBefore(el("div", { class: "meta" }, "if: " + st.conditions.join("; ")), meta);
  return item;
}

// all pages of /statements (or /claims) for these parameters (bounded)
async function pages(path, params, max = 2000) {
  const out = [];
  const p = new URLSearchParams(params);
  p.set("limit", "500");
  while (out.length < max) {
    const body = await getJSON(path + "?" + p);
    out.push(...body.items);
    if (!body.next_cursor) break;
    p.set("cursor", body.next_cursor);
  }
  return out;
}
const statements = (params, max) => pages("/statements", params, max);

// -- claims: the reports of one statement across outlets, shown together ------------------

function outletsLine(claim) {
  const n = claim.num_sources;
  const names = claim.outlets.slice(0, 4).join(", ") + (claim.outlets.length > 4 ? ", …" : "");
  const reports = claim.num_reports === 1 ? "1 report" : `${claim.num_reports} reports`;
  return `reported by ${n} outlet${n === 1 ? "" : "s"} (${names}) · ${reports}`;
}

// Statements grouped by claim: each claim's first report carries "reported by N outlets" and a
// button listing every report of the claim; its other reports follow it, indented.
export function claimItems(sts, claims, ctx) {
  const groups = new Map();
  for (const st of sts) {
    const key = st.claim_id || st.id;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(st);
  }
  const out = [];
  for (const [key, members] of groups) {
    const claim = claims.get(key);
    members.forEach((st, i) => {
      const item = statementItem(st, ctx);
      item.dataset.claim = key;
      if (i > 0) { item.classList.add("claim-more"); out.push(item); return; }
      item.classList.add("claim-first");
      if (claim) {
        const all = el("button", { type: "button", class: "claim-reports", dataset: { claim: key } }, "all reports");
        const line = el("div", { class: "claim-line", dataset: { sources: String(claim.num_sources) } },
          outletsLine(claim), claim.num_reports > members.length ? " · " : null,
          claim.num_reports > members.length ? all : null);
        all.addEventListener("click", () => showAllReports(key, item, members, ctx));
        item.insertBefore(line, item.querySelector(".meta"));
      }
      out.push(item);
    });
  }
  return out;
}

async function showAllReports(claimId, first, shown, ctx) {
  const body = await getJSON("/claims/" + encodeURIComponent(claimId));
  const have = new Set(shown.map((st) => st.id));
  let after = first;
  while (after.nextElementSibling && after.nextElementSibling.dataset.claim === claimId) after = after.nextElementSibling;
  for (const st of body.reports.filter((r) => !have.has(r.id))) {
    const item = statementItem(st, ctx);
    item.dataset.claim = claimId;
    item.classList.add("claim-more", "claim-extra");
    item.querySelector(".meta").append(` · ${st.position}`);
    after.after(item);
    after = item;
  }
  const button = first.querySelector("button.claim-reports");
  if (button) button.remove();
}

async function claimsById(paramsList) {
  const found = await Promise.all(paramsList.map((p) => pages("/claims", p)));
  return new Map(found.flat().map((c) => [c.id, c]));
}

function countLine(n, claims, what) {
  return `${n} statement${n === 1 ? "" : "s"} (${claims} claim${claims === 1 ? "" : "s"}) ${what}`;
}

let token = 0; // the latest request wins: a slow answer for an old selection is dropped

export async function showActor(id, label, filters, ctx) {
  const mine = ++token;
  $("statements-title").textContent = `Statements · ${label || id}`;
  $("statements-hint").textContent = "Loading…";
  const list = $("statements");
  list.dataset.actor = "";
  const spoken = new URLSearchParams(filters); spoken.set("speaker", id);
  const about = new URLSearchParams(filters); about.set("about", id);
  try {
    const [a, b, claims] = await Promise.all([statements(spoken), statements(about), claimsById([spoken, about])]);
    if (mine !== token) return;
    const seen = new Map();
    for (const st of [...a, ...b]) seen.set(st.id, st);
    const items = [...seen.values()].sort(newestFirst);
    const shown = claimItems(items, claims, ctx);
    list.replaceChildren(...shown);
    list.dataset.count = String(items.length);
    list.dataset.claims = String(new Set(items.map((st) => st.claim_id || st.id)).size);
    list.dataset.filters = filters.toString();
    list.dataset.actor = id;
    $("statements-hint").textContent = items.length
      ? countLine(items.length, Number(list.dataset.claims), "under the current filters")
      : "No statements under the current filters.";
  } catch (err) {
    if (mine !== token) return;
    list.replaceChildren();
    list.dataset.actor = id;
    list.dataset.count = "0";
    $("statements-hint").textContent = err.message;
  }
}

export function clearActor() {
  ++token;
  $("statements-title").textContent = "Statements";
  $("statements-hint").textContent = "Click an actor to read its statements.";
  $("statements").replaceChildren();
  $("statements").dataset.actor = "";
}

// Is this statement behind the link? A link runs from the represented actor (else the speaker)
// to a target; "speaks for" from a person to the state or body they spoke for.
function behind(d, st) {
  const speaker = st.speaker ? st.speaker.id : null;
  const behalf = st.on_behalf_of ? st.on_behalf_of.id : null;
  if (d.relation === "speaks_for") return speaker === d.source && behalf === d.target;
  return (behalf || speaker) === d.source
    && st.targets.some((t) => t.role === "target" && t.actor_id === d.target);
}

// undated statements (date null) after every dated one
const newestFirst = (x, y) => ((x.date || "") < (y.date || "") ? 1 : (x.date || "") > (y.date || "") ? -1 : x.id < y.id ? -1 : 1);

export async function showEdge(edge, filters, ctx) {
  const mine = ++token;
  const list = $("edge-statements");
  list.dataset.edge = "";
  if (!edge) {
    $("edge-title").textContent = "Link";
    $("edge-hint").textContent = "Click a line between two actors to read the statements behind it.";
    list.replaceChildren();
    return;
  }
  const d = edge.data;
  const rel = d.relation.replace(/_/g, " ");
  $("edge-title").textContent = `${edge.sourceLabel} → ${rel} → ${edge.targetLabel}`;
  $("edge-hint").textContent = "Loading…";
  const params = new URLSearchParams(filters);
  params.set("speaker", d.source);
  if (d.relation !== "speaks_for") {
    params.set("target", d.target);
    params.set("relation", d.relation);
  }
  try {
    const [all, claims] = await Promise.all([statements(params), claimsById([params])]);
    const found = all.filter((st) => behind(d, st)).sort(newestFirst);
    if (mine !== token) return;
    list.replaceChildren(...claimItems(found, claims, ctx));
    list.dataset.count = String(found.length);
    list.dataset.claims = String(new Set(found.map((st) => st.claim_id || st.id)).size);
    list.dataset.edge = d.id;
    $("edge-hint").textContent = found.length
      ? countLine(found.length, Number(list.dataset.claims), "behind this link under the current filters")
      : "No statements behind this link under the current filters.";
  } catch (err) {
    if (mine !== token) return;
    list.dataset.edge = d.id;
    $("edge-hint").textContent = err.message;
  }
}

// Pieces of evidence the positions view asks per actor (the latest ones): a target named in
// thousands of statements costs the pieces shown, not all of them. The server counts every
// piece (entry.evidence) and says whether the actor's position changed (entry.changed).
export const POSITION_EVIDENCE = 10;

export async function showPositions(target, filters, ctx) {
  const mine = ++token;
  const box = $("positions");
  box.dataset.target = "";
  if (!target) { box.replaceChildren(); return; }
  $("positions-hint").textContent = "Loading…";
  const params = new URLSearchParams(filters);
  params.set("target", target);
  params.set("evidence", String(POSITION_EVIDENCE));
  try {
    const report = await getJSON("/stances?" + params);
    if (mine !== token) return;
    const names = report.target.map((t) => t.name).join(", ") || target;
    $("positions-hint").textContent = `Positions on ${names}: each actor's latest statement decides its group; ` +
      `the history shows its latest ${POSITION_EVIDENCE} pieces of evidence.`;
    const groups = ["support", "oppose", "conditional", "neutral"].map((key) => {
      const entries = report[key] || [];
      return el("section", { class: "group", dataset: { stance: key } },
        el("h3", { class: `stance-${key}` }, `${key === "support" ? "Support" : key === "oppose" ? "Oppose" : key === "conditional" ? "Conditional" : "Neutral"} (${entries.length})`),
        ...entries.map((e) => positionEntry(e, ctx)));
    });
    box.replaceChildren(...groups);
    box.dataset.target = report.target.map((t) => t.id).join(",");
  } catch (err) {
    if (mine !== token) return;
    box.replaceChildren();
    box.dataset.target = "!error";
    $("positions-hint").textContent = err.message;
  }
}

function positionEntry(entry, ctx) {
  const day = (st) => st.date || "~"; // an undated statement (date null) comes after every dated one
  const sts = [...entry.statements].sort((a, b) => (day(a) < day(b) ? -1 : day(a) > day(b) ? 1 : 0));
  const history = el("div", { class: "history" });
  sts.forEach((st, i) => {
    if (i) history.append(" → ");
    history.append(el("span", { class: `chip ${st.stance}`, title: st.content }, `${st.date || "undated"} ${st.relation.replace(/_/g, " ")}`));
  });
  const shown = sts.length < entry.evidence ? `latest ${sts.length} of ${entry.evidence}` : String(sts.length);
  const name = el("span", { class: "name", onclick: () => ctx.onActor(entry.actor.id) }, entry.actor.name);
  return el("div", { class: "entry", dataset: { actor: entry.actor.id, stance: entry.stance } },
    name, " ", el("span", { class: `stance-${entry.stance}` }, STANCE_WORD[entry.stance]),
    entry.changed ? el("span", { class: "changed" }, "changed position") : null,
    history,
    el("details", {}, el("summary", {}, `evidence (${shown})`),
      el("ol", { class: "statements" }, ...[...sts].reverse().map((st) => statementItem(st, ctx)))));
}

// -- the article view ------------------------------------------------------------------------

// Offsets count Unicode code points (Python str indices); JS strings count UTF-16 units.
function marks(text, spans, chosen) {
  const chars = Array.from(text);
  const kinds = new Array(chars.length).fill(0);
  const BIT = { other: 1, target: 2, content: 4, cue: 8, speaker: 16 };
  const owner = new Array(chars.length).fill(null);
  for (const s of spans) {
    let bit = 0;
    if (s.statement_id === chosen) bit = BIT[s.kind] || 0;
    else if (s.kind === "content") bit = BIT.other;
    if (!bit) continue;
    for (let i = Math.max(0, s.start); i < Math.min(chars.length, s.end); i++) {
      kinds[i] |= bit;
      if (bit === BIT.other && !owner[i]) owner[i] = s.statement_id;
    }
  }
  const cls = (k) => {
    if (k & BIT.speaker) return "hl-speaker";
    if (k & BIT.cue) return "hl-cue";
    if (k & BIT.target) return "hl-target";
    if (k & BIT.content) return "hl-content";
    if (k & BIT.other) return "hl-other";
    return "";
  };
  const out = [];
  let i = 0;
  while (i < chars.length) {
    const c = cls(kinds[i]);
    const o = c === "hl-other" ? owner[i] : null;
    let j = i + 1;
    while (j < chars.length && cls(kinds[j]) === c && (c !== "hl-other" || owner[j] === o)) j++;
    const piece = chars.slice(i, j).join("");
    out.push(c ? el("mark", { class: c, dataset: o ? { statement: o } : {} }, piece) : document.createTextNode(piece));
    i = j;
  }
  return out;
}

export async function openArticle(st, { onClose, onOther }) {
  const view = $("article-view");
  const articleId = st.article && st.article.id ? st.article.id : st.id.replace(/:\d+-\d+$/, "");
  $("article-title").textContent = "Loading…";
  $("article-meta").replaceChildren();
  $("article-text").replaceChildren();
  view.hidden = false;
  view.dataset.statement = st.id;
  view.dataset.ready = "";
  try {
    const body = await getJSON("/articles/" + encodeURIComponent(articleId));
    if (view.dataset.statement !== st.id) return;
    const art = body.article;
    const mine = body.statements.find((s) => s.id === st.id) || st;
    $("article-title").textContent = art.title || art.url || art.id;
    const when = art.published_at ? art.published_at.slice(0, 10) : "undated";
    $("article-meta").replaceChildren(
      `${art.outlet || "unknown outlet"} · ${when} · ${art.language || "?"}` + (mine.via ? ` · via ${mine.via.name}` : "") + " · ",
      art.url ? el("a", { href: art.url, target: "_blank", rel: "noopener noreferrer", class: "source-link" }, art.url) : "no URL");
    const text = $("article-text");
    text.setAttribute("lang", art.language || "");
    text.replaceChildren(...marks(art.text || "", body.spans, st.id));
    text.querySelectorAll("mark.hl-other").forEach((m) => m.addEventListener("click", () => {
      const other = body.statements.find((s) => s.id === m.dataset.statement);
      if (other) onOther(other);
    }));
    const first = text.querySelector("mark.hl-speaker, mark.hl-content, mark.hl-cue");
    if (first) first.scrollIntoView({ block: "center" });
    view.dataset.ready = "1";
  } catch (err) {
    $("article-title").textContent = err.message;
    view.dataset.ready = "error";
  }
  $("article-close").onclick = () => { view.hidden = true; view.dataset.statement = ""; onClose(); };
}

export function closeArticle() {
  $("article-view").hidden = true;
  $("article-view").dataset.statement = "";
}
