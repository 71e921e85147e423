// A stacked bar chart of concerns per week by category, drawn as plain SVG (no library), with a
// legend and the same numbers as a table for screen readers and for reading exact values.

import { h, svg, toDate } from './ui.js';
import { categoryLabel } from './concerns.js';

const COLOURS = ['#8fd6ca', '#f3d48b', '#ff9d94', '#a9c7ff', '#c9b8ff', '#9be3a6', '#ffb86b', '#e6a1d8', '#d0d5e8'];

/** Monday 00:00 (viewer's time) of the week containing d. */
export function weekStart(d) {
  const x = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  const offset = (x.getDay() + 6) % 7;
  x.setDate(x.getDate() - offset);
  return x;
}

/**
 * Counts concerns per week and category.
 * @returns {{weeks: Date[], categories: string[], counts: Map<string, number[]>}}
 */
export function weeklyCounts(concerns, weeks = 8, now = new Date()) {
  const last = weekStart(now);
  const starts = [];
  for (let i = weeks - 1; i >= 0; i--) {
    const d = new Date(last);
    d.setDate(d.getDate() - 7 * i);
    starts.push(d);
  }
  const counts = new Map();
  for (const c of concerns) {
    const raised = toDate(c.raisedAt);
    if (!raised) continue;
    const ws = weekStart(raised).getTime();
    const index = starts.findIndex((s) => s.getTime() === ws);
    if (index < 0) continue;
    const cats = Array.isArray(c.categories) && c.categories.length ? c.categories : ['uncategorised'];
    for (const cat of new Set(cats.map(String))) {
      if (!counts.has(cat)) counts.set(cat, new Array(weeks).fill(0));
      counts.get(cat)[index] += 1;
    }
  }
  const categories = [...counts.keys()].sort((a, b) => sum(counts.get(b)) - sum(counts.get(a)) || a.localeCompare(b));
  return { weeks: starts, categories, counts };
}

function sum(values) { return values.reduce((a, b) => a + b, 0); }

/** Renders the chart into container (replacing what was there). */
export function renderWeeklyChart(container, concerns, { weeks = 8 } = {}) {
  const data = weeklyCounts(concerns, weeks);
  const W = 640; const H = 260;
  const m = { top: 12, right: 12, bottom: 36, left: 36 };
  const innerW = W - m.left - m.right;
  const innerH = H - m.top - m.bottom;
  const totals = data.weeks.map((_, i) => data.categories.reduce((s, c) => s + data.counts.get(c)[i], 0));
  const max = Math.max(1, ...totals);
  const step = niceStep(max);
  const top = Math.ceil(max / step) * step;
  const y = (v) => m.top + innerH - (v / top) * innerH;
  const band = innerW / data.weeks.length;
  const barW = Math.min(48, band * 0.6);
  const label = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
  const colour = (cat) => COLOURS[data.categories.indexOf(cat) % COLOURS.length];

  const titleId = `chart-t-${Math.random().toString(36).slice(2, 7)}`;
  const descId = `${titleId}-d`;
  const totalAll = sum(totals);
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, preserveAspectRatio: 'xMidYMid meet' },
    svg('title', { id: titleId, text: 'Concerns per week, by category' }),
    svg('desc', { id: descId, text: `${totalAll} concern${totalAll === 1 ? '' : 's'} in the last ${weeks} weeks. The table below has the numbers.` }));

  for (let v = 0; v <= top; v += step) {
    root.append(
      svg('line', { x1: m.left, x2: W - m.right, y1: y(v), y2: y(v), stroke: '#46517f', 'stroke-width': v === 0 ? 1.5 : 0.5, 'stroke-dasharray': v === 0 ? null : '3 4' }),
      svg('text', { x: m.left - 6, y: y(v) + 4, 'text-anchor': 'end', text: v }));
  }
  data.weeks.forEach((week, i) => {
    const x = m.left + band * i + (band - barW) / 2;
    let base = 0;
    for (const cat of data.categories) {
      const v = data.counts.get(cat)[i];
      if (!v) continue;
      const rect = svg('rect', { x, y: y(base + v), width: barW, height: Math.max(1, y(base) - y(base + v)), fill: colour(cat), rx: 2 },
        svg('title', { text: `${categoryLabel(cat)}: ${v} (week of ${label.format(week)})` }));
      root.append(rect);
      base += v;
    }
    if (totals[i]) root.append(svg('text', { x: x + barW / 2, y: y(totals[i]) - 4, 'text-anchor': 'middle', text: totals[i] }));
    root.append(svg('text', { x: x + barW / 2, y: H - m.bottom + 16, 'text-anchor': 'middle', text: label.format(week) }));
  });

  const legend = h('ul', { class: 'legend', attrs: { 'aria-hidden': 'true' } }, data.categories.map((cat) => {
    const swatch = h('span', { class: 'swatch' });
    swatch.style.background = colour(cat);
    return h('li', {}, swatch, categoryLabel(cat));
  }));

  const table = h('table', { class: 'data-table' },
    h('caption', { class: 'visually-hidden', text: 'Concerns per week, by category' }),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col', text: 'Week of' }),
      data.categories.map((c) => h('th', { scope: 'col', text: categoryLabel(c) })), h('th', { scope: 'col', text: 'Total' }))),
    h('tbody', {}, data.weeks.map((w, i) => h('tr', {},
      h('th', { scope: 'row', text: label.format(w) }),
      data.categories.map((c) => h('td', { text: data.counts.get(c)[i] })),
      h('td', { text: totals[i] })))));

  container.replaceChildren(root,
    data.categories.length ? legend : h('p', { class: 'empty', text: 'No concerns in these weeks.' }),
    h('details', { class: 'table-toggle' }, h('summary', { text: 'Show the numbers as a table' }), table));
}

function niceStep(max) {
  if (max <= 5) return 1;
  if (max <= 10) return 2;
  if (max <= 25) return 5;
  const pow = 10 ** Math.floor(Math.log10(max / 5));
  return Math.ceil(max / 5 / pow) * pow;
}
