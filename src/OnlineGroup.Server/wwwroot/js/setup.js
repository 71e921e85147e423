// Set-up screens on /moderate: create a group, weekly opening times, one-off sessions (and "open
// now"), closures, adding young people (with the invitation code to hand over), staff duties.

import { api, messageOf } from './api.js';
import { $, h, show, replace, say, formatShort, formatClock, viewerTimeZone } from './ui.js';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * @param {{me: () => any, group: () => any, groupCreated: (group:any) => Promise<void>}} ctx
 */
export function mountSetup(ctx) {
  const groupId = () => {
    const g = ctx.group();
    return g ? String(g.id ?? g.groupId) : null;
  };
  const needGroup = (feedbackId) => {
    const id = groupId();
    if (!id) say(feedbackId, 'Choose a group at the top first (or create one).', 'error');
    return id;
  };
  const path = (suffix) => `/api/groups/${encodeURIComponent(groupId())}${suffix}`;
  const busy = async (form, fn) => {
    const button = form.querySelector('button[type="submit"]');
    if (button) button.disabled = true;
    try { await fn(); } finally { if (button) button.disabled = false; }
  };

  // ---- Create a group ----
  const zoneSelect = $('cg-zone');
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [viewerTimeZone()];
  if (!zones.includes(viewerTimeZone())) zones.unshift(viewerTimeZone());
  replace(zoneSelect, zones.map((z) => h('option', { value: z, text: z.replace(/_/g, ' ') })));
  zoneSelect.value = viewerTimeZone();

  $('create-group-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const f = e.currentTarget;
    if (!f.checkValidity()) { f.reportValidity(); return; }
    // f.elements.namedItem: `f.name` would be the form's own name attribute, not the field.
    const field = (n) => f.elements.namedItem(n);
    const body = {
      name: field('name').value.trim(),
      timeZone: field('timeZone').value,
      capacity: Number(field('capacity').value),
      minAge: Number(field('minAge').value),
      maxAge: Number(field('maxAge').value),
      allowSupporters: field('allowSupporters').checked,
      requireModerator: field('requireModerator').checked,
      minModerators: Number(field('minModerators').value),
      premoderate: field('premoderate').checked,
      closedMessage: field('closedMessage').value.trim(),
    };
    if (body.minAge > body.maxAge) { say('cg-feedback', 'The minimum age must not be above the maximum age.', 'error'); return; }
    busy(f, async () => {
      try {
        const group = await api('/api/groups', { method: 'POST', body });
        say('cg-feedback', `Created \u201C${body.name}\u201D. It is now chosen at the top: add its opening times and members next.`, 'ok');
        f.reset();
        zoneSelect.value = viewerTimeZone();
        await ctx.groupCreated(group);
      } catch (error) { say('cg-feedback', messageOf(error), 'error'); }
    });
  });

  // ---- Weekly schedule ----
  const rows = $('schedule-rows');
  let rowCount = 0;
  const addRow = (slot = { day: 'Tuesday', start: '18:00', end: '19:30' }) => {
    const n = ++rowCount;
    const day = h('select', { id: `sch-day-${n}` }, DAYS.map((d) => h('option', { value: d, text: d })));
    day.value = normaliseDay(slot.day);
    const start = h('input', { id: `sch-start-${n}`, type: 'time', value: String(slot.start ?? '').slice(0, 5), required: true });
    const end = h('input', { id: `sch-end-${n}`, type: 'time', value: String(slot.end ?? '').slice(0, 5), required: true });
    const li = h('li', { class: 'schedule-row' },
      h('div', { class: 'field' }, h('label', { htmlFor: day.id, text: 'Day' }), day),
      h('div', { class: 'field' }, h('label', { htmlFor: start.id, text: 'Opens' }), start),
      h('div', { class: 'field' }, h('label', { htmlFor: end.id, text: 'Closes' }), end),
      h('button', { type: 'button', class: 'secondary small', on: { click: () => li.remove() } }, 'Remove', h('span', { class: 'visually-hidden', text: ' this opening time' })));
    rows.append(li);
    return li;
  };
  $('schedule-add').addEventListener('click', () => addRow().querySelector('select').focus());
  $('schedule-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (!needGroup('schedule-feedback')) return;
    const weekly = [...rows.querySelectorAll('.schedule-row')].map((li) => {
      const [day, start, end] = li.querySelectorAll('select, input');
      return { day: day.value, start: start.value, end: end.value };
    });
    const bad = weekly.find((w) => !w.start || !w.end || w.end <= w.start);
    if (bad) { say('schedule-feedback', `Check ${bad.day}: the closing time must be after the opening time.`, 'error'); return; }
    busy(e.currentTarget, async () => {
      try {
        await api(path('/schedule'), { method: 'PUT', body: { weekly } });
        say('schedule-feedback', weekly.length ? 'Opening times saved.' : 'Opening times cleared: the group has no weekly sessions.', 'ok');
        loadSessions();
      } catch (error) { say('schedule-feedback', messageOf(error), 'error'); }
    });
  });

  // ---- Sessions ----
  const zoneHint = `In your time zone (${viewerTimeZone().replace(/_/g, ' ')}).`;
  $('oneoff-hint').textContent = zoneHint;
  $('closure-hint').textContent = `Holidays or a facilitator away: sessions in this time do not open. ${zoneHint}`;

  async function loadSessions() {
    const list = $('sessions');
    if (!groupId()) { replace(list, h('li', { class: 'empty', text: 'Choose a group first.' })); return; }
    const from = new Date();
    const to = new Date(from.getTime() + 14 * 86_400_000);
    try {
      const sessions = await api(path(`/sessions?from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`));
      const items = Array.isArray(sessions) ? sessions : sessions?.sessions ?? [];
      replace(list, items.length ? items.map((s) => h('li', { class: s.cancelled ? 'cancelled' : '' },
        h('span', { text: `${formatShort(s.startsAt)}–${formatClock(s.endsAt)}` }),
        h('span', { class: 'muted', text: s.kind === 'oneOff' ? 'one-off' : 'weekly' }),
        s.cancelled ? h('span', { text: `closed${s.reason ? `: ${s.reason}` : ''}` }) : null)) : h('li', { class: 'empty', text: 'No sessions in the next two weeks.' }));
    } catch (error) {
      replace(list, h('li', { class: 'empty', text: messageOf(error) }));
    }
  }

  $('open-now-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (!needGroup('sessions-feedback')) return;
    const minutes = Number($('open-now-minutes').value);
    const startsAt = new Date();
    const endsAt = new Date(startsAt.getTime() + minutes * 60_000);
    busy(e.currentTarget, async () => {
      try {
        await api(path('/sessions'), { method: 'POST', body: { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() } });
        say('sessions-feedback', `A session is open now until ${formatClock(endsAt)}. It admits young people while a moderator is present.`, 'ok');
        loadSessions();
      } catch (error) { say('sessions-feedback', messageOf(error), 'error'); }
    });
  });

  $('oneoff-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (!needGroup('sessions-feedback')) return;
    const start = localToIso($('oneoff-start').value);
    const end = localToIso($('oneoff-end').value);
    if (!start || !end) { say('sessions-feedback', 'Please choose when the session starts and ends.', 'error'); return; }
    if (end <= start) { say('sessions-feedback', 'The session must end after it starts.', 'error'); return; }
    busy(e.currentTarget, async () => {
      try {
        await api(path('/sessions'), { method: 'POST', body: { startsAt: start, endsAt: end } });
        say('sessions-feedback', `Session added: ${formatShort(start)}–${formatClock(end)}.`, 'ok');
        e.target.reset();
        loadSessions();
      } catch (error) { say('sessions-feedback', messageOf(error), 'error'); }
    });
  });

  // ---- Closures ----
  $('closure-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (!needGroup('closure-feedback')) return;
    const from = localToIso($('closure-from').value);
    const to = localToIso($('closure-to').value);
    const reason = $('closure-reason').value.trim();
    if (!from || !to || !reason) { say('closure-feedback', 'Please fill in when the closure starts and ends, and the reason.', 'error'); return; }
    if (to <= from) { say('closure-feedback', 'The closure must end after it starts.', 'error'); return; }
    busy(e.currentTarget, async () => {
      try {
        await api(path('/closures'), { method: 'POST', body: { from, to, reason } });
        say('closure-feedback', `Closed from ${formatShort(from)} to ${formatShort(to)}.`, 'ok');
        e.target.reset();
        loadSessions();
      } catch (error) { say('closure-feedback', messageOf(error), 'error'); }
    });
  });

  // ---- Members ----
  $('member-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (!needGroup('member-feedback')) return;
    const displayName = $('member-name').value.trim();
    const age = Number($('member-age').value);
    const kind = $('member-kind').value;
    if (!displayName || !age) { say('member-feedback', 'Please give a display name and an age.', 'error'); return; }
    busy(e.currentTarget, async () => {
      try {
        const answer = await api(path('/members'), { method: 'POST', body: { displayName, age, kind } });
        say('member-feedback', '', 'info');
        showInvite(displayName, answer);
        e.target.reset();
      } catch (error) {
        show('invite-result', false);
        say('member-feedback', messageOf(error), 'error');
      }
    });
  });

  function showInvite(name, answer) {
    const box = $('invite-result');
    const copy = h('button', { type: 'button', class: 'secondary small', text: 'Copy code' });
    copy.addEventListener('click', async () => {
      try { await navigator.clipboard.writeText(answer.inviteCode); copy.textContent = 'Copied'; } catch { copy.textContent = 'Select the code to copy it'; }
    });
    replace(box,
      h('p', {}, 'Invitation code for ', h('strong', { text: name })),
      h('p', { class: 'code', text: answer.inviteCode ?? '—' }),
      h('div', { class: 'actions' }, copy),
      answer.status === 'waitlisted'
        ? h('p', { class: 'feedback', dataset: { kind: 'gentle' }, text: `The group is full: ${name} is on the waiting list${answer.waitlistPosition ? ` (position ${answer.waitlistPosition})` : ''}. They can still redeem the code now.` })
        : null,
      h('p', { class: 'small', text: `Hand it over in person or by a safe route. It works once. ${name} opens ${location.origin}/, chooses \u201CI have an invitation code\u201D, reads the aims and house rules and agrees to them.` }));
    show(box, true);
    box.scrollIntoView({ block: 'nearest' });
  }

  // ---- Staff duties (admins) ----
  const isAdmin = ctx.me()?.role === 'admin';
  for (const f of ['duty-form', 'staff-form']) for (const el of $(f).elements) el.disabled = !isAdmin;
  if (!isAdmin) $('staff-card').append(h('p', { class: 'hint', text: 'Only admins can assign staff and create accounts.' }));
  if (isAdmin) {
    api('/api/staff').then((list) => {
      const staff = (Array.isArray(list) ? list : list?.staff ?? []).filter((s) => !s.disabled);
      replace($('staff-list'), staff.map((s) => h('option', { value: s.userId ?? s.id, text: `${s.displayName ?? s.username} (${s.role})` })));
    }).catch(() => {});
  }
  $('duty-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (!needGroup('duty-feedback')) return;
    const userId = $('duty-user').value.trim();
    const duty = $('duty-kind').value;
    if (!userId) { say('duty-feedback', 'Enter the staff member\u2019s user id.', 'error'); return; }
    busy(e.currentTarget, async () => {
      try {
        await api(path('/staff'), { method: 'POST', body: { userId, duty } });
        say('duty-feedback', `Assigned as ${$('duty-kind').selectedOptions[0].textContent.toLowerCase()} for ${ctx.group()?.name ?? 'this group'}.`, 'ok');
      } catch (error) { say('duty-feedback', messageOf(error), 'error'); }
    });
  });
  $('staff-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const body = {
      displayName: $('staff-display').value.trim(),
      username: $('staff-username').value.trim(),
      password: $('staff-password').value,
      role: $('staff-role').value,
    };
    if (!body.displayName || !body.username || body.password.length < 8) { say('staff-feedback', 'Fill in every field; the pass phrase needs at least 8 characters.', 'error'); return; }
    busy(e.currentTarget, async () => {
      try {
        const answer = await api('/api/staff', { method: 'POST', body });
        say('staff-feedback', `Created ${body.displayName} (user id ${answer?.userId}). Give them their sign-in name and pass phrase separately.`, 'ok');
        $('duty-user').value = answer?.userId ?? '';
        e.target.reset();
      } catch (error) { say('staff-feedback', messageOf(error), 'error'); }
    });
  });

  // ---- Following the chosen group ----
  const refresh = () => {
    const g = ctx.group();
    $('setup-group-name').textContent = g?.name ?? '—';
    $('schedule-zone-hint').textContent = g?.timeZone
      ? `Times are in the group's own time zone (${String(g.timeZone).replace(/_/g, ' ')}).`
      : 'Times are in the group\u2019s own time zone.';
    showWeekly(g?.schedule?.weekly ?? g?.weekly ?? []);
    show('invite-result', false);
    loadSessions();
    loadWeekly();
  };
  function showWeekly(weekly) {
    rows.replaceChildren();
    for (const slot of weekly) addRow(slot);
    if (!weekly.length) addRow();
  }
  // The opening times live at GET /api/groups/{id}/schedule ({timeZone, weekly}), not on the group.
  async function loadWeekly() {
    const id = groupId();
    if (!id) return;
    try {
      const schedule = await api(path('/schedule'));
      if (groupId() === id && Array.isArray(schedule?.weekly)) showWeekly(schedule.weekly);
    } catch { /* the editor starts with one empty row */ }
  }
  document.addEventListener('onlinegroup:groupchanged', refresh);
  refresh();
}

function normaliseDay(day) {
  if (typeof day === 'number') return DAYS[(day + 6) % 7]; // .NET DayOfWeek: 0 = Sunday
  const d = String(day ?? '');
  return DAYS.find((x) => x.toLowerCase() === d.toLowerCase()) ?? 'Tuesday';
}

/** A datetime-local value (the viewer's local time) as an ISO-8601 instant. */
function localToIso(value) {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
