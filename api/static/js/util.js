// Small helpers shared by the page's modules. Everything shown is set with textContent.

export const $ = (id) => document.getElementById(id);

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "dataset") Object.assign(node.dataset, v);
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export class HttpError extends Error {
  constructor(message, status, body) { super(message); this.status = status; this.body = body; }
}

export async function getJSON(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    let message = body.detail || body.title || response.statusText;
    if (body.suggestions && body.suggestions.length) {
      message += " (suggestions: " + body.suggestions.map((s) => s.name).join(", ") + ")";
    }
    throw new HttpError(message, response.status, body);
  }
  return body;
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
}

// -- dates as ISO day strings ("2026-01-06"): they sort and compare as strings ---------------

export const day = (d) => d.toISOString().slice(0, 10);
export const parseDay = (s) => new Date(s + "T00:00:00Z");
export const monthOf = (s) => s.slice(0, 7);
export function monthStart(month) { return month + "-01"; }
export function monthEnd(month) {
  const [y, m] = month.split("-").map(Number);
  return day(new Date(Date.UTC(y, m, 0)));
}
export function addMonths(month, n) {
  const [y, m] = month.split("-").map(Number);
  const d = new Date(Date.UTC(y, m - 1 + n, 1));
  return d.toISOString().slice(0, 7);
}
export function monthsBetween(first, last) {
  const out = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) out.push(m);
  return out;
}

// the sum of {month: count} over the months in [fromMonth, toMonth] ("YYYY-MM"; either may be
// empty: open); an undated month ("") is in no range, as on the server
export function sumMonths(months, fromMonth, toMonth) {
  let total = 0;
  for (const m in months || {}) {
    if (!m && (fromMonth || toMonth)) continue;
    if ((!fromMonth || m >= fromMonth) && (!toMonth || m <= toMonth)) total += months[m];
  }
  return total;
}

// is [from, to] (ISO days, either may be empty) made of whole months?
export function wholeMonths(from, to) {
  return (!from || from.endsWith("-01")) && (!to || to === monthEnd(to.slice(0, 7)));
}

// -- downloads -------------------------------------------------------------------------------

export function download(name, blob) {
  const url = URL.createObjectURL(blob);
  const a = el("a", { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
