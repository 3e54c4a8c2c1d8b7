// The timeline under the graph: statements per month stacked by the stance of their relation
// (d3), a brush that sets the date range in whole months, and play/step controls that walk
// the range month by month.
/* global d3 */

import { monthOf, monthStart, monthEnd, addMonths, monthsBetween, parseDay, day } from "./util.js";

const STANCES = [["support", "#2e9d55"], ["neutral", "#9aa5b1"], ["oppose", "#d0453a"]];
const empty = (month) => ({ month, support: 0, neutral: 0, oppose: 0 });

export function createTimeline(svgElement, { onRange }) {
  const svg = d3.select(svgElement);
  const margin = { top: 4, right: 8, bottom: 16, left: 28 };
  let months = [];
  let x = null;
  let brush = null;
  let brushG = null;
  let range = { from: "", to: "" };

  function size() {
    const r = svgElement.getBoundingClientRect();
    return { w: Math.max(200, r.width), h: Math.max(60, r.height) };
  }

  // rows: [{month: "2026-01", support, oppose, neutral, …}] (the server's `timeline`)
  function setData(rows) {
    const counts = new Map((rows || []).map((r) => [r.month, r]));
    const keys = [...counts.keys()].sort();
    months = keys.length ? monthsBetween(keys[0], keys[keys.length - 1]) : [];
    const data = months.map((m) => ({ ...empty(m), ...(counts.get(m) || {}) }));
    draw(data);
  }

  function draw(data) {
    svg.selectAll("*").remove();
    const { w, h } = size();
    svg.attr("viewBox", `0 0 ${w} ${h}`);
    if (!data.length) {
      svg.append("text").attr("x", w / 2).attr("y", h / 2).attr("text-anchor", "middle")
        .attr("fill", "#6b7685").text("no dated statements");
      x = null;
      return;
    }
    const first = parseDay(monthStart(data[0].month));
    const last = parseDay(monthStart(addMonths(data[data.length - 1].month, 1)));
    x = d3.scaleUtc().domain([first, last]).range([margin.left, w - margin.right]);
    const stack = d3.stack().keys(STANCES.map(([s]) => s))(data);
    const total = d3.max(data, (d) => STANCES.reduce((a, [s]) => a + d[s], 0)) || 1;
    const y = d3.scaleLinear().domain([0, total]).nice().range([h - margin.bottom, margin.top]);
    const colour = Object.fromEntries(STANCES);
    svg.append("g").selectAll("g").data(stack).join("g").attr("fill", (s) => colour[s.key])
      .attr("data-stance", (s) => s.key)
      .selectAll("rect").data((s) => s).join("rect")
      .attr("x", (d) => x(parseDay(monthStart(d.data.month))) + 1)
      .attr("width", (d) => Math.max(1, x(parseDay(monthStart(addMonths(d.data.month, 1)))) - x(parseDay(monthStart(d.data.month))) - 2))
      .attr("y", (d) => y(d[1])).attr("height", (d) => Math.max(0, y(d[0]) - y(d[1])))
      .attr("data-month", (d) => d.data.month)
      .append("title").text((d) => `${d.data.month}: ${STANCES.map(([s]) => `${d.data[s]} ${s}`).join(", ")}`);
    const ticks = Math.min(12, data.length);
    svg.append("g").attr("class", "axis").attr("transform", `translate(0,${h - margin.bottom})`)
      .call(d3.axisBottom(x).ticks(ticks).tickFormat(d3.utcFormat(data.length > 24 ? "%Y" : "%b %Y")).tickSizeOuter(0));
    svg.append("g").attr("class", "axis").attr("transform", `translate(${margin.left},0)`)
      .call(d3.axisLeft(y).ticks(3).tickSizeOuter(0));
    brush = d3.brushX().extent([[margin.left, margin.top], [w - margin.right, h - margin.bottom]])
      .on("end", (event) => {
        if (!event.sourceEvent) return; // moved by setRange
        if (!event.selection) { onRange("", ""); return; }
        // whole months: the counts per month answer them without asking the server
        const [a, b] = event.selection.map((px) => x.invert(px));
        const first = d3.utcMonth.round(a);
        let end = d3.utcMonth.round(b);
        if (end <= first) end = d3.utcMonth.offset(first, 1);
        const from = day(first);
        const to = day(new Date(end.getTime() - 86400000));
        brushG.call(brush.move, [x(first), x(end)]);
        onRange(from, to);
      });
    brushG = svg.append("g").attr("class", "brush").call(brush);
    moveBrush();
  }

  function moveBrush() {
    if (!x || !brush || !brushG) return;
    if (!range.from && !range.to) { brushG.call(brush.move, null); return; }
    const [d0, d1] = x.domain();
    const a = range.from ? parseDay(range.from) : d0;
    const b = range.to ? new Date(parseDay(range.to).getTime() + 86400000) : d1;
    const px = [Math.max(x.range()[0], x(a)), Math.min(x.range()[1], x(b))];
    brushG.call(brush.move, px[1] > px[0] ? px : null);
  }

  function setRange(from, to) {
    range = { from: from || "", to: to || "" };
    moveBrush();
  }

  // the month window after (step = 1) or before (step = -1) the current range
  function stepMonth(step) {
    if (!months.length) return null;
    const current = range.from && range.to && range.from === monthStart(monthOf(range.from))
      && range.to === monthEnd(monthOf(range.from)) ? monthOf(range.from) : null;
    let next;
    if (!current) next = step > 0 ? months[0] : months[months.length - 1];
    else next = addMonths(current, step);
    if (next < months[0] || next > months[months.length - 1]) return null;
    return { from: monthStart(next), to: monthEnd(next), month: next };
  }

  window.addEventListener("resize", () => { if (months.length) setData(lastRows); });
  let lastRows = [];
  return {
    setData(rows) { lastRows = rows || []; setData(lastRows); },
    setRange,
    stepMonth,
    months: () => months,
  };
}
