// The "Group" view on /moderate: the chosen group's readiness (risk assessment and sign-off), its
// waiting list, its young people (progress, risk timeline, recording an exit), follow-ups after exits
// and session handovers. Each part is a collapsible <details>, so a tired moderator sees one thing at
// a time. Everything people wrote goes in as text (h() never sets innerHTML).

import { api, messageOf, ApiError } from './api.js';
import { h, replace, say, ask, confirmAction, formatShort } from './ui.js';
import { renderProgress } from './progress.js';

const PLANS = [['movingOn', 'Moving on (finished the group)'], ['referredElsewhere', 'Referred elsewhere'], ['paused', 'Paused (may come back)']];
const PLAN_LABEL = Object.fromEntries(PLANS);

/**
 * @param {HTMLElement} root the view's section
 * @param {{me: () => any, groupId: () => string|null, group: () => any, signal?: AbortSignal}} ctx
 */
export function mountGroupView(root, ctx) {
  const path = (suffix) => `/api/groups/${encodeURIComponent(ctx.groupId())}${suffix}`;
  const section = (id, title, intro) => {
    const body = h('div', { class: 'section-body', id: `${id}-body` });
    const feedback = h('p', { class: 'feedback', id: `${id}-feedback`, role: 'status', hidden: true });
    const details = h('details', { class: 'card fold', id },
      h('summary', {}, h('h2', { text: title })),
      intro ? h('p', { class: 'hint', text: intro }) : null,
      feedback, body);
    return { details, body, feedback };
  };

  const heading = h('h1', { id: 'group-view-title', text: 'Group' });
  const readiness = section('readiness', 'Readiness', 'A group opens to young people only with a risk assessment signed off by a safeguarding lead.');
  const waitlist = section('waitlist', 'Waiting list', 'Who is waiting for a place, in order. The first gets the next free place at once.');
  const members = section('young-people', 'Young people', 'Progress, risk timeline, and recording an exit with its plan.');
  const followups = section('followups', 'Follow-ups', 'Check-ins planned for the weeks after someone leaves.');
  const handovers = section('handover', 'Handover', 'What happened in recent sessions, and notes for the next shift.');
  replace(root, heading, readiness.details, waitlist.details, members.details, followups.details, handovers.details);

  const loaders = new Map([
    [readiness.details, () => loadReadiness()],
    [waitlist.details, () => loadWaitlist()],
    [members.details, () => loadMembers()],
    [followups.details, () => loadFollowUps()],
    [handovers.details, () => loadHandovers()],
  ]);
  for (const [details, load] of loaders) details.addEventListener('toggle', () => { if (details.open && ctx.groupId()) load(); });

  // ---- Readiness ------------------------------------------------------------------------------

  let loaded = null; // the readiness answer being edited

  async function loadReadiness() {
    replace(readiness.body, h('p', { class: 'muted', text: 'Loading…' }));
    try {
      const [r, staff] = await Promise.all([api(path('/readiness')), api(path('/staff')).catch(() => [])]);
      loaded = r;
      renderReadiness(r, Array.isArray(staff) ? staff : []);
    } catch (error) { replace(readiness.body, h('p', { class: 'empty', text: messageOf(error) })); }
  }

  function renderReadiness(r, staff) {
    const a = r.assessment ?? {};
    const status = r.ready
      ? h('p', { class: 'feedback', dataset: { kind: 'ok' }, text: `Ready: signed off by ${r.signOff?.signedOffByName ?? 'a safeguarding lead'}${r.signOff?.reviewBy ? `, to be reviewed by ${r.signOff.reviewBy}` : ''}.` })
      : h('p', { class: 'feedback', dataset: { kind: 'gentle' }, text: r.required ? 'Not ready yet: young people cannot join until this is done.' : 'Not signed off yet (this server does not require it).' });
    const missing = r.missing?.length
      ? h('div', {}, h('h3', { text: 'Still missing' }), h('ul', { class: 'checklist', attrs: { 'aria-label': 'Still missing' } }, r.missing.map((m) => h('li', { text: m }))))
      : null;
    const notices = r.notices?.length ? h('ul', { class: 'checklist' }, r.notices.map((n) => h('li', { text: n }))) : null;

    const moderators = staff.filter((s) => s.duty === 'moderator' || s.role === 'admin');
    const people = [...new Map(moderators.map((s) => [s.userId, s])).values()];
    const pick = (id, label, current) => {
      const select = h('select', { id: `${id}-user` },
        h('option', { value: '', text: '— nobody yet —' }),
        people.map((p) => h('option', { value: p.userId, text: p.displayName })));
      if (current?.userId && !people.some((p) => p.userId === current.userId)) select.append(h('option', { value: current.userId, text: current.displayName ?? current.userId }));
      select.value = current?.userId ?? '';
      const training = h('input', { id: `${id}-training`, type: 'text', maxLength: 500, value: current?.training ?? '' });
      return {
        el: h('div', { class: 'form-row' },
          h('div', { class: 'field' }, h('label', { htmlFor: select.id, text: label }), select),
          h('div', { class: 'field' }, h('label', { htmlFor: training.id, text: `${label}'s training` }), training)),
        value: () => (select.value ? { userId: select.value, training: training.value.trim() || null } : null),
      };
    };
    const text = (id, label, value, hint, rows = 3) => {
      const area = h('textarea', { id, rows, maxLength: 4000 });
      area.value = value ?? '';
      return {
        el: h('div', { class: 'field' }, h('label', { htmlFor: id, text: label }),
          hint ? h('p', { class: 'hint', id: `${id}-hint`, text: hint }) : null, area),
        value: () => area.value.trim() || null,
        area,
      };
    };
    if (!a.scenarios) a.scenarios = [];
    const scenarioList = h('ul', { class: 'scenarios' });
    const scenarioFields = [];
    const addScenario = (s) => {
      const f = text(`scn-${scenarioFields.length}`, `Response to: ${s.scenario}`, s.response, null, 2);
      scenarioFields.push({ scenario: s.scenario, value: f.value });
      scenarioList.append(h('li', {}, f.el));
    };
    a.scenarios.forEach(addScenario);
    const addButton = h('button', { type: 'button', class: 'secondary small', text: 'Add a scenario' });
    addButton.addEventListener('click', async () => {
      const v = await ask({ title: 'Add a scenario', fields: [{ name: 'scenario', label: 'What could go wrong', required: true }], confirm: 'Add' });
      if (v?.scenario) addScenario({ scenario: v.scenario, response: '' });
    });
    const facilitator = pick('rd-facilitator', 'Facilitator', a.facilitator);
    const coFacilitator = pick('rd-cofacilitator', 'Co-facilitator', a.coFacilitator);
    const cover = text('rd-cover', 'Safeguarding cover', a.safeguardingCover, 'Who is on call while the group runs.');
    const supervision = text('rd-supervision', 'How the facilitators are supervised', a.supervision);
    const absence = text('rd-absence', 'Holiday and absence plan', a.absencePlan, 'What happens when the group cannot run, or a facilitator is away.');
    const rules = text('rd-rules', 'House rules', a.houseRules, 'One rule a line. Changing them asks every member to agree again.', 6);
    const genders = h('input', { id: 'rd-genders', type: 'text', value: (a.genders ?? []).join(', ') });
    const form = h('form', { class: 'readiness-form', noValidate: true },
      h('h3', { text: 'Risk assessment' }),
      h('p', { class: 'hint', text: 'The worst cases, and the planned response to each.' }),
      scenarioList, addButton,
      h('h3', { text: 'Who runs it' }), facilitator.el, coFacilitator.el, cover.el, supervision.el,
      h('h3', { text: 'When it cannot run' }), absence.el,
      h('h3', { text: 'House rules' }), rules.el,
      h('div', { class: 'field' }, h('label', { htmlFor: genders.id, text: 'Open to (genders, comma separated; empty: open to all)' }), genders),
      h('div', { class: 'actions' }, h('button', { type: 'submit', text: 'Save readiness' })));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const body = {
        version: loaded?.version,
        scenarios: scenarioFields.map((s) => ({ scenario: s.scenario, response: s.value() })),
        facilitator: facilitator.value(),
        coFacilitator: coFacilitator.value(),
        safeguardingCover: cover.value(),
        supervision: supervision.value(),
        absencePlan: absence.value(),
        houseRules: rules.value(),
        genders: genders.value.split(',').map((g) => g.trim()).filter(Boolean),
      };
      await saveReadiness(body);
    });

    const isLead = ['safeguarding', 'admin'].includes(ctx.me()?.role);
    let signOff = null;
    if (isLead) {
      const review = h('input', { id: 'rd-review', type: 'date', required: true, value: isoDate(addMonths(new Date(), 3)) });
      signOff = h('form', { class: 'signoff', noValidate: true },
        h('h3', { text: 'Sign off' }),
        h('p', { class: 'hint', text: 'As the group\u2019s safeguarding lead, you confirm the assessment above is complete and sound.' }),
        h('div', { class: 'field' }, h('label', { htmlFor: review.id, text: 'Review by' }), review),
        h('button', { type: 'submit', text: 'Sign off' }));
      signOff.addEventListener('submit', async (e) => {
        e.preventDefault();
        if (!review.value) { say(readiness.feedback, 'Please choose a review date.', 'error'); return; }
        try {
          const r2 = await api(path('/readiness/sign-off'), { method: 'POST', body: { reviewBy: review.value, version: loaded?.version } });
          loaded = r2;
          renderReadiness(r2, staff);
          say(readiness.feedback, r2.ready ? 'Signed off. The group can open to young people at its opening times.' : 'Signed off.', 'ok');
        } catch (error) { say(readiness.feedback, messageOf(error), 'error'); }
      });
    }
    replace(readiness.body, status, missing, notices, signOff, form);
  }

  async function saveReadiness(body) {
    try {
      const r = await api(path('/readiness'), { method: 'PUT', body });
      loaded = r;
      say(readiness.feedback, r.ready ? 'Saved. The group is ready.' : 'Saved.', 'ok');
      loadReadiness().then(() => say(readiness.feedback, r.ready ? 'Saved. The group is ready.' : 'Saved.', 'ok'));
    } catch (error) {
      if (error instanceof ApiError && error.status === 409 && /confirmVoid/.test(error.message)) {
        const sure = await confirmAction('Close the group to young people now?',
          `${error.message.split('Save it after')[0].trim()} Save it after the session instead, or close it now.`, 'Save and close to young people', true);
        if (sure) await saveReadiness({ ...body, confirmVoid: true });
        return;
      }
      say(readiness.feedback, messageOf(error), 'error');
    }
  }

  // ---- Waiting list ---------------------------------------------------------------------------

  async function loadWaitlist() {
    try {
      const list = await api(path('/waitlist'));
      replace(waitlist.body, list.length
        ? h('ol', { class: 'queue' }, list.map((w) => h('li', {},
          h('p', {}, h('strong', { text: w.displayName }), ` · ${w.age} · waiting since ${formatShort(w.waitingSince)}${w.redeemed ? '' : ' · code not used yet'}`),
          h('div', { class: 'actions' },
            h('button', { type: 'button', class: 'secondary small', on: { click: () => move(w, list.length) } }, 'Move', h('span', { class: 'visually-hidden', text: ` ${w.displayName}` }))))))
        : h('p', { class: 'empty', text: 'Nobody is waiting.' }));
    } catch (error) { replace(waitlist.body, h('p', { class: 'empty', text: messageOf(error) })); }
  }

  async function move(w, count) {
    const v = await ask({
      title: `Move ${w.displayName} on the waiting list`,
      fields: [
        { name: 'position', label: 'New position', type: 'number', min: 1, max: count, value: w.position, required: true },
        { name: 'reason', label: 'Reason (for the record)', required: true },
      ],
      confirm: 'Move',
    });
    if (!v) return;
    try {
      await api(path('/waitlist/reorder'), { method: 'POST', body: { memberId: w.memberId, position: Number(v.position), reason: v.reason } });
      say(waitlist.feedback, `${w.displayName} is now number ${v.position}.`, 'ok');
      loadWaitlist();
    } catch (error) { say(waitlist.feedback, messageOf(error), 'error'); }
  }

  // ---- Young people ---------------------------------------------------------------------------

  async function loadMembers() {
    try {
      const list = await api(path('/members'));
      const order = { active: 0, waitlisted: 1, exited: 2 };
      list.sort((a, b) => (order[a.status] ?? 3) - (order[b.status] ?? 3) || a.displayName.localeCompare(b.displayName));
      replace(members.body, list.length ? h('ul', { class: 'queue' }, list.map(memberItem)) : h('p', { class: 'empty', text: 'No young people yet.' }));
    } catch (error) { replace(members.body, h('p', { class: 'empty', text: messageOf(error) })); }
  }

  function memberItem(m) {
    const detail = h('div', { class: 'member-detail' });
    const button = (label, fn) => h('button', { type: 'button', class: 'secondary small', on: { click: () => fn(m, detail) } }, label, h('span', { class: 'visually-hidden', text: ` of ${m.displayName}` }));
    return h('li', {},
      h('p', {}, h('strong', { text: m.displayName }), ` · ${statusWord(m.status)}`),
      h('div', { class: 'actions' },
        button('Progress', showProgress),
        button('Risk timeline', showTimeline),
        m.status !== 'exited' ? h('button', { type: 'button', class: 'secondary small', on: { click: () => recordExit(m) } }, 'Record exit', h('span', { class: 'visually-hidden', text: ` for ${m.displayName}` })) : null),
      detail);
  }

  async function showProgress(m, detail) {
    try {
      const p = await api(path(`/members/${encodeURIComponent(m.memberId)}/progress`));
      replace(detail, h('h3', { text: `Progress of ${m.displayName}` }), renderProgress(p));
    } catch (error) { replace(detail, h('p', { class: 'empty', text: messageOf(error) })); }
  }

  async function showTimeline(m, detail) {
    try {
      const t = await api(path(`/members/${encodeURIComponent(m.memberId)}/timeline`));
      replace(detail, h('h3', { text: `Risk timeline of ${m.displayName}` }),
        t.entries?.length
          ? h('ol', { class: 'history', attrs: { 'aria-label': `Risk timeline of ${m.displayName}` } }, t.entries.map((e) => h('li', {},
            h('span', { class: 'muted', text: `${formatShort(e.at)} · ` }),
            h('strong', { text: timelineKind(e) }),
            e.severity && e.severity !== 'none' ? ` · ${e.severity}` : '',
            e.categories?.length ? ` · ${e.categories.join(', ')}` : '',
            e.reason ? h('span', { text: ` · ${e.reason}` }) : null,
            e.text ? h('p', { class: 'msg-text', text: e.text }) : null)))
          : h('p', { class: 'empty', text: 'Nothing on the timeline: no held, removed or flagged messages, concerns, mutes or removals.' }));
    } catch (error) { replace(detail, h('p', { class: 'empty', text: messageOf(error) })); }
  }

  async function recordExit(m) {
    const v = await ask({
      title: `Record ${m.displayName}'s exit`,
      intro: 'Their place ends now, kindly: they see a goodbye with support contacts, and keep their own progress. Follow-ups are planned for the weeks after.',
      fields: [
        { name: 'plan', label: 'Plan', type: 'select', options: PLANS, value: 'movingOn' },
        { name: 'note', label: 'Note for staff (optional)', type: 'textarea' },
      ],
      confirm: 'Record exit',
    });
    if (!v) return;
    try {
      const x = await api(path(`/members/${encodeURIComponent(m.memberId)}/exit`), { method: 'POST', body: { plan: v.plan, note: v.note || null } });
      say(members.feedback, `${m.displayName}'s exit is recorded (${PLAN_LABEL[v.plan].toLowerCase()}).${x.followUps?.length ? ` ${x.followUps.length} follow-ups are planned.` : ''}`, 'ok');
      loadMembers();
    } catch (error) { say(members.feedback, messageOf(error), 'error'); }
  }

  // ---- Follow-ups -----------------------------------------------------------------------------

  async function loadFollowUps() {
    try {
      const [due, pending] = await Promise.all([api(path('/followups?status=due')), api(path('/followups?status=pending'))]);
      replace(followups.body,
        h('h3', { text: 'Due now' }),
        due.length ? h('ul', { class: 'queue', attrs: { 'aria-label': 'Follow-ups due' } }, due.map((f) => h('li', {},
          h('p', {}, h('strong', { text: f.displayName }), ` · week ${f.week} after leaving (${PLAN_LABEL[f.plan]?.toLowerCase() ?? f.plan}) · due ${formatShort(f.dueAt)}`),
          h('div', { class: 'actions' }, h('button', { type: 'button', class: 'small', on: { click: () => done(f) } }, 'Mark done', h('span', { class: 'visually-hidden', text: ` for ${f.displayName}` }))))))
          : h('p', { class: 'empty', text: 'No follow-ups due.' }),
        h('h3', { text: 'Coming up' }),
        pending.length ? h('ul', { class: 'sessions' }, pending.slice(0, 20).map((f) => h('li', {}, h('span', { text: f.displayName }), h('span', { class: 'muted', text: `week ${f.week} · ${formatShort(f.dueAt)}` }))))
          : h('p', { class: 'empty', text: 'None planned.' }));
    } catch (error) { replace(followups.body, h('p', { class: 'empty', text: messageOf(error) })); }
  }

  async function done(f) {
    const v = await ask({ title: `Follow-up with ${f.displayName} done`, fields: [{ name: 'note', label: 'How it went (optional)', type: 'textarea' }], confirm: 'Mark done' });
    if (!v) return;
    try {
      await api(`/api/followups/${encodeURIComponent(f.followUpId)}/done`, { method: 'POST', body: { note: v.note || null } });
      say(followups.feedback, `Follow-up with ${f.displayName} marked done.`, 'ok');
      loadFollowUps();
    } catch (error) { say(followups.feedback, messageOf(error), 'error'); }
  }

  // ---- Handover -------------------------------------------------------------------------------

  async function loadHandovers() {
    const noteInput = h('textarea', { id: 'handover-note', rows: 2, maxLength: 2000 });
    const form = h('form', { class: 'reply-form', autocomplete: 'off' },
      h('label', { htmlFor: noteInput.id, text: 'Handover note for the next shift' }), noteInput,
      h('button', { type: 'submit', class: 'small', text: 'Add note' }));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const text = noteInput.value.trim();
      if (!text) return;
      try {
        await api(path('/handover-notes'), { method: 'POST', body: { text } });
        say(handovers.feedback, 'Note added.', 'ok');
        loadHandovers();
      } catch (error) { say(handovers.feedback, messageOf(error), 'error'); }
    });
    try {
      const list = await api(path('/handovers?take=10'));
      replace(handovers.body, form, list.length
        ? h('ul', { class: 'queue handovers' }, list.map(handoverItem))
        : h('p', { class: 'empty', text: 'No sessions reported yet. A report is made when a session closes.' }));
    } catch (error) { replace(handovers.body, form, h('p', { class: 'empty', text: messageOf(error) })); }
  }

  function handoverItem(x) {
    const r = x.report;
    const facts = r ? [
      `${r.attended.length} young ${r.attended.length === 1 ? 'person' : 'people'} came${r.attended.length ? ` (${r.attended.map((a) => a.displayName).join(', ')})` : ''}`,
      `${r.messages.total} messages from young people, ${r.staffMessages} from staff`,
      r.held.length ? `${r.held.length} held for review` : null,
      r.removed.length ? `${r.removed.length} removed` : null,
      r.blocked.length ? `${r.blocked.length} blocked` : null,
      r.concerns.length ? `${r.concerns.length} concerns raised` : null,
      r.escalated.length ? `${r.escalated.length} escalated by moderators` : null,
      r.mutedOrRemoved.length ? `${r.mutedOrRemoved.length} mutes or removals (${r.mutedOrRemoved.map((m) => `${m.displayName}: ${m.reason}`).join('; ')})` : null,
      r.moderatorRequests ? `${r.moderatorRequests} requests for a moderator` : null,
    ].filter(Boolean) : [];
    return h('li', {},
      h('p', { class: 'meta', text: `Session ${formatShort(x.sessionStartsAt)}${x.sessionEndsAt ? `–${formatShort(x.sessionEndsAt)}` : ''}${r ? '' : ' · no report yet'}` }),
      facts.length ? h('ul', { class: 'facts' }, facts.map((f) => h('li', { text: f }))) : null,
      x.notes?.length ? h('ul', { class: 'thread' }, x.notes.map((n) => h('li', {}, h('strong', { text: `${n.authorName}: ` }), h('span', { text: n.text })))) : null);
  }

  // ---- Following the chosen group -------------------------------------------------------------

  const refresh = () => {
    heading.textContent = ctx.group()?.name ?? 'Group';
    loaded = null;
    for (const [details, load] of loaders) if (details.open && ctx.groupId()) load();
  };
  document.addEventListener('onlinegroup:groupchanged', refresh, { signal: ctx.signal });
  document.addEventListener('onlinegroup:journeychanged', () => {
    for (const [details, load] of loaders) if (details.open && details !== readiness.details && ctx.groupId()) load();
  }, { signal: ctx.signal });
  refresh();
}

function statusWord(status) {
  return { active: 'in the group', waitlisted: 'waiting for a place', exited: 'has left', removed: 'removed' }[status] ?? status;
}

function timelineKind(e) {
  if (e.kind === 'message') return `Message ${e.status ?? ''}`.trim();
  if (e.kind === 'concern') return `Concern${e.source ? ` (${e.source})` : ''}${e.status ? ` · ${e.status}` : ''}`;
  if (e.kind === 'mute') return 'Muted';
  if (e.kind === 'removal') return 'Removed from a session';
  return e.kind;
}

function addMonths(d, n) { const x = new Date(d); x.setMonth(x.getMonth() + n); return x; }
function isoDate(d) { return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; }
