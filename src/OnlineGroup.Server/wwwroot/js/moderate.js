// The moderators' page (/moderate): the live room, its queues, and the set-up screens.

import { api, getSession, login, clearSession, messageOf, ApiError } from './api.js';
import { ChatHub, Timeline } from './hub.js';
import {
  $, h, show, replace, say, announce, ask, confirmAction, connectionBadge,
  formatClock, formatShort, formatIn, toDate,
} from './ui.js';
import { severityBadge, categoriesText, statusLabel, isUrgent, isResolved, compareConcerns } from './concerns.js';
import { mountSetup } from './setup.js';
import { mountGroupView } from './group.js';
import { mountCareView } from './care.js';

const STAFF_ROLES = new Set(['moderator', 'admin', 'safeguarding']);
const GROUP_KEY = 'onlinegroup.moderate.group';

const state = {
  session: getSession(),
  me: null,
  groups: [],
  groupId: null,
  group: null,
  hub: null,
  timeline: null,
  sessionStart: null,
  room: { state: 'closed', slowModeSeconds: 0, closesAt: null },
  members: new Map(), // memberId → {memberId, userId, displayName, kind, status, present, mutedUntil}
  presenceKnown: false, // true once the server has told us who is present (JoinGroup `present`, MemberJoined/MemberLeft)
  held: new Map(),
  requests: new Map(), // memberId → {memberId, name, entries:[{fromStaff, authorName, text, at}], unread}
  concerns: new Map(),
  echoes: new Map(), // "kind|memberId|text" → count of our own sends awaiting their echo
  tick: 0,
  setupMounted: false,
  groupMounted: false,
  careMounted: false,
  views: new AbortController(), // ends the group and care views' listeners on sign-out
};

// ---- Views ------------------------------------------------------------------------------------

const VIEWS = ['view-signin', 'view-nogroup', 'view-room', 'view-group', 'view-care', 'view-setup'];

function showView(id) {
  for (const v of VIEWS) show(v, v === id);
  for (const b of document.querySelectorAll('#tabs button')) {
    if (b.dataset.tab === id) b.setAttribute('aria-current', 'page'); else b.removeAttribute('aria-current');
  }
  if (id === 'view-setup') ensureSetup();
  if (id === 'view-group' && !state.groupMounted) {
    state.groupMounted = true;
    mountGroupView($('view-group'), { me: () => state.me, groupId: () => state.groupId, group: () => state.group, signal: state.views.signal });
  }
  if (id === 'view-care' && !state.careMounted) {
    state.careMounted = true;
    mountCareView($('view-care'), { me: () => state.me, groupId: () => state.groupId, group: () => state.group, signal: state.views.signal });
  }
}

function showSignIn(notice) {
  for (const id of ['tabs', 'group-picker', 'conn', 'sign-out']) show(id, false);
  $('whoami').textContent = '';
  showView('view-signin');
  if (notice) say('signin-feedback', notice, 'gentle');
  $('signin-username').focus();
}

$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.currentTarget;
  const username = form.username.value.trim();
  const password = form.password.value;
  if (!username || !password) { say('signin-feedback', 'Please enter your username and password.', 'error'); return; }
  const button = form.querySelector('button[type="submit"]');
  button.disabled = true;
  try {
    state.session = await login(username, password);
    form.password.value = '';
    say('signin-feedback', '', 'info');
    await start();
  } catch (error) {
    say('signin-feedback', error instanceof ApiError && error.status === 401 ? 'That username and password do not match.' : messageOf(error), 'error');
  } finally {
    button.disabled = false;
  }
});

// ---- Start ------------------------------------------------------------------------------------

async function start() {
  try {
    state.me = await api('/api/me');
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) showSignIn(messageOf(error));
    return;
  }
  if (!STAFF_ROLES.has(state.me.role)) {
    showSignIn('This page is for staff. Young people: please use the main page.');
    clearSession();
    return;
  }
  $('whoami').textContent = `${state.me.displayName} · ${roleName(state.me.role)}`;
  for (const id of ['tabs', 'conn', 'sign-out']) show(id, true);
  await loadGroups();
  connectHub();
  const remembered = sessionStorage.getItem(GROUP_KEY);
  const first = state.groups.find((g) => g.id === remembered) ?? state.groups[0];
  if (first) await selectGroup(first.id);
  else showView('view-nogroup');
}

function roleName(role) {
  return { admin: 'Admin', moderator: 'Moderator', safeguarding: 'Safeguarding', participant: 'Young person' }[role] ?? role;
}

async function loadGroups() {
  let groups;
  try {
    groups = await api('/api/groups');
  } catch {
    groups = state.me?.groups ?? [];
  }
  state.groups = (Array.isArray(groups) ? groups : groups?.groups ?? [])
    .map((g) => ({ ...g, id: String(g.id ?? g.groupId), name: g.name ?? 'Group' }));
  const select = $('group-select');
  replace(select, state.groups.map((g) => h('option', { value: g.id, text: g.name })));
  if (state.groupId) select.value = state.groupId;
  show('group-picker', state.groups.length > 0);
}

$('group-select').addEventListener('change', (e) => selectGroup(e.target.value));
for (const b of document.querySelectorAll('#tabs button')) {
  b.addEventListener('click', () => showView(state.groupId || b.dataset.tab === 'view-setup' || b.dataset.tab === 'view-care' ? b.dataset.tab : 'view-nogroup'));
}

function connectHub() {
  if (state.hub) return;
  const hub = new ChatHub({
    onStatus: connectionBadge($('conn')),
    onSignedOut: () => signedOut('Your sign-in has ended. Please sign in again.'),
    onConnected: (again) => { if (again) loadConcerns(); },
  });
  const mine = (e) => state.groupId && e && String(e.groupId) === state.groupId;
  hub.on('MessagePublished', (m) => {
    if (!mine(m)) return;
    state.held.delete(String(m.messageId));
    renderHeld();
    state.timeline.upsert(m);
    markPresent(memberKeyOf(m), m.authorName, m.authorRole);
  });
  hub.on('MessageRemoved', (e) => {
    if (!mine(e)) return;
    state.timeline.remove(e.messageId);
    if (state.held.delete(String(e.messageId))) renderHeld();
  });
  hub.on('MessageHeld', (m) => {
    if (!mine(m)) return;
    state.held.set(String(m.messageId), m);
    renderHeld();
    announce(`A message from ${m.authorName ?? 'a young person'} is held for review.`);
  });
  hub.on('GroupStateChanged', (e) => { if (mine(e)) applyRoomState(e); });
  hub.on('SessionEnding', (e) => { if (mine(e)) { state.room.closesAt = e.closesAt; renderRoomState(); announce('The session is closing soon.'); } });
  hub.on('SessionClosed', (e) => { if (mine(e)) { applyRoomState({ state: 'closed', closesAt: null }); say('room-feedback', `The session has closed.${e.nextSession ? ' Next: ' + formatShort(e.nextSession.startsAt ?? e.nextSession) : ''}`, 'info'); } });
  hub.on('ModeratorRequested', (e) => { if (mine(e)) addRequest(e.memberId, e.authorName, { fromStaff: false, authorName: e.authorName, text: e.text, at: e.sentAt ?? new Date().toISOString() }); });
  hub.on('PrivateMessage', (e) => {
    if (!mine(e)) return;
    if (takeEcho(`pm|${e.memberId}|${e.text}`)) return;
    addRequest(e.memberId, memberName(e.memberId), { fromStaff: true, authorName: e.authorName, text: e.text, at: e.sentAt });
  });
  hub.on('StaffNote', (e) => {
    if (!mine(e)) return;
    if (takeEcho(`note||${e.text}`)) return;
    addNote(e.authorName, e.text, e.sentAt);
  });
  // Journey events: say so, and let the Group view reload what it shows.
  hub.on('WaitlistPlaceOffered', (e) => {
    if (!mine(e)) return;
    announce(`${e.displayName ?? 'A young person'} from the waiting list now has a place.`);
    document.dispatchEvent(new CustomEvent('onlinegroup:journeychanged'));
  });
  hub.on('FollowUpDue', (e) => {
    if (!mine(e)) return;
    say('room-feedback', `A follow-up with ${e.displayName ?? 'a young person'} who left is due (week ${e.week}). See Group → Follow-ups.`, 'info');
    document.dispatchEvent(new CustomEvent('onlinegroup:journeychanged'));
  });
  hub.on('ConcernRaised', (c) => concernEvent(c, true));
  hub.on('ConcernUpdated', (c) => concernEvent(c, false));
  hub.on('MemberJoined', (e) => { if (mine(e)) { state.presenceKnown = true; markPresent(String(e.memberId), e.displayName ?? e.authorName, 'participant', true); } });
  hub.on('MemberLeft', (e) => { if (mine(e)) { state.presenceKnown = true; const m = state.members.get(String(e.memberId)); if (m) { m.present = false; renderMembers(); } } });
  state.hub = hub;
  hub.start();
}

// ---- Choosing a group --------------------------------------------------------------------------

async function selectGroup(groupId) {
  if (!groupId) return;
  const previous = state.groupId;
  if (previous && previous !== groupId) await state.hub?.leave(previous);
  state.groupId = String(groupId);
  sessionStorage.setItem(GROUP_KEY, state.groupId);
  $('group-select').value = state.groupId;
  resetRoom();
  const summary = state.groups.find((g) => g.id === state.groupId);
  state.group = summary ?? { id: state.groupId, name: 'Group' };
  $('room-title').textContent = state.group.name;
  document.title = `${state.group.name} — Moderate — OnlineGroup`;
  if (!document.querySelector('#tabs button[aria-current="page"]:not([data-tab="view-room"])')) showView('view-room');
  updateSetupGroup();

  const [detail, status] = await Promise.all([
    api(`/api/groups/${enc(state.groupId)}`).catch(() => null),
    api(`/api/groups/${enc(state.groupId)}/status`).catch(() => null),
  ]);
  if (detail) { state.group = { ...state.group, ...detail, id: state.groupId }; updateSetupGroup(); }
  if (status) {
    state.sessionStart = toDate(status.currentSession?.startsAt);
    applyRoomState({ state: status.state, closesAt: status.currentSession?.endsAt ?? null });
  }
  loadMembers();
  loadConcerns();
  try {
    await state.hub.start();
    await state.hub.join(state.groupId, { timeline: state.timeline, onJoined: joined });
  } catch (error) {
    say('room-feedback', `Could not join the room: ${messageOf(error)}`, 'error');
  }
}

function enc(v) { return encodeURIComponent(v); }

function resetRoom() {
  state.timeline?.clear();
  state.timeline = new Timeline($('messages'), renderMessage, { scroller: $('messages-region'), onChange: renderMembers });
  state.members.clear();
  state.held.clear();
  state.requests.clear();
  state.concerns.clear();
  state.sessionStart = null;
  state.room = { state: 'closed', slowModeSeconds: 0, closesAt: null };
  replace($('notes'));
  say('room-feedback', '', 'info');
  renderHeld(); renderRequests(); renderConcerns(); renderMembers(); renderRoomState();
}

function joined(result, again) {
  applyRoomState({ state: result.state, slowModeSeconds: result.slowModeSeconds, closesAt: result.closesAt });
  for (const m of result.held ?? []) state.held.set(String(m.messageId), m);
  if (Array.isArray(result.present)) state.presenceKnown = true;
  for (const p of result.present ?? []) markPresent(String(p.memberId), p.displayName, 'participant', true);
  renderHeld();
  if (!result.admitted && result.reason) say('room-feedback', `Not admitted: ${result.reason}`, 'error');
  if (result.admitted) catchUp(result);
  if (again) { loadConcerns(); announce('Reconnected to the room.'); }
}

/**
 * What JoinGroup does not carry for staff, asked for on every (re)join: the messages held for review
 * (GetHeldMessages) and this session's private requests and replies (GetBackchannel). Without them a
 * moderator who arrives, or reconnects, after a message was held would never see it.
 */
async function catchUp(result) {
  const groupId = state.groupId;
  if (!Array.isArray(result.held)) {
    try {
      const held = await state.hub.invoke('GetHeldMessages', groupId);
      if (groupId !== state.groupId) return;
      state.held.clear();
      for (const m of held ?? []) state.held.set(String(m.messageId), m);
      renderHeld();
    } catch (error) { console.warn('GetHeldMessages failed', error); }
  }
  try {
    const items = await state.hub.invoke('GetBackchannel', groupId);
    if (groupId !== state.groupId) return;
    state.requests.clear();
    for (const x of items ?? []) {
      const id = String(x.memberId);
      const fromStaff = x.kind === 'privateMessage';
      const thread = state.requests.get(id) ?? { memberId: id, name: memberName(id), entries: [], unread: 0 };
      if (!fromStaff && x.authorName) thread.name = x.authorName;
      thread.entries.push({ fromStaff, authorName: x.authorName, text: x.text, at: x.sentAt });
      // A thread waits for a reply while its last word is the young person's.
      thread.unread = fromStaff ? 0 : thread.unread + 1;
      state.requests.set(id, thread);
    }
    renderRequests();
  } catch (error) { console.warn('GetBackchannel failed', error); }
}

async function loadMembers() {
  try {
    const list = await api(`/api/groups/${enc(state.groupId)}/members`);
    for (const m of Array.isArray(list) ? list : list?.members ?? []) {
      const id = String(m.memberId ?? m.id);
      const existing = state.members.get(id);
      if (typeof m.present === 'boolean') state.presenceKnown = true;
      state.members.set(id, { ...existing, ...m, memberId: id, displayName: m.displayName ?? existing?.displayName, present: existing?.present || m.present === true });
    }
    renderMembers();
  } catch { /* optional endpoint: members are also learned from messages and events */ }
}

// ---- Room state and controls --------------------------------------------------------------------

function applyRoomState({ state: roomState, slowModeSeconds, closesAt }) {
  if (roomState) state.room.state = roomState;
  if (typeof slowModeSeconds === 'number') state.room.slowModeSeconds = slowModeSeconds;
  if (closesAt !== undefined) state.room.closesAt = closesAt;
  renderRoomState();
}

const STATE_LABELS = { open: '● Open', paused: '⏸ Paused', awaitingModerator: '⏳ Waiting for a moderator', closed: '○ Closed' };

function renderRoomState() {
  const pill = $('state-pill');
  pill.dataset.state = state.room.state;
  pill.textContent = STATE_LABELS[state.room.state] ?? state.room.state;
  show('pause-button', state.room.state !== 'paused');
  show('resume-button', state.room.state === 'paused');
  const slow = $('slow-mode');
  const value = String(state.room.slowModeSeconds ?? 0);
  if (![...slow.options].some((o) => o.value === value)) slow.append(h('option', { value, text: `${value} seconds` }));
  slow.value = value;
  const closes = toDate(state.room.closesAt);
  $('closes-at').textContent = closes && state.room.state !== 'closed' ? `Closes ${formatClock(closes)} (${formatIn(closes - Date.now())})` : '';
}

async function control(method, args, done) {
  try {
    await state.hub.invoke(method, state.groupId, ...args);
    if (done) say('room-feedback', done, 'ok');
  } catch (error) {
    say('room-feedback', messageOf(error), 'error');
    throw error;
  }
}

$('pause-button').addEventListener('click', async () => {
  const v = await ask({
    title: 'Pause the chat',
    intro: 'Young people will see a calm note that the chat is paused. Nobody can send until you resume.',
    fields: [{ name: 'reason', label: 'Reason (for the record)', value: 'A short pause' }],
    confirm: 'Pause chat',
  });
  if (v) control('PauseGroup', [v.reason || 'Paused by a moderator'], 'The chat is paused.').catch(() => {});
});
$('resume-button').addEventListener('click', () => control('ResumeGroup', [], 'The chat has resumed.').catch(() => {}));
$('slow-mode').addEventListener('change', async (e) => {
  const seconds = Number(e.target.value);
  try {
    await control('SetSlowMode', [seconds], seconds ? `Slow mode: one message every ${seconds} seconds.` : 'Slow mode is off.');
    state.room.slowModeSeconds = seconds;
  } catch {
    renderRoomState();
  }
});
$('extend-button').addEventListener('click', async () => {
  const v = await ask({
    title: 'Extend the session',
    fields: [{ name: 'minutes', label: 'Add', type: 'select', value: '15', options: [['10', '10 minutes'], ['15', '15 minutes'], ['30', '30 minutes'], ['60', '1 hour']] }],
    confirm: 'Extend',
  });
  if (v) control('ExtendSession', [Number(v.minutes)], `Extended by ${v.minutes} minutes.`).catch(() => {});
});
$('end-button').addEventListener('click', async () => {
  if (await confirmAction('End the session now?', 'Young people will see that the group has finished, with the next opening time and support contacts.', 'End session', true)) {
    control('EndSession', [], 'The session has ended.').catch(() => {});
  }
});

// ---- Messages ----------------------------------------------------------------------------------

// A young person's message carries their member id as authorId (staff messages, the staff account
// id): the id that MuteMember, RemoveMember and SendPrivateMessage take.
function memberKeyOf(m) {
  return String(m.memberId ?? m.authorId);
}

function memberName(memberId) {
  return state.members.get(String(memberId))?.displayName ?? state.requests.get(String(memberId))?.name ?? 'Young person';
}

function renderMessage(m) {
  const staff = STAFF_ROLES.has(m.authorRole);
  const mine = state.session && String(m.authorId) === String(state.session.userId);
  const name = m.authorName || 'Unknown';
  const li = h('li', { class: ['msg', 'staff-view', staff && 'staff', mine && 'mine'] },
    h('div', { class: 'msg-meta' },
      h('span', { class: 'msg-author', text: name }),
      staff ? h('span', { class: 'badge staff', text: roleName(m.authorRole) }) : null,
      m.sentAt ? h('time', { dateTime: m.sentAt, text: formatClock(m.sentAt) }) : null,
      h('span', { class: 'muted', text: `#${m.seq}` }),
      h('span', { class: 'msg-tools' },
      h('button', { type: 'button', class: 'secondary', on: { click: () => removeMessage(m) } }, 'Remove', h('span', { class: 'visually-hidden', text: ` message from ${name}` })),
      staff ? null : h('button', { type: 'button', class: 'secondary', on: { click: () => escalateMessage(m) } }, 'Escalate', h('span', { class: 'visually-hidden', text: ` message from ${name}` })))),
    h('p', { class: 'msg-text', text: m.text ?? '' }));
  return li;
}

async function removeMessage(m) {
  const v = await ask({
    title: `Remove ${m.authorName ?? 'this'}'s message?`,
    intro: `"${truncate(m.text, 140)}" — it disappears for everyone.`,
    fields: [{ name: 'reason', label: 'Reason (for the record)', required: true }],
    confirm: 'Remove', danger: true,
  });
  if (!v) return;
  try {
    await state.hub.invoke('RemoveMessage', state.groupId, m.messageId, v.reason);
    state.timeline.remove(m.messageId);
    say('room-feedback', 'Message removed.', 'ok');
  } catch (error) { say('room-feedback', messageOf(error), 'error'); }
}

async function escalateMessage(m) {
  const v = await ask({
    title: 'Escalate to safeguarding',
    intro: `${m.authorName ?? 'Young person'}: "${truncate(m.text, 140)}"`,
    fields: [
      { name: 'severity', label: 'How serious?', type: 'select', value: 'high', options: [['low', 'Low'], ['medium', 'Medium'], ['high', 'High — acknowledge within minutes'], ['critical', 'Critical — immediate risk']] },
      { name: 'note', label: 'Note for the safeguarding lead', type: 'textarea', required: true },
    ],
    confirm: 'Escalate',
  });
  if (!v) return;
  try {
    const answer = await state.hub.invoke('EscalateMessage', state.groupId, m.messageId, v.severity, v.note);
    say('room-feedback', `Escalated to safeguarding${answer?.concernId ? ` (concern ${answer.concernId})` : ''}.`, 'ok');
  } catch (error) { say('room-feedback', messageOf(error), 'error'); }
}

function truncate(text, n) {
  const t = String(text ?? '');
  return t.length > n ? `${t.slice(0, n - 1)}…` : t;
}

$('composer').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $('message-input');
  const text = input.value.trim();
  if (!text || !state.groupId) return;
  input.value = '';
  const status = $('composer-status');
  status.textContent = 'Sending…';
  try {
    const answer = await state.hub.sendMessage(state.groupId, text, { onWaiting: () => { status.textContent = 'Waiting for the connection…'; } });
    if (answer?.status === 'published') {
      status.textContent = '';
      state.timeline.upsert({ messageId: answer.messageId, groupId: state.groupId, seq: answer.seq, authorId: state.session.userId, authorName: state.me.displayName, authorRole: state.me.role, text, sentAt: new Date().toISOString() });
    } else {
      status.textContent = answer?.status === 'held' ? 'Held for review.' : `Not sent (${answer?.reason ?? answer?.status ?? 'unknown'}).`;
      if (answer?.status !== 'held' && !input.value) input.value = text;
    }
  } catch (error) {
    status.textContent = messageOf(error);
    if (!input.value) input.value = text;
  }
});
$('message-input').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); $('composer').requestSubmit(); }
});

// ---- Members and talk balance ------------------------------------------------------------------

function markPresent(memberId, displayName, role, present = true) {
  if (!memberId || STAFF_ROLES.has(role)) return;
  const existing = state.members.get(memberId);
  state.members.set(memberId, { ...existing, memberId, displayName: displayName ?? existing?.displayName ?? 'Young person', present: present || existing?.present });
  renderMembers();
}

/** Each young person's share of the messages this session, from the messages we have. */
function talkBalance() {
  const counts = new Map();
  const since = state.sessionStart?.getTime() ?? 0;
  let total = 0;
  for (const m of state.timeline?.messages() ?? []) {
    if (STAFF_ROLES.has(m.authorRole)) continue;
    if (since && (toDate(m.sentAt)?.getTime() ?? since) < since) continue;
    const key = memberKeyOf(m);
    const entry = counts.get(key) ?? { count: 0, name: m.authorName };
    entry.count += 1;
    counts.set(key, entry);
    total += 1;
  }
  return { counts, total };
}

function renderMembers() {
  const { counts, total } = talkBalance();
  // Who to list: whoever has spoken this session, and whoever the server says is present. Without
  // presence from the server, other members are not listed (we cannot tell whether they are here).
  const ids = new Set([...counts.keys()]);
  for (const [id, m] of state.members) if (m.present || m.mutedUntil > Date.now()) ids.add(id);
  const rows = [...ids].map((id) => {
    const member = state.members.get(id);
    const c = counts.get(id)?.count ?? 0;
    return { id, name: member?.displayName ?? counts.get(id)?.name ?? 'Young person', count: c, share: total ? c / total : 0, present: member?.present ?? c > 0 };
  }).sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  const active = rows.filter((r) => r.present || r.count > 0).length || 1;
  const fair = 1 / active;
  $('members-count').textContent = String(state.presenceKnown ? rows.filter((r) => r.present).length : rows.length);
  replace($('members'), rows.length ? rows.map((r) => {
    const high = total >= 6 && r.share > Math.max(2 * fair, 0.4);
    const pct = Math.round(r.share * 100);
    const bar = h('span');
    bar.style.width = `${pct}%`;
    return h('li', { class: 'member' },
      h('div', { class: 'member-head' },
        h('span', { class: 'member-name' },
          state.presenceKnown ? h('span', { class: ['presence', r.present && 'here'], attrs: { 'aria-hidden': 'true' } }) : null,
          r.name,
          state.presenceKnown ? h('span', { class: 'visually-hidden', text: r.present ? ' (here)' : ' (gone)' }) : null,
          state.presenceKnown && !r.present ? h('span', { class: 'muted small', text: ' · left' }) : null),
        h('span', { class: 'member-share', text: `${pct}% · ${r.count}` })),
      h('div', { class: ['bar', high && 'high'], attrs: { role: 'img', 'aria-label': `talk share ${pct}%` } }, bar),
      high ? h('p', { class: 'member-note', text: '▲ Talking a lot — maybe invite others in' }) : null,
      isMuted(r.id) ? h('p', { class: 'member-note', text: `Muted until ${formatClock(new Date(state.members.get(r.id).mutedUntil))}` }) : null,
      !high && r.present && r.count === 0 && total > 0 ? h('p', { class: 'member-note', text: 'Quiet so far' }) : null,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'secondary', on: { click: () => privateTo(r.id, r.name) } }, 'Message', h('span', { class: 'visually-hidden', text: ` ${r.name} privately` })),
        isMuted(r.id)
          ? h('button', { type: 'button', class: 'secondary', on: { click: () => unmuteMember(r.id, r.name) } }, 'Unmute', h('span', { class: 'visually-hidden', text: ` ${r.name}` }))
          : h('button', { type: 'button', class: 'secondary', on: { click: () => muteMember(r.id, r.name) } }, 'Mute', h('span', { class: 'visually-hidden', text: ` ${r.name}` })),
        h('button', { type: 'button', class: 'secondary', on: { click: () => removeMember(r.id, r.name) } }, 'Remove', h('span', { class: 'visually-hidden', text: ` ${r.name} from the session` }))));
  }) : h('li', { class: 'empty', text: 'No young people here yet.' }));
}

async function muteMember(memberId, name) {
  const v = await ask({
    title: `Mute ${name}`,
    intro: `${name} can still read, and can still ask a moderator privately.`,
    fields: [
      { name: 'minutes', label: 'For', type: 'select', value: '10', options: [['5', '5 minutes'], ['10', '10 minutes'], ['15', '15 minutes'], ['30', '30 minutes'], ['60', '1 hour']] },
      { name: 'reason', label: 'What to tell them (kindly)', value: 'Let\u2019s give others a turn for a few minutes.' },
    ],
    confirm: 'Mute',
  });
  if (!v) return;
  try {
    await control('MuteMember', [memberId, Number(v.minutes), v.reason], `${name} is muted for ${v.minutes} minutes.`);
    setMuted(memberId, name, Date.now() + Number(v.minutes) * 60_000);
  } catch { /* shown in the feedback line */ }
}

async function unmuteMember(memberId, name) {
  try {
    await control('UnmuteMember', [memberId], `${name} can send messages again.`);
    setMuted(memberId, name, 0);
  } catch { /* shown in the feedback line */ }
}

// Mutes this page made (the server tells only the member): shown so the button offers Unmute.
function setMuted(memberId, name, until) {
  const m = state.members.get(String(memberId)) ?? { memberId: String(memberId), displayName: name };
  m.mutedUntil = until;
  state.members.set(String(memberId), m);
  renderMembers();
  if (until) setTimeout(renderMembers, until - Date.now() + 1000);
}

function isMuted(memberId) {
  return (state.members.get(String(memberId))?.mutedUntil ?? 0) > Date.now();
}

async function removeMember(memberId, name) {
  const v = await ask({
    title: `Remove ${name} from this session?`,
    intro: 'Their session ends now; they see support contacts and can come back next time.',
    fields: [{ name: 'reason', label: 'Reason (for the record)', required: true }],
    confirm: 'Remove from session', danger: true,
  });
  if (v) control('RemoveMember', [memberId, v.reason], `${name} was removed from this session.`).catch(() => {});
}

// ---- Held messages ------------------------------------------------------------------------------

function renderHeld() {
  const items = [...state.held.values()].sort((a, b) => (toDate(a.sentAt)?.getTime() ?? 0) - (toDate(b.sentAt)?.getTime() ?? 0));
  $('held-count').textContent = String(items.length);
  $('held-count').classList.toggle('alert', items.length > 0);
  show('held-empty', items.length === 0);
  replace($('held'), items.map((m) => {
    const name = m.authorName ?? 'Young person';
    return h('li', {},
      h('p', { class: 'meta', text: `${name} · ${formatClock(m.sentAt)}` }),
      h('p', { class: 'msg-text', text: m.text ?? '' }),
      m.reason || m.heldReason ? h('p', { class: 'why', text: `Held: ${m.reason ?? m.heldReason}` }) : null,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'small', on: { click: () => approve(m) } }, 'Approve', h('span', { class: 'visually-hidden', text: ` message from ${name}` })),
        h('button', { type: 'button', class: 'secondary small', on: { click: () => reject(m) } }, 'Reject', h('span', { class: 'visually-hidden', text: ` message from ${name}` }))));
  }));
}

async function approve(m) {
  try {
    await state.hub.invoke('ApproveMessage', state.groupId, m.messageId);
    state.held.delete(String(m.messageId));
    renderHeld();
  } catch (error) { say('room-feedback', messageOf(error), 'error'); }
}

async function reject(m) {
  const v = await ask({
    title: 'Reject this message?',
    intro: `"${truncate(m.text, 140)}" — no other young person will see it.`,
    fields: [{ name: 'reason', label: 'Reason (for the record)', required: true }],
    confirm: 'Reject', danger: true,
  });
  if (!v) return;
  try {
    await state.hub.invoke('RejectMessage', state.groupId, m.messageId, v.reason);
    state.held.delete(String(m.messageId));
    renderHeld();
  } catch (error) { say('room-feedback', messageOf(error), 'error'); }
}

// ---- Private requests and replies ---------------------------------------------------------------

function addRequest(memberId, name, entry) {
  const id = String(memberId);
  const thread = state.requests.get(id) ?? { memberId: id, name: name ?? memberName(id), entries: [], unread: 0 };
  if (name && !entry.fromStaff) thread.name = name;
  thread.entries.push(entry);
  if (!entry.fromStaff) { thread.unread += 1; announce(`${thread.name} asked for a moderator.`); }
  state.requests.set(id, thread);
  renderRequests();
}

function renderRequests() {
  const threads = [...state.requests.values()];
  const waiting = threads.filter((t) => t.unread > 0).length;
  $('requests-count').textContent = String(waiting);
  $('requests-count').classList.toggle('alert', waiting > 0);
  show('requests-empty', threads.length === 0);
  replace($('requests'), threads.map((t) => {
    const inputId = `reply-${t.memberId}`;
    const textarea = h('textarea', { id: inputId, rows: 1, maxLength: 2000 });
    const form = h('form', { class: 'reply-form', autocomplete: 'off' },
      h('label', { htmlFor: inputId, text: `Reply to ${t.name} (only they see it)` }),
      textarea,
      h('button', { type: 'submit', class: 'small', text: 'Reply' }));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const text = textarea.value.trim();
      if (!text) return;
      try {
        await sendPrivate(t.memberId, text);
        t.unread = 0;
        renderRequests();
      } catch (error) { say('room-feedback', messageOf(error), 'error'); }
    });
    return h('li', {},
      h('p', { class: 'meta' }, h('strong', { text: t.name }), t.unread ? ' · waiting for a reply' : ''),
      h('ul', { class: 'thread' }, t.entries.map((x) => h('li', { class: x.fromStaff ? 'from-staff' : '' },
        h('span', { class: 'muted', text: `${x.fromStaff ? `${x.authorName ?? 'Staff'} → ${t.name}` : t.name} · ${formatClock(x.at)}: ` }),
        x.text))),
      form);
  }));
}

async function sendPrivate(memberId, text) {
  expectEcho(`pm|${memberId}|${text}`);
  await state.hub.invoke('SendPrivateMessage', state.groupId, memberId, text);
  addRequest(memberId, memberName(memberId), { fromStaff: true, authorName: state.me.displayName, text, at: new Date().toISOString() });
}

async function privateTo(memberId, name) {
  const v = await ask({
    title: `Message ${name} privately`,
    intro: 'Only this young person (and staff) will see it.',
    fields: [{ name: 'text', label: 'What to say', type: 'textarea', required: true }],
    confirm: 'Send privately',
  });
  if (!v) return;
  try { await sendPrivate(memberId, v.text); say('room-feedback', `Sent privately to ${name}.`, 'ok'); } catch (error) { say('room-feedback', messageOf(error), 'error'); }
}

// Our own private messages and staff notes may come back to us as events; show them once.
function expectEcho(key) { state.echoes.set(key, (state.echoes.get(key) ?? 0) + 1); setTimeout(() => takeEcho(key), 30_000); }
function takeEcho(key) {
  const n = state.echoes.get(key) ?? 0;
  if (!n) return false;
  if (n === 1) state.echoes.delete(key); else state.echoes.set(key, n - 1);
  return true;
}

// ---- Staff backchannel --------------------------------------------------------------------------

function addNote(authorName, text, at) {
  const list = $('notes');
  list.append(h('li', {}, h('strong', { text: `${authorName ?? 'Staff'}: ` }), h('span', { text }), h('span', { class: 'muted', text: ` · ${formatClock(at ?? new Date())}` })));
  list.scrollTop = list.scrollHeight;
}

$('note-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = $('note-input');
  const text = input.value.trim();
  if (!text || !state.groupId) return;
  try {
    expectEcho(`note||${text}`);
    await state.hub.invoke('SendStaffNote', state.groupId, text);
    input.value = '';
    addNote(state.me.displayName, text);
  } catch (error) { say('room-feedback', messageOf(error), 'error'); }
});
$('note-input').addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); $('note-form').requestSubmit(); }
});

// ---- Concerns ----------------------------------------------------------------------------------

async function loadConcerns() {
  if (!state.groupId) return;
  try {
    const list = await api('/api/concerns?status=open');
    state.concerns.clear();
    for (const c of Array.isArray(list) ? list : list?.concerns ?? []) {
      if (String(c.groupId) === state.groupId) state.concerns.set(String(c.concernId ?? c.id), c);
    }
    renderConcerns();
  } catch { /* moderators may not see concerns in some set-ups; the panel stays empty */ }
}

function concernEvent(c, raised) {
  if (!state.groupId || String(c.groupId) !== state.groupId) return;
  const id = String(c.concernId ?? c.id);
  state.concerns.set(id, { ...state.concerns.get(id), ...c });
  renderConcerns();
  if (raised) announce(`New ${c.severity ?? ''} concern raised in this group.`);
}

function renderConcerns() {
  const items = [...state.concerns.values()].filter((c) => !isResolved(c)).sort(compareConcerns);
  $('concerns-count').textContent = String(items.length);
  $('concerns-count').classList.toggle('alert', items.some(isUrgent));
  show('concerns-empty', items.length === 0);
  replace($('concerns'), items.map((c) => {
    const msg = c.messageId ? state.timeline?.get(c.messageId) : null;
    return h('li', {},
      h('p', { class: 'meta' }, severityBadge(c.severity), ' ', categoriesText(c)),
      msg ? h('p', { class: 'msg-text' }, h('strong', { text: `${msg.authorName}: ` }), truncate(msg.text, 160)) : null,
      c.memberId && !msg ? h('p', { class: 'small', text: `About: ${memberName(c.memberId)}` }) : null,
      h('p', { class: 'meta', text: `${formatClock(c.raisedAt)} · ${statusLabel(c)}${c.escalationLevel ? ` · escalated (level ${c.escalationLevel})` : ''}` }));
  }));
}

// ---- Set-up -------------------------------------------------------------------------------------

function ensureSetup() {
  if (state.setupMounted) return;
  state.setupMounted = true;
  const view = $('view-setup');
  view.replaceChildren($('tpl-setup').content.cloneNode(true));
  mountSetup({
    me: () => state.me,
    group: () => state.group,
    groupCreated: async (group) => {
      await loadGroups();
      const id = String(group.id ?? group.groupId);
      if (state.groups.some((g) => g.id === id)) await selectGroup(id);
    },
  });
  updateSetupGroup();
}

function updateSetupGroup() {
  if (!state.setupMounted && !state.groupMounted && !state.careMounted) return;
  document.dispatchEvent(new CustomEvent('onlinegroup:groupchanged'));
}

// ---- Signing out --------------------------------------------------------------------------------

function signedOut(notice) {
  const hub = state.hub;
  state.hub = null;
  hub?.stop().catch(() => {});
  state.groupId = null;
  state.session = null;
  state.setupMounted = false;
  $('view-setup').replaceChildren();
  // The group and care views hold listeners for the group that was chosen: a new sign-in builds them again.
  for (const id of ['view-group', 'view-care']) { const old = $(id); const fresh = old.cloneNode(false); old.replaceWith(fresh); }
  state.groupMounted = false;
  state.careMounted = false;
  state.views.abort();
  state.views = new AbortController();
  showSignIn(notice);
}

$('sign-out').addEventListener('click', () => { clearSession(); signedOut('You have signed out.'); });
window.addEventListener('onlinegroup:signedout', () => signedOut('Please sign in again.'));

// Keep "closes in N minutes" current.
state.tick = setInterval(() => { if (state.groupId) renderRoomState(); }, 30_000);

if (state.session) start(); else showSignIn();
