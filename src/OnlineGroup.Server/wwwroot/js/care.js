// The "Care" view on /moderate: looking after the people who run the group. A moderator sees their
// own hours this week and the debriefs due, writes a debrief after a session, and can ask for a
// supervision conversation. A supervisor (or an admin) also sees the group's debriefs, each
// moderator's hours with the gentle warning, and open supervision requests to resolve. Who may see
// what is the server's decision (403 for anyone else): the supervision part simply stays away then.

import { api, messageOf, ApiError } from './api.js';
import { h, replace, say, ask, formatShort } from './ui.js';

const WELLBEING = [['5', '5 — good'], ['4', '4 — fine'], ['3', '3 — OK'], ['2', '2 — not great'], ['1', '1 — struggling']];

/**
 * @param {HTMLElement} root the view's section
 * @param {{me: () => any, groupId: () => string|null, group: () => any, signal?: AbortSignal}} ctx
 */
export function mountCareView(root, ctx) {
  const isModerator = ['moderator', 'admin'].includes(ctx.me()?.role);
  const mine = h('div', { id: 'care-mine' });
  const feedback = h('p', { class: 'feedback', id: 'debrief-feedback', role: 'status', hidden: true });

  // ---- Debrief --------------------------------------------------------------------------------
  const wellbeing = h('select', { id: 'debrief-wellbeing', required: true },
    h('option', { value: '', text: 'Choose…' }), WELLBEING.map(([v, l]) => h('option', { value: v, text: l })));
  const handover = h('textarea', { id: 'debrief-handover', rows: 3, maxLength: 4000 });
  const wantsSupervision = h('input', { id: 'debrief-supervision', type: 'checkbox' });
  const debrief = h('form', { class: 'card', id: 'debrief-form', noValidate: true, attrs: { 'aria-labelledby': 'debrief-title' } },
    h('h2', { id: 'debrief-title', text: 'Debrief' }),
    h('p', { class: 'hint', text: 'A few words after a session: only you and your supervisor see it.' }),
    h('div', { class: 'field' }, h('label', { htmlFor: wellbeing.id, text: 'How are you after this session?' }), wellbeing),
    h('div', { class: 'field' }, h('label', { htmlFor: handover.id, text: 'Anything to hand over?' }), handover),
    h('div', { class: 'check' }, wantsSupervision, h('label', { htmlFor: wantsSupervision.id, text: 'I\u2019d like to talk it through with my supervisor' })),
    h('div', { class: 'actions' }, h('button', { type: 'submit', text: 'Send debrief' })),
    feedback);
  debrief.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!wellbeing.value) { say(feedback, 'Please say how you are (1 to 5).', 'error'); wellbeing.focus(); return; }
    const needsSupervision = wantsSupervision.checked;
    try {
      await api('/api/debriefs', {
        method: 'POST',
        body: { groupId: ctx.groupId(), wellbeing: Number(wellbeing.value), handover: handover.value.trim() || null, needsSupervision },
      });
      debrief.reset();
      say(feedback, `Thank you. Your debrief is with your supervisor${needsSupervision ? ', who will be in touch' : ''}. Look after yourself tonight.`, 'ok');
      loadMine();
      loadSupervision();
    } catch (error) { say(feedback, messageOf(error), 'error'); }
  });

  const askFeedback = h('p', { class: 'feedback', role: 'status', hidden: true });
  const askButton = h('button', { type: 'button', class: 'secondary', text: 'I\u2019d like a supervision conversation' });
  askButton.addEventListener('click', async () => {
    const v = await ask({ title: 'Ask for a supervision conversation', intro: 'Your supervisor will get in touch. Nobody else in the group sees this.', fields: [{ name: 'note', label: 'Anything they should know (optional)', type: 'textarea' }], confirm: 'Ask' });
    if (!v) return;
    try {
      await api('/api/facilitators/supervision-requests', { method: 'POST', body: { groupId: ctx.groupId(), note: v.note || null } });
      say(askFeedback, 'Asked. Your supervisor will be in touch.', 'ok');
      loadSupervision();
    } catch (error) { say(askFeedback, messageOf(error), 'error'); }
  });
  const askCard = h('div', { class: 'card' }, h('h2', { text: 'Supervision' }),
    h('p', { class: 'hint', text: 'Running a group is tiring. Asking to talk is part of the job, not a sign of anything wrong.' }),
    askButton, askFeedback);

  const supervision = h('section', { class: 'card', id: 'supervision', hidden: true, attrs: { 'aria-labelledby': 'supervision-title' } });
  const supervisionFeedback = h('p', { class: 'feedback', role: 'status', hidden: true });

  const nothing = h('div', { class: 'card', hidden: isModerator },
    h('p', { text: 'Debriefs and supervision requests are for the people who moderate a group. If you supervise this group\u2019s facilitators, their debriefs and hours show here.' }));
  replace(root, h('h1', { id: 'care-title', class: 'visually-hidden', text: 'Care' }),
    h('div', { class: 'setup-grid' }, isModerator ? mine : null, isModerator ? debrief : null, isModerator ? askCard : null, nothing, supervision));

  async function loadMine() {
    if (!isModerator) return;
    try {
      const me = await api('/api/facilitators/me');
      const due = me.debriefsDue.filter((d) => !ctx.groupId() || d.groupId === ctx.groupId());
      replace(mine, h('div', { class: 'card' },
        h('h2', { text: 'Your week' }),
        h('p', { text: me.hours.hours > 0 ? `You have spent ${me.hours.hours} hours with groups this week.` : 'No time with groups recorded yet this week.' }),
        me.hours.warning ? h('p', { class: 'feedback', dataset: { kind: 'gentle' }, text: me.hours.warning }) : null,
        due.length ? h('p', { text: `A debrief is due for ${due.map((d) => `${d.groupName} (${d.minutes} minutes, ${formatShort(d.presentFrom)})`).join(', ')}.` }) : h('p', { class: 'muted', text: 'No debrief due.' })));
    } catch (error) { replace(mine, h('div', { class: 'card' }, h('p', { class: 'empty', text: messageOf(error) }))); }
  }

  async function loadSupervision() {
    const id = ctx.groupId();
    if (!id) return;
    const q = `groupId=${encodeURIComponent(id)}`;
    let hours; let debriefs; let requests;
    try {
      [hours, debriefs, requests] = await Promise.all([
        api(`/api/facilitators/hours?${q}`), api(`/api/debriefs?${q}`), api(`/api/facilitators/supervision-requests?${q}&open=true`)]);
    } catch (error) {
      // Not this group's supervisor: nothing to show, and nothing to say about it.
      supervision.hidden = true;
      if (!(error instanceof ApiError && error.status === 403)) console.warn('supervision', error);
      return;
    }
    replace(supervision,
      h('h2', { id: 'supervision-title', text: 'Supervising this group' }),
      supervisionFeedback,
      h('h3', { text: 'Hours this week' }),
      h('ul', { class: 'queue', attrs: { 'aria-label': 'Hours this week' } }, hours.facilitators.map((f) => h('li', {},
        h('p', {}, h('strong', { text: f.displayName }), ` · ${f.hours} hours${f.estimated ? ' (about)' : ''}`),
        f.warning ? h('p', { class: 'why', text: f.warning }) : null))),
      h('h3', { text: 'Asking for supervision' }),
      requests.length ? h('ul', { class: 'queue', attrs: { 'aria-label': 'Open supervision requests' } }, requests.map((r) => h('li', {},
        h('p', {}, h('strong', { text: r.displayName }), ` · ${formatShort(r.requestedAt)}`),
        r.note ? h('p', { class: 'msg-text', text: r.note }) : null,
        h('div', { class: 'actions' }, h('button', { type: 'button', class: 'small', on: { click: () => resolve(r) } }, 'Resolve', h('span', { class: 'visually-hidden', text: ` ${r.displayName}'s request` }))))))
        : h('p', { class: 'empty', text: 'No open requests.' }),
      h('h3', { text: 'Debriefs' }),
      debriefs.length ? h('ul', { class: 'queue', attrs: { 'aria-label': 'Debriefs' } }, debriefs.slice(0, 30).map((d) => h('li', {},
        h('p', {}, h('strong', { text: d.displayName }), ` · ${formatShort(d.submittedAt)} · feeling ${d.wellbeing} of 5${d.needsSupervision ? ' · would like to talk' : ''}`),
        d.handover ? h('p', { class: 'msg-text', text: d.handover }) : null)))
        : h('p', { class: 'empty', text: 'No debriefs yet.' }));
    supervision.hidden = false;
    nothing.hidden = true;
  }

  async function resolve(r) {
    try {
      await api(`/api/facilitators/supervision-requests/${encodeURIComponent(r.requestId)}/resolve`, { method: 'POST' });
      await loadSupervision();
      say(supervisionFeedback, `${r.displayName}'s request is resolved.`, 'ok');
    } catch (error) { say(supervisionFeedback, messageOf(error), 'error'); }
  }

  const refresh = () => { loadMine(); loadSupervision(); };
  document.addEventListener('onlinegroup:groupchanged', refresh, { signal: ctx.signal });
  refresh();
}
