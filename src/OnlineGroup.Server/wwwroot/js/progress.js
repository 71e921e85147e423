// A young person's progress, drawn from the JSON answer of GET .../members/{id}/progress as plain SVG:
// one small line chart per goal (score 1–5 against check-ins in order). Every point carries its number,
// so nothing depends on colour; each chart says all its scores in words for screen readers. Goal text
// and notes are the young person's words: they only ever go in as text (svg()/h() set textContent).

import { h, svg, toDate } from './ui.js';

const dateLabel = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

/**
 * @param {{displayName?:string, goals:{goalId:string, aim:string, text:string, checkIns:{at:string, score:number, note?:string}[]}[]}} progress
 * @param {{mine?: boolean}} options mine: worded for the young person themself
 * @returns {HTMLElement}
 */
export function renderProgress(progress, { mine = false } = {}) {
  const goals = progress?.goals ?? [];
  const who = mine ? 'You have' : `${progress?.displayName ?? 'They'} has`;
  if (!goals.length) {
    return h('p', { class: 'empty', text: mine ? 'No goals yet. Add one below, then check in whenever you like.' : `${progress?.displayName ?? 'This young person'} has not set any goals yet.` });
  }
  return h('ul', { class: 'progress-charts', attrs: { 'aria-label': mine ? 'Your progress' : `Progress of ${progress?.displayName ?? 'this young person'}` } },
    goals.map((goal) => h('li', { class: 'progress-goal' },
      h('p', { class: 'progress-aim muted small', text: goal.aim }),
      h('p', { class: 'progress-text', text: goal.text }),
      goal.checkIns?.length
        ? goalChart(goal)
        : h('p', { class: 'empty', text: `${who} not checked in on this goal yet.` }))));
}

function goalChart(goal) {
  const points = goal.checkIns;
  const W = 320; const H = 132;
  const m = { top: 14, right: 14, bottom: 24, left: 26 };
  const innerW = W - m.left - m.right;
  const innerH = H - m.top - m.bottom;
  const x = (i) => m.left + (points.length === 1 ? innerW / 2 : (innerW * i) / (points.length - 1));
  const y = (score) => m.top + innerH - ((score - 1) / 4) * innerH;
  const words = points.map((p) => `${dateLabel.format(toDate(p.at) ?? new Date())}: ${p.score}`).join(', ');
  const titleId = `goal-${Math.random().toString(36).slice(2, 8)}`;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': titleId, 'aria-describedby': `${titleId}-d`, class: 'progress-svg' },
    svg('title', { id: titleId, text: `Progress on "${goal.text}"` }),
    svg('desc', { id: `${titleId}-d`, text: `Scores out of 5, oldest first: ${words}.` }));
  for (let s = 1; s <= 5; s++) {
    root.append(
      svg('line', { x1: m.left, x2: W - m.right, y1: y(s), y2: y(s), stroke: '#46517f', 'stroke-width': s === 1 ? 1.5 : 0.5, 'stroke-dasharray': s === 1 ? null : '3 4' }),
      svg('text', { x: m.left - 8, y: y(s) + 4, 'text-anchor': 'end', text: s }));
  }
  if (points.length > 1) {
    root.append(svg('polyline', { points: points.map((p, i) => `${x(i)},${y(p.score)}`).join(' '), fill: 'none', stroke: '#8fd6ca', 'stroke-width': 2.5 }));
  }
  points.forEach((p, i) => {
    root.append(svg('circle', { cx: x(i), cy: y(p.score), r: 5, fill: '#8fd6ca' }));
    root.append(svg('text', { x: x(i), y: y(p.score) - 8, 'text-anchor': 'middle', class: 'point-label', text: p.score }));
  });
  const first = toDate(points[0].at);
  const last = toDate(points[points.length - 1].at);
  if (first) root.append(svg('text', { x: m.left, y: H - 6, 'text-anchor': 'start', text: dateLabel.format(first) }));
  if (last && points.length > 1) root.append(svg('text', { x: W - m.right, y: H - 6, 'text-anchor': 'end', text: dateLabel.format(last) }));
  return root;
}
