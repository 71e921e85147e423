// "My goals" on the young person's page: their own goals under the group's aims, adding a goal, a
// short check-in (1–5 per goal, with an optional note) and their own progress chart. Only they and
// the group's staff can see any of it (the server answers 403 to anyone else).

import { api, messageOf } from './api.js';
import { h, replace, say, announce } from './ui.js';
import { renderProgress } from './progress.js';

const SCORES = [['', 'Skip this one'], ['1', '1 — really hard'], ['2', '2 — hard'], ['3', '3 — OK'], ['4', '4 — good'], ['5', '5 — really good']];

/**
 * Renders the goals view into `root` for one group.
 * @param {HTMLElement} root
 * @param {{groupId:string, memberId:string, name:string}} group
 * @param {{canEdit?: boolean}} options canEdit: false after they left (their progress stays theirs to see)
 */
export async function showGoals(root, group, { canEdit = true } = {}) {
  const base = `/api/groups/${encodeURIComponent(group.groupId)}`;
  const feedback = h('p', { class: 'feedback', id: 'goals-feedback', role: 'status', hidden: true });
  const chart = h('div', { id: 'my-progress' });
  replace(root, h('p', { class: 'muted', text: 'Loading your goals…' }));
  let aims; let goals;
  try {
    [aims, goals] = await Promise.all([
      canEdit ? api(`${base}/aims`) : Promise.resolve([]),
      canEdit ? api(`${base}/goals`) : Promise.resolve([]),
    ]);
  } catch (error) {
    replace(root, h('p', { class: 'feedback', dataset: { kind: 'gentle' }, text: messageOf(error) }));
    return;
  }

  const parts = [];
  if (canEdit) {
    parts.push(h('section', { class: 'card', attrs: { 'aria-labelledby': 'aims-title' } },
      h('h2', { id: 'aims-title', text: 'What the group is for' }),
      h('ul', { class: 'aims' }, aims.map((aim) => {
        const mine = goals.filter((g) => g.aimId === aim.aimId);
        return h('li', {}, h('p', { class: 'aim-text', text: aim.text }),
          mine.length ? h('ul', { class: 'my-goals', attrs: { 'aria-label': `Your goals for ${aim.text}` } }, mine.map((g) => h('li', { text: g.text }))) : null);
      }))));

    const aimSelect = h('select', { id: 'goal-aim' }, aims.map((a) => h('option', { value: a.aimId, text: a.text })));
    const goalText = h('input', { id: 'goal-text', type: 'text', maxLength: 500, required: true });
    const addForm = h('form', { class: 'card', noValidate: true, attrs: { 'aria-labelledby': 'add-goal-title' } },
      h('h2', { id: 'add-goal-title', text: 'Add a goal' }),
      h('p', { class: 'hint', text: 'Something small you\u2019d like to work on. Only you and the staff see it.' }),
      h('div', { class: 'field' }, h('label', { htmlFor: aimSelect.id, text: 'Under which aim' }), aimSelect),
      h('div', { class: 'field' }, h('label', { htmlFor: goalText.id, text: 'My goal' }), goalText),
      h('button', { type: 'submit', text: 'Add goal' }));
    addForm.addEventListener('submit', async (e) => {
      e.preventDefault();
      const text = goalText.value.trim();
      if (!text) { say(feedback, 'Write your goal in a few words first.', 'error'); goalText.focus(); return; }
      try {
        await api(`${base}/goals`, { method: 'POST', body: { aimId: aimSelect.value, text } });
        await showGoals(root, group, { canEdit });
        say('goals-feedback', 'Your goal is added. Check in on it whenever you like.', 'ok');
        announce('Your goal is added.');
      } catch (error) { say(feedback, messageOf(error), 'error'); }
    });

    if (goals.length) {
      const selects = goals.map((g, i) => {
        const select = h('select', { id: `checkin-${i}` }, SCORES.map(([v, l]) => h('option', { value: v, text: l })));
        return { goal: g, select, el: h('div', { class: 'field' }, h('label', { htmlFor: select.id, text: `How is \u201C${g.text}\u201D going?` }), select) };
      });
      const note = h('textarea', { id: 'checkin-note', rows: 2, maxLength: 1000 });
      const checkIn = h('form', { class: 'card', noValidate: true, attrs: { 'aria-labelledby': 'checkin-title' } },
        h('h2', { id: 'checkin-title', text: 'Check in' }),
        h('p', { class: 'hint', text: '1 is really hard, 5 is really good. There are no wrong answers.' }),
        selects.map((s) => s.el),
        h('div', { class: 'field' }, h('label', { htmlFor: note.id, text: 'Anything you want to add (optional)' }), note),
        h('button', { type: 'submit', text: 'Save check-in' }));
      checkIn.addEventListener('submit', async (e) => {
        e.preventDefault();
        const scored = selects.filter((s) => s.select.value);
        if (!scored.length) { say(feedback, 'Choose a number for at least one goal.', 'error'); return; }
        try {
          for (const s of scored) {
            await api(`${base}/checkins`, { method: 'POST', body: { goalId: s.goal.goalId, score: Number(s.select.value), note: note.value.trim() || null } });
          }
          await showGoals(root, group, { canEdit });
          say('goals-feedback', 'Thanks for checking in. Your chart is updated.', 'ok');
          announce('Check-in saved.');
        } catch (error) { say(feedback, messageOf(error), 'error'); }
      });
      parts.unshift(checkIn);
    }
    parts.push(addForm);
  }
  // Their own chart first: what they have done so far, then checking in, then the goals themselves.
  parts.unshift(feedback, h('section', { class: 'card', attrs: { 'aria-labelledby': 'progress-title' } }, h('h2', { id: 'progress-title', text: 'My progress' }), chart));
  replace(root, ...parts);
  try {
    const progress = await api(`${base}/members/${encodeURIComponent(group.memberId)}/progress`);
    replace(chart, renderProgress(progress, { mine: true }));
  } catch (error) { replace(chart, h('p', { class: 'empty', text: messageOf(error) })); }
}
