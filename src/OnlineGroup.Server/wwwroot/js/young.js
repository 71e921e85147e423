// The page for young people (/): sign in or redeem an invitation, see the group's status, chat.

import { api, getSession, login, redeem, clearSession, messageOf, ApiError } from './api.js';
import { ChatHub, Timeline } from './hub.js';
import {
  $, h, show, replace, say, announce, ask, contactList, connectionBadge,
  formatClock, formatNext, formatIn, sessionStart, toDate,
} from './ui.js';
import { showGoals } from './goals.js';
import { renderProgress } from './progress.js';

const STAFF_ROLES = new Set(['moderator', 'admin', 'safeguarding']);

const state = {
  session: getSession(),
  me: null,
  group: null, // {groupId, name, memberId}
  status: null,
  hub: null,
  timeline: null,
  inChat: false,
  chatState: 'open',
  slowModeSeconds: 0,
  nextSendAt: 0,
  mutedUntil: 0,
  closesAt: null,
  pollTimer: 0,
  wakeTimer: 0,
  tickTimer: 0,
  muteTimer: 0,
  rulesShownFor: null,
};

const VIEWS = ['view-signin', 'view-groups', 'view-status', 'view-chat', 'view-agree', 'view-goals', 'view-goodbye'];

function showView(id) {
  for (const v of VIEWS) show(v, v === id);
  document.body.classList.toggle('chat-mode', id === 'view-chat');
  show('sign-out', Boolean(state.session));
}

// ---- Signing in ------------------------------------------------------------------------------

function showSignIn(notice) {
  stopTimers();
  showView('view-signin');
  mountSignInForm(notice);
}

function mountSignInForm(notice) {
  const slot = $('signin-slot');
  slot.replaceChildren($('tpl-signin').content.cloneNode(true));
  const form = $('signin-form');
  if (notice) say('signin-feedback', notice, 'gentle');
  $('to-invite').addEventListener('click', mountInviteForm);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const username = form.username.value.trim();
    const password = form.password.value;
    if (!username || !password) {
      say('signin-feedback', 'Please fill in your username and password.', 'error');
      (username ? form.password : form.username).focus();
      return;
    }
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    say('signin-feedback', 'Signing you in…', 'info');
    try {
      state.session = await login(username, password);
      say('signin-feedback', '', 'info');
      await start();
    } catch (error) {
      say('signin-feedback', error instanceof ApiError && error.status === 401
        ? "That username and password don't match. Please try again, or ask the staff who run your group."
        : messageOf(error), 'error');
      form.password.value = '';
      form.password.focus();
    } finally {
      button.disabled = false;
    }
  });
  form.username.focus({ preventScroll: true });
}

function mountInviteForm() {
  const slot = $('signin-slot');
  slot.replaceChildren($('tpl-invite').content.cloneNode(true));
  state.rulesShownFor = null;
  const form = $('invite-form');
  $('to-signin').addEventListener('click', () => mountSignInForm());
  $('invite-check').addEventListener('click', () => checkInvite(form.inviteCode.value));
  form.inviteCode.addEventListener('change', () => { if (form.inviteCode.value.trim()) checkInvite(form.inviteCode.value); });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = form.inviteCode.value.trim();
    const username = form.username.value.trim();
    const password = form.password.value;
    if (!code) { say('invite-feedback', 'Please type in your invitation code.', 'error'); form.inviteCode.focus(); return; }
    if (state.rulesShownFor !== normaliseCode(code)) {
      await checkInvite(code);
      say('invite-feedback', 'Please read your group\'s aims and house rules, then tick the box to agree.', 'gentle');
      $('rules-title').scrollIntoView({ block: 'start' });
      return;
    }
    if (username.length < 3) { say('invite-feedback', 'Please choose a username of at least 3 characters.', 'error'); form.username.focus(); return; }
    if (password.length < 8) { say('invite-feedback', 'Please choose a password of at least 8 characters.', 'error'); form.password.focus(); return; }
    if (!form.agree.checked) { say('invite-feedback', 'Please tick the box to say you agree to the house rules.', 'error'); form.agree.focus(); return; }
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    say('invite-feedback', 'Setting up your account…', 'info');
    try {
      state.session = await redeem(code, username, password, true);
      await start();
    } catch (error) {
      say('invite-feedback', messageOf(error), 'error');
    } finally {
      button.disabled = false;
    }
  });
  form.inviteCode.focus();
}

function normaliseCode(code) {
  return String(code).trim().toUpperCase();
}

const DEFAULT_AIMS = 'A place to share how things are going, to be understood by people who get it, and to try out ways of coping — together, with trained staff there the whole time.';
const DEFAULT_RULES = [
  'Be kind. Everyone here is going through something.',
  "Keep each other safe: don't describe ways of hurting yourself, and don't share pictures of injuries.",
  "What's said here stays here: no screenshots, and don't share other people's names or stories.",
  'Keep your own details private: no address, school, phone number or social media.',
  "If you're not OK, tell a moderator. If you're worried about someone, tap \u201CI'm worried\u201D.",
  'Moderators may pause the chat or hide a message to keep everyone safe. You are not in trouble if they do.',
  'You can leave at any time, and come back next time.',
];

/**
 * Shows the group's aims and house rules for an invitation code. Uses GET /api/invitations/{code}
 * (a contract addition: {groupName, aims, houseRules}); if the server does not offer it yet,
 * shows the service's usual house rules so the person still reads them before agreeing.
 */
async function checkInvite(rawCode) {
  const code = normaliseCode(rawCode);
  if (!code) { say('invite-feedback', 'Please type in your invitation code.', 'error'); return; }
  const body = $('rules-body');
  replace(body, h('p', { class: 'muted', text: 'Looking up your group…' }));
  let info = null;
  try {
    info = await api(`/api/invitations/${encodeURIComponent(code)}`, { auth: false });
  } catch (error) {
    if (error instanceof ApiError && error.problem?.detail && error.status !== 405) {
      replace(body, h('p', { text: error.message }));
      state.rulesShownFor = null;
      say('invite-feedback', error.message, 'error');
      return;
    }
    info = null; // Endpoint not there: fall back to the usual rules below.
  }
  const rules = normaliseRules(info?.houseRules) ?? DEFAULT_RULES;
  replace(body,
    info?.groupName ? h('p', {}, 'Your group: ', h('strong', { text: info.groupName })) : null,
    h('h4', { text: 'What the group is for' }),
    h('ul', {}, (normaliseRules(info?.aims) ?? [DEFAULT_AIMS]).map((a) => h('li', { text: a }))),
    h('h4', { text: 'House rules' }),
    h('ol', {}, rules.map((r) => h('li', { text: r }))));
  state.rulesShownFor = code;
  say('invite-feedback', '', 'info');
  announce('Your group\u2019s aims and house rules are shown. Please read them.');
}

function normaliseRules(rules) {
  if (Array.isArray(rules) && rules.length) return rules.map(String);
  if (typeof rules === 'string' && rules.trim()) return rules.split(/\r?\n+/).map((r) => r.replace(/^\s*(\d+[.)]|[-*•])\s*/, '')).filter(Boolean);
  return null;
}

// ---- After signing in --------------------------------------------------------------------------

async function start() {
  state.session = getSession();
  if (!state.session) { showSignIn(); return; }
  showView('view-status');
  renderStatusLoading();
  try {
    state.me = await api('/api/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return; // signed-out handler takes over
    renderStatusError(messageOf(error));
    return;
  }
  // A place that has ended (staff recorded an exit) is not a group to open: it is a goodbye.
  const groups = (state.me?.groups ?? []).filter((g) => g.status !== 'exited');
  if (groups.length === 0 && state.me?.goodbye && !STAFF_ROLES.has(state.me?.role)) {
    showGoodbye(state.me.goodbye);
    return;
  }
  if (STAFF_ROLES.has(state.me?.role) && groups.length === 0) {
    showView('view-groups');
    replace($('group-list'), h('li', {}, h('p', {}, 'You are signed in as staff. The moderators\u2019 page is ',
      h('a', { href: '/moderate', text: '/moderate' }), '.')));
    return;
  }
  if (groups.length === 0) {
    showView('view-groups');
    replace($('group-list'), h('li', { class: 'card' }, h('p', { text: "You're not in a group yet. The staff who invited you can help." })));
    return;
  }
  if (groups.length === 1) { openGroup(groups[0]); return; }
  showView('view-groups');
  replace($('group-list'), groups.map((g) => h('li', {},
    h('button', { type: 'button', class: 'secondary', on: { click: () => openGroup(g) } }, h('span', { text: g.name }), h('span', { 'aria-hidden': 'true', text: '→' })))));
}

async function openGroup(group) {
  state.group = group;
  document.title = `${group.name} — OnlineGroup`;
  show('status-goals', Boolean(group.memberId) && (!group.status || group.status === 'active'));
  showView('view-status');
  renderStatusLoading();
  await refreshStatus({ autoJoin: true });
}

async function refreshStatus({ autoJoin = false } = {}) {
  if (!state.group) return;
  try {
    state.status = await api(`/api/groups/${encodeURIComponent(state.group.groupId)}/status`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return;
    // The status is a courtesy; JoinGroup is the gate itself. If the status cannot be had, ask to
    // come in anyway: an open group lets the young person in, a closed one says why.
    if (autoJoin && !state.inChat) { await joinChat(); return; }
    renderStatusError(messageOf(error));
    schedulePoll();
    return;
  }
  updateHelpContacts(state.status.supportContacts);
  if (state.inChat) return;
  renderStatus(state.status);
  // A session in progress that is not ready yet: join anyway, to wait in the lobby and be let in
  // the moment a lead signs off (JoinGroup also says first if the house rules need agreeing again).
  const waitingForSignOff = state.status.reason === 'notReady';
  if (autoJoin && (state.status.state === 'open' || state.status.state === 'paused' || waitingForSignOff)) {
    await joinChat();
  } else {
    schedulePoll();
  }
}

function renderStatusLoading() {
  $('status-card').dataset.state = 'loading';
  $('status-icon').textContent = '🌙';
  $('status-title').textContent = 'Checking the group…';
  replace($('status-body'));
  show('status-join', false);
  show('status-contacts', false);
}

function renderStatusError(text) {
  $('status-card').dataset.state = 'error';
  $('status-icon').textContent = '📶';
  $('status-title').textContent = "We couldn't check the group just now";
  replace($('status-body'), h('p', { text }), h('p', { class: 'muted', text: "We'll try again by ourselves in a minute." }));
  show('status-join', false);
}

const STATUS_TEXT = {
  open: { icon: '💬', title: 'The group is open', text: 'Trained staff are here. Come in when you\u2019re ready.' },
  awaitingModerator: { icon: '⏳', title: 'Waiting for a moderator', text: 'The group opens as soon as a moderator arrives. This page will update by itself.' },
  paused: { icon: '⏸️', title: 'The chat is paused for a moment', text: 'A moderator has paused the chat. It will start again soon — you can still come in and read.' },
  closed: { icon: '🌙', title: 'The group is closed right now', text: '' },
};

const JOIN_REASONS = {
  closed: { icon: '🌙', title: 'The group is closed right now', text: '' },
  awaitingModerator: { icon: '⏳', title: 'Waiting for a moderator', text: 'The group opens as soon as a moderator arrives. This page will update by itself.' },
  noSafeguardingCover: { icon: '⏳', title: 'The group can\u2019t open just yet', text: 'The team who keep everyone safe isn\u2019t available yet. Please check back soon — this page will update by itself.' },
  notReady: { icon: '🛠️', title: 'This group isn\u2019t ready to open yet', text: 'The staff are still getting it ready. They\u2019ll let you know when it starts.' },
  notMember: { icon: '🔑', title: 'You\u2019re not a member of this group', text: 'If you think this is a mistake, ask the staff who invited you.' },
  waitlisted: { icon: '📝', title: 'You\u2019re on the waiting list', text: 'The group is full at the moment. You\u2019ll be let in when a place is free — you don\u2019t need to do anything.' },
  exited: { icon: '🤍', title: 'Your time in this group has ended', text: 'Thank you for being part of it. If things get hard, or you just need to talk, the contacts below are there for you.' },
  removed: { icon: '🤍', title: 'You\u2019ve been taken out of this session', text: 'A moderator has ended your session for today. You\u2019re welcome back next time. If you need to talk to someone now, the contacts below can help.' },
};

/** @param {{state:string, currentSession?:any, nextSession?:any, message?:string, supportContacts?:any[]}} status */
function renderStatus(status, { reason = null, finished = false } = {}) {
  const stateName = finished ? 'closed' : (reason ?? status?.state ?? 'closed');
  const base = (reason ? JOIN_REASONS[reason] : STATUS_TEXT[stateName]) ?? STATUS_TEXT.closed;
  const card = $('status-card');
  card.dataset.state = stateName;
  $('status-icon').textContent = finished ? '✨' : base.icon;
  $('status-title').textContent = finished ? 'Today\u2019s group has finished' : base.title;

  const parts = [];
  if (finished) parts.push(h('p', { text: 'Thank you for being here. Look after yourself tonight.' }));
  if (base.text) parts.push(h('p', { text: base.text }));

  const current = status?.currentSession;
  if (stateName === 'open' && current?.endsAt) {
    parts.push(h('p', { class: 'muted', text: `Open until ${formatClock(current.endsAt)}.` }));
  }
  const next = sessionStart(status?.nextSession);
  if (next && (stateName === 'closed' || finished || reason === 'removed' || reason === 'notReady' || reason === 'noSafeguardingCover')) {
    parts.push(h('p', {}, 'It opens next ', h('br'), h('span', { class: 'status-when', text: formatNext(next) })));
  } else if (!next && (stateName === 'closed' || finished)) {
    parts.push(h('p', { class: 'muted', text: 'The next opening time hasn\u2019t been set yet.' }));
  }
  if (status?.message) parts.push(h('p', { class: 'group-message', text: status.message }));
  replace($('status-body'), ...parts);

  const canJoin = !reason && (stateName === 'open' || stateName === 'paused');
  show('status-join', canJoin);

  const contacts = status?.supportContacts ?? [];
  const wantContacts = contacts.length > 0 && (stateName !== 'open' || finished || reason);
  show('status-contacts', wantContacts);
  if (wantContacts) replace($('status-contacts-list'), contactList(contacts));
}

function updateHelpContacts(contacts) {
  const list = contacts ?? [];
  show('help-group', list.length > 0);
  if (list.length) replace($('help-group-contacts'), contactList(list));
}

/** While not in the chat: check the status every minute, and right when the next session starts. */
function schedulePoll() {
  clearTimeout(state.pollTimer);
  clearTimeout(state.wakeTimer);
  if (state.inChat || !state.group) return;
  state.pollTimer = setTimeout(() => refreshStatus({ autoJoin: true }), 60_000);
  const next = toDate(sessionStart(state.status?.nextSession));
  const wait = next ? next.getTime() - Date.now() + 2_000 : -1;
  if (wait > 0 && wait < 24 * 3_600_000) state.wakeTimer = setTimeout(() => refreshStatus({ autoJoin: true }), wait);
}

function stopTimers() {
  clearTimeout(state.pollTimer);
  clearTimeout(state.wakeTimer);
  clearInterval(state.tickTimer);
  clearTimeout(state.muteTimer);
}

// ---- The chat ----------------------------------------------------------------------------------

function ensureHub() {
  if (state.hub) return state.hub;
  const hub = new ChatHub({
    onStatus: connectionBadge($('conn')),
    onSignedOut: () => signedOut('Your sign-in has ended. Please sign in again.'),
  });
  hub.on('MessagePublished', (m) => { if (isCurrent(m)) state.timeline?.upsert(m); });
  hub.on('MessageRemoved', (e) => { if (isCurrent(e)) state.timeline?.remove(e.messageId); });
  hub.on('MessageRejected', (e) => { if (isCurrent(e)) notShared(e); });
  hub.on('GroupStateChanged', (e) => {
    if (!isCurrent(e)) return;
    // Waiting outside (in the lobby, e.g. for a sign-off): come in the moment it opens.
    if (!state.inChat) { if (e.state === 'open' || e.state === 'paused') joinChat(); return; }
    applyGroupState(e);
  });
  hub.on('SessionEnding', (e) => { if (isCurrent(e)) sessionEnding(e.closesAt); });
  hub.on('SessionClosed', (e) => { if (isCurrent(e)) sessionClosed(e); });
  hub.on('Muted', (e) => { if (isCurrent(e)) muted(e); });
  hub.on('Unmuted', (e) => { if (isCurrent(e)) unmuted(); });
  hub.on('RemovedFromGroup', (e) => { if (isCurrent(e)) removedFromGroup(); });
  hub.on('PrivateMessage', (e) => { if (isCurrent(e)) privateMessage(e); });
  hub.on('SupportOffered', (e) => { if (isCurrent(e)) supportOffered(e); });
  state.hub = hub;
  return hub;
}

function isCurrent(e) {
  return state.group && (!e?.groupId || String(e.groupId) === String(state.group.groupId));
}

async function joinChat() {
  let hub;
  try {
    hub = ensureHub();
  } catch (error) {
    renderStatusError('The chat could not load on this device. Please refresh the page.');
    console.error(error);
    return;
  }
  const region = $('messages-region');
  if (!state.timeline) {
    state.timeline = new Timeline($('messages'), renderMessage, { scroller: region });
  }
  region.setAttribute('aria-busy', 'true');
  try {
    await hub.start();
    if (!state.session) return;
    await hub.join(state.group.groupId, { timeline: state.timeline, onJoined: joined });
  } catch (error) {
    renderStatusError(messageOf(error));
    schedulePoll();
  } finally {
    region.setAttribute('aria-busy', 'false');
  }
}

/** Called with each JoinGroup answer: the first time, and again after every reconnect. */
function joined(result, again) {
  if (!result.admitted && result.reason === 'mustAgree') {
    state.inChat = false;
    state.hub?.leave(state.group.groupId);
    showAgreement();
    return;
  }
  if (!result.admitted && result.reason === 'exited') {
    state.inChat = false;
    state.hub?.leave(state.group.groupId);
    showGoodbyeFromServer();
    return;
  }
  if (!result.admitted) {
    state.inChat = false;
    // Kept out until a sign-off: stay in the lobby to hear GroupStateChanged when it opens.
    if (result.reason !== 'notReady') state.hub?.leave(state.group.groupId);
    showView('view-status');
    renderStatus({ ...state.status, nextSession: result.nextSession ?? state.status?.nextSession }, { reason: result.reason ?? result.state ?? 'closed' });
    schedulePoll();
    if (again) announce('You are no longer in the chat.');
    return;
  }
  state.inChat = true;
  clearTimeout(state.pollTimer);
  clearTimeout(state.wakeTimer);
  $('chat-title').textContent = state.group.name;
  showView('view-chat');
  applyGroupState({ state: result.state, slowModeSeconds: result.slowModeSeconds, closesAt: result.closesAt });
  if (result.mutedUntil) muted({ until: result.mutedUntil });
  if (!again) {
    state.timeline.scrollToEnd();
    $('message-input').focus({ preventScroll: true });
    announce(`You're in ${state.group.name}.`);
  }
  startTicker();
}

/**
 * Whether a message is this young person's own. The server gives a young person's messages their
 * member id as authorId (peers never see account ids); staff messages carry the staff account id.
 */
function isMine(m) {
  const author = String(m.authorId ?? '');
  return Boolean(author) && (author === String(state.group?.memberId ?? '') || author === String(state.session?.userId ?? ''));
}

function renderMessage(m) {
  const mine = isMine(m);
  const staff = STAFF_ROLES.has(m.authorRole);
  const author = mine ? 'You' : (m.authorName || 'Someone');
  const worry = !mine && !staff && m.messageId
    ? h('button', { type: 'button', class: 'link worry', on: { click: () => reportMessage(m) } },
      "I'm worried", h('span', { class: 'visually-hidden', text: ` about ${m.authorName || 'this person'}` }))
    : null;
  return h('li', { class: ['msg', mine && 'mine', staff && 'staff'] },
    h('p', { class: 'msg-meta' },
      h('span', { class: 'msg-author', text: author }),
      staff ? h('span', { class: 'badge staff', text: 'Moderator' }) : null,
      m.sentAt ? h('time', { dateTime: m.sentAt, text: formatClock(m.sentAt) }) : null,
      worry),
    h('p', { class: 'msg-text', text: m.text ?? '' }));
}

function pendingItem(text) {
  return h('li', { class: 'msg mine' },
    h('p', { class: 'msg-meta' }, h('span', { class: 'msg-author', text: 'You' })),
    h('p', { class: 'msg-text', text }),
    h('p', { class: 'msg-status', text: 'Sending…' }));
}

/** A held message of ours that staff did not share: it stays in our view, saying so kindly. */
function notShared(e) {
  const li = state.timeline?.takePending(e.messageId);
  if (!li) return;
  li.classList.remove('held', 'pending');
  li.classList.add('not-shared');
  setPendingStatus(li, e.text || 'Your message wasn\u2019t shared with the group this time. You can ask to talk to a moderator privately at any time.');
}

function setPendingStatus(li, text) {
  const status = li.querySelector('.msg-status');
  if (status) status.textContent = text;
}

const REJECTED = {
  closed: () => 'The group is closed now, so that message wasn\u2019t sent.',
  paused: () => 'The chat is paused for a moment, so that wasn\u2019t sent. It\u2019s back in the box — send it when the chat starts again.',
  muted: () => 'You can\u2019t send messages for a little while. You can still read along, and you can still talk to a moderator privately.',
  slowMode: () => `Slow mode is on so everyone gets a turn. You can send again ${state.slowModeSeconds ? `in about ${state.slowModeSeconds} seconds` : 'in a moment'}.`,
  rateLimited: () => 'That\u2019s a lot of messages quickly — take a breath and try again in a moment.',
  tooLong: () => 'That message is a bit long. Could you split it into shorter messages?',
  empty: () => 'Type something first.',
  notJoined: () => 'You\u2019re not in the chat right now. We\u2019re trying to get you back in…',
  conflict: () => 'Something got mixed up sending that. Please press Send again.',
};

async function sendMessage() {
  const input = $('message-input');
  const text = input.value.trim();
  const status = $('composer-status');
  if (!text) { status.textContent = REJECTED.empty(); input.focus(); return; }
  if (state.mutedUntil > Date.now()) { status.textContent = REJECTED.muted(); return; }
  if (state.nextSendAt > Date.now()) { status.textContent = slowModeWait(); return; }

  const groupId = state.group.groupId;
  const li = state.timeline.addPending(pendingItem(text));
  input.value = '';
  autoGrow(input);
  status.textContent = '';
  let answer;
  try {
    answer = await state.hub.sendMessage(groupId, text, {
      onWaiting: () => setPendingStatus(li, 'Waiting for the connection — it will send when you\u2019re back online.'),
    });
  } catch (error) {
    li.remove();
    restoreText(input, text);
    status.textContent = messageOf(error);
    return;
  }
  switch (answer?.status) {
    case 'published': {
      li.classList.remove('pending');
      setPendingStatus(li, '');
      state.timeline.bindPending(answer.messageId, li);
      state.timeline.upsert({
        messageId: answer.messageId, groupId, seq: answer.seq, authorId: state.group.memberId ?? state.session.userId,
        authorName: state.me?.displayName ?? state.session.displayName, authorRole: 'participant', text, sentAt: new Date().toISOString(),
      });
      if (state.slowModeSeconds > 0) state.nextSendAt = Date.now() + state.slowModeSeconds * 1000;
      break;
    }
    case 'held':
      li.classList.add('held');
      setPendingStatus(li, 'Your message is with a moderator before others see it.');
      if (answer.messageId) state.timeline.bindPending(answer.messageId, li);
      break;
    case 'blocked':
      li.remove();
      status.textContent = 'That message wasn\u2019t shared with the group, to keep everyone safe. You\u2019re not in trouble — a moderator may check in with you.';
      break;
    case 'rejected':
    default: {
      li.remove();
      const reason = answer?.reason;
      if (reason !== 'empty') restoreText(input, text);
      status.textContent = (REJECTED[reason] ?? (() => 'That message couldn\u2019t be sent. Please try again.'))();
      if (reason === 'slowMode' && state.slowModeSeconds) state.nextSendAt = Date.now() + state.slowModeSeconds * 1000;
      if (reason === 'notJoined') state.hub.rejoin(groupId).catch(() => {});
      if (reason === 'closed') refreshStatus();
    }
  }
}

function restoreText(input, text) {
  if (!input.value.trim()) { input.value = text; autoGrow(input); }
}

function slowModeWait() {
  const secs = Math.ceil((state.nextSendAt - Date.now()) / 1000);
  return `Slow mode is on so everyone gets a turn. You can send again in ${secs} second${secs === 1 ? '' : 's'}.`;
}

function autoGrow(textarea) {
  textarea.style.height = 'auto';
  textarea.style.height = `${Math.min(textarea.scrollHeight + 4, 144)}px`;
}

/** Once a second: slow-mode countdown, closing time, end of a mute. */
function startTicker() {
  clearInterval(state.tickTimer);
  state.tickTimer = setInterval(() => {
    const now = Date.now();
    const send = $('send-button');
    const status = $('composer-status');
    const waiting = state.nextSendAt > now;
    const mutedNow = state.mutedUntil > now;
    send.disabled = waiting || mutedNow;
    if (waiting) status.textContent = slowModeWait();
    else if (status.textContent.startsWith('Slow mode is on so everyone gets a turn. You can send again in')) status.textContent = '';
    if (state.mutedUntil && !mutedNow) unmuted();
    if (state.closesAt) updateEnding();
  }, 1000);
}

// ---- Events ------------------------------------------------------------------------------------

function applyGroupState({ state: groupState, slowModeSeconds, closesAt }) {
  if (groupState) state.chatState = groupState;
  if (typeof slowModeSeconds === 'number') state.slowModeSeconds = slowModeSeconds;
  if (closesAt !== undefined) state.closesAt = closesAt ?? null;

  if (state.chatState === 'paused') {
    setNotice('state', { kind: 'gentle', icon: '⏸️', text: 'Chat paused for a moment. Nobody\u2019s in trouble — take a breath, it\u2019ll start again soon.' });
  } else if (state.chatState === 'awaitingModerator') {
    setNotice('state', { kind: 'gentle', icon: '⏳', text: 'A moderator has stepped away for a moment. The chat carries on when one is back.' });
  } else if (state.chatState === 'closed') {
    sessionClosed({});
    return;
  } else {
    clearNotice('state');
  }
  if (state.slowModeSeconds > 0) {
    setNotice('slow', { icon: '🐢', text: `Slow mode: one message every ${state.slowModeSeconds} seconds, so everyone keeps up.` });
  } else {
    clearNotice('slow');
    state.nextSendAt = 0;
  }
  if (state.closesAt) updateEnding();
}

function sessionEnding(closesAt) {
  state.closesAt = closesAt;
  updateEnding(true);
}

function updateEnding(force = false) {
  const closes = toDate(state.closesAt);
  if (!closes) return;
  const left = closes.getTime() - Date.now();
  if (left > 15 * 60_000 && !force) { clearNotice('ending'); return; }
  setNotice('ending', {
    kind: 'gentle', icon: '🕰️',
    text: `Closes at ${formatClock(closes)} (${formatIn(left)}) — time to start saying goodbye.`,
  });
}

function sessionClosed(e) {
  state.inChat = false;
  clearInterval(state.tickTimer);
  const groupId = state.group.groupId;
  state.hub?.leave(groupId);
  state.timeline?.clear();
  clearAllNotices();
  showView('view-status');
  const status = { ...(state.status ?? {}), state: 'closed', nextSession: e?.nextSession ?? state.status?.nextSession };
  renderStatus(status, { finished: true });
  announce('Today\u2019s group has finished.');
  // Fetch the status for the next opening time and support contacts, without rendering over "finished".
  api(`/api/groups/${encodeURIComponent(groupId)}/status`).then((s) => {
    state.status = s;
    updateHelpContacts(s.supportContacts);
    if (!state.inChat) renderStatus({ ...s, nextSession: s.nextSession ?? status.nextSession }, { finished: true });
    schedulePoll();
  }).catch(() => schedulePoll());
}

function muted({ until, reason }) {
  const untilDate = toDate(until);
  state.mutedUntil = untilDate ? untilDate.getTime() : Date.now() + 10 * 60_000;
  const input = $('message-input');
  input.disabled = true;
  $('send-button').disabled = true;
  setNotice('mute', {
    kind: 'gentle', icon: '🤫',
    text: `A moderator has paused your messages until ${formatClock(new Date(state.mutedUntil))}. You can still read along, and you can still talk to a moderator privately.`,
    extra: reason ? h('p', { class: 'muted', text: `They said: ${reason}` }) : null,
  });
  clearTimeout(state.muteTimer);
  state.muteTimer = setTimeout(unmuted, Math.max(0, state.mutedUntil - Date.now()) + 500);
}

function unmuted() {
  state.mutedUntil = 0;
  $('message-input').disabled = false;
  $('send-button').disabled = false;
  clearNotice('mute');
}

function removedFromGroup() {
  state.inChat = false;
  clearInterval(state.tickTimer);
  state.hub?.leave(state.group.groupId);
  state.timeline?.clear();
  clearAllNotices();
  showView('view-status');
  renderStatus(state.status, { reason: 'removed' });
  announce('A moderator has ended your session for today.');
  // An exit (not just the end of today's session) arrives the same way: /api/me then has a goodbye.
  showGoodbyeFromServer({ onlyIfExited: true });
}

// ---- House rules agreement, goals and goodbye ----------------------------------------------------

/** The group's house rules changed since they agreed: show them, and join once they agree. */
async function showAgreement() {
  showView('view-agree');
  const groupId = state.group.groupId;
  replace($('agree-body'), h('p', { class: 'muted', text: 'Loading the house rules…' }));
  try {
    const rules = await api(`/api/groups/${encodeURIComponent(groupId)}/house-rules`);
    state.agreeVersion = rules.houseRulesVersion;
    replace($('agree-body'),
      h('h2', { text: 'What the group is for' }),
      h('ul', {}, (rules.aims ?? []).map((a) => h('li', { text: a }))),
      h('h2', { text: 'House rules' }),
      h('ol', {}, (normaliseRules(rules.houseRules) ?? DEFAULT_RULES).map((r) => h('li', { text: r }))));
    $('agree-title').focus?.();
    announce('Our house rules have changed. Please read them, then choose I agree.');
  } catch (error) {
    say('agree-feedback', messageOf(error), 'error');
  }
}

async function agree() {
  const button = $('agree-button');
  button.disabled = true;
  try {
    await api(`/api/groups/${encodeURIComponent(state.group.groupId)}/agreement`, { method: 'POST', body: { houseRulesVersion: state.agreeVersion ?? null } });
    say('agree-feedback', '', 'info');
    showView('view-status');
    await refreshStatus({ autoJoin: true });
  } catch (error) {
    say('agree-feedback', messageOf(error), 'error');
    if (error instanceof ApiError && error.status === 409) showAgreement();
  } finally {
    button.disabled = false;
  }
}

let goalsReturnTo = 'view-status';

async function openGoals() {
  if (!state.group?.memberId) return;
  goalsReturnTo = state.inChat ? 'view-chat' : 'view-status';
  showView('view-goals');
  $('goals-title').focus?.();
  await showGoals($('goals-body'), state.group);
}

function closeGoals() {
  showView(state.inChat && goalsReturnTo === 'view-chat' ? 'view-chat' : 'view-status');
}

/** Asks the server whether this young person has left the group, and if so says goodbye. */
async function showGoodbyeFromServer({ onlyIfExited = false } = {}) {
  try {
    state.me = await api('/api/me');
  } catch { return; }
  const goodbye = state.me?.goodbye;
  if (goodbye && (!state.group || String(goodbye.groupId) === String(state.group.groupId))) showGoodbye(goodbye);
  else if (!onlyIfExited) { showView('view-status'); renderStatus(state.status, { reason: 'exited' }); }
}

/** The kind goodbye after staff recorded an exit: their plan in words, support contacts, their own progress. */
function showGoodbye(goodbye) {
  stopTimers();
  state.inChat = false;
  state.timeline?.clear();
  clearAllNotices();
  showView('view-goodbye');
  document.title = 'Thank you — OnlineGroup';
  $('goodbye-message').textContent = goodbye.message ?? 'Your time in the group has ended. If things get hard, the people below are there for you.';
  const contacts = goodbye.supportContacts ?? [];
  replace($('goodbye-contacts'), contacts.length ? contactList(contacts) : h('p', {}, h('a', { href: '#help', text: 'See who can help right now' })));
  updateHelpContacts(contacts);
  announce('Your time in the group has ended. Support contacts are shown.');
  const membership = (state.me?.groups ?? []).find((g) => String(g.groupId) === String(goodbye.groupId) && g.memberId);
  if (membership) {
    api(`/api/groups/${encodeURIComponent(goodbye.groupId)}/members/${encodeURIComponent(membership.memberId)}/progress`)
      .then((p) => { if (p.goals?.length) replace($('goodbye-progress'), h('section', { class: 'card', attrs: { 'aria-labelledby': 'goodbye-progress-title' } }, h('h2', { id: 'goodbye-progress-title', text: 'Your progress — yours to keep' }), renderProgress(p, { mine: true }))); })
      .catch(() => {});
  }
}

/** A moderator's private message: in the conversation where it arrived, marked as just for you. */
function privateMessage(e) {
  state.timeline?.addLocal(h('li', { class: 'msg private' },
    h('p', { class: 'msg-meta' },
      h('span', { attrs: { 'aria-hidden': 'true' }, text: '🔒' }),
      h('span', { class: 'msg-author', text: e.authorName || 'Moderator' }),
      h('span', { class: 'badge private', text: 'Private — only you can see this' }),
      e.sentAt ? h('time', { dateTime: e.sentAt, text: formatClock(e.sentAt) }) : null),
    h('p', { class: 'msg-text', text: e.text ?? '' })));
  announce(`Private message from ${e.authorName || 'a moderator'}.`);
}

function supportOffered(e) {
  const contacts = e.supportContacts?.length ? e.supportContacts : (state.status?.supportContacts ?? []);
  replace($('support-body'),
    h('p', { text: e.text || 'It sounds like things might be really hard right now. You\u2019re not in trouble. A moderator may check in with you privately.' }),
    contacts.length ? h('p', { text: 'If you\u2019d like to talk to someone now, these people can help:' }) : null,
    contacts.length ? contactList(contacts) : h('p', {}, h('a', { href: '#help', text: 'See who can help right now' })),
    h('p', { class: 'muted small', text: 'You can also ask a moderator privately, any time.' }));
  show('support-panel', true);
  announce('A message for you from the team: support is here if you want it.');
}

function hideSupport() {
  const panel = $('support-panel');
  const hadFocus = panel.contains(document.activeElement);
  show(panel, false);
  if (hadFocus) $('message-input').focus();
}

// ---- Notices -------------------------------------------------------------------------------------

const notices = new Map();

function setNotice(key, { kind = '', icon = 'ℹ️', text, extra = null, dismiss = null }) {
  const el = h('div', { class: ['notice', kind], dataset: { key } },
    h('span', { class: 'icon', attrs: { 'aria-hidden': 'true' }, text: icon }),
    h('div', { class: 'body' }, h('p', { text }), extra,
      dismiss ? h('button', { type: 'button', class: 'secondary small dismiss', text: dismiss, on: { click: () => clearNotice(key) } }) : null));
  const old = notices.get(key);
  if (old) {
    if (old.textContent === el.textContent) return;
    old.replaceWith(el);
  } else {
    $('notices').append(el);
    if (!dismiss) announce(text);
  }
  notices.set(key, el);
}

function clearNotice(key) {
  notices.get(key)?.remove();
  notices.delete(key);
}

function clearAllNotices() {
  for (const key of [...notices.keys()]) clearNotice(key);
  show('support-panel', false);
}

// ---- Worries and private requests ---------------------------------------------------------------

async function reportMessage(m) {
  const name = m.authorName || 'this person';
  const values = await ask({
    title: `Worried about ${name}?`,
    intro: `Thank you for looking out for them. Only the moderators and the safety team will see this — ${name} won\u2019t know it was you.`,
    fields: [{ name: 'reason', label: 'What\u2019s worrying you? (you can leave this empty)', type: 'textarea' }],
    confirm: 'Tell a moderator',
  });
  if (!values) return;
  try {
    await state.hub.invoke('ReportMessage', state.group.groupId, m.messageId, values.reason || 'I\u2019m worried about someone');
    setNotice(`report-${m.messageId}`, { icon: '🤝', text: 'Thank you. A moderator has been told and will look after it.', dismiss: 'OK' });
  } catch (error) {
    setNotice(`report-${m.messageId}`, { kind: 'gentle', icon: '⚠️', text: `That didn\u2019t send: ${messageOf(error)}`, dismiss: 'OK' });
  }
}

async function askModerator() {
  const values = await ask({
    title: 'Talk to a moderator privately',
    intro: 'Only the moderators will see this. They\u2019ll reply here, just to you.',
    fields: [{ name: 'text', label: 'What would you like to say?', type: 'textarea', required: true }],
    confirm: 'Ask',
  });
  if (!values?.text) return;
  try {
    await state.hub.invoke('RequestModerator', state.group.groupId, values.text);
    state.timeline?.addLocal(h('li', { class: 'msg private mine' },
      h('p', { class: 'msg-meta' },
        h('span', { attrs: { 'aria-hidden': 'true' }, text: '🔒' }),
        h('span', { class: 'msg-author', text: 'You, to the moderators' }),
        h('span', { class: 'badge private', text: 'Private' }),
        h('time', { dateTime: new Date().toISOString(), text: formatClock(new Date()) })),
      h('p', { class: 'msg-text', text: values.text }),
      h('p', { class: 'msg-status', text: 'Sent. A moderator will reply here, just to you.' })));
    announce('Sent to the moderators.');
  } catch (error) {
    setNotice('ask', { kind: 'gentle', icon: '⚠️', text: `That didn\u2019t send: ${messageOf(error)}`, dismiss: 'OK' });
  }
}

// ---- Wiring -----------------------------------------------------------------------------------

function signedOut(notice) {
  stopTimers();
  state.session = null;
  state.inChat = false;
  const hub = state.hub;
  state.hub = null;
  state.timeline?.clear();
  state.timeline = null;
  clearAllNotices();
  hub?.stop().catch(() => {});
  showSignIn(notice);
}

function wire() {
  const input = $('message-input');
  $('composer').addEventListener('submit', (e) => { e.preventDefault(); sendMessage(); });
  input.addEventListener('input', () => autoGrow(input));
  input.addEventListener('keydown', (e) => {
    // Enter sends on a keyboard; Shift+Enter is a new line. On phones the keyboard's own key is used.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && matchMedia('(pointer: fine)').matches) {
      e.preventDefault();
      sendMessage();
    }
  });
  $('ask-moderator').addEventListener('click', askModerator);
  $('support-dismiss').addEventListener('click', hideSupport);
  $('leave-chat').addEventListener('click', async () => {
    if (!state.group) return;
    state.inChat = false;
    clearInterval(state.tickTimer);
    await state.hub?.leave(state.group.groupId);
    state.timeline?.clear();
    clearAllNotices();
    showView('view-status');
    renderStatus(state.status);
    schedulePoll();
  });
  $('status-join').addEventListener('click', () => joinChat());
  $('status-goals').addEventListener('click', openGoals);
  $('chat-goals').addEventListener('click', openGoals);
  $('goals-back').addEventListener('click', closeGoals);
  $('agree-button').addEventListener('click', agree);
  $('status-refresh').addEventListener('click', () => refreshStatus({ autoJoin: true }));
  $('sign-out').addEventListener('click', () => { clearSession(); signedOut('You have signed out. Take care.'); });
  window.addEventListener('onlinegroup:signedout', () => signedOut('Please sign in again.'));
  // "Get help now" opens with :target (works without JS); with JS, move focus into it and back,
  // and let Escape close it.
  let helpReturn = null;
  const helpLink = document.querySelector('.topbar .help-link');
  window.addEventListener('hashchange', () => {
    if (location.hash === '#help') {
      helpReturn = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : helpLink;
      $('help').focus();
    } else if (helpReturn) {
      helpReturn.focus({ preventScroll: true });
      helpReturn = null;
    }
  });
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && location.hash === '#help' && !document.querySelector('dialog[open]')) {
      location.replace('#main');
    }
  });
  if (location.hash === '#help') $('help').focus();
}

wire();
if (state.session) start(); else showSignIn();
