// The safeguarding leads' page (/safeguarding): the live queue of concerns, each with its
// transcript excerpt, the young person's earlier concerns, acknowledge, notes and resolve; and a
// chart of concerns per week. Concerns arrive through the hub without joining any group.

import { api, getSession, login, clearSession, messageOf, ApiError } from './api.js';
import { ChatHub } from './hub.js';
import { $, h, show, replace, say, announce, ask, connectionBadge, formatShort, formatClock, formatCountdown, toDate } from './ui.js';
import {
  severityBadge, severityLabel, categoriesText, statusLabel, isUrgent, isAcknowledged, isResolved,
  compareConcerns, deadlineOf,
} from './concerns.js';
import { renderWeeklyChart } from './chart.js';

const STAFF_ROLES = new Set(['safeguarding', 'admin', 'moderator']);

const state = {
  session: getSession(),
  me: null,
  hub: null,
  groups: new Map(),
  concerns: new Map(),
  history: [], // concerns over the chart's weeks (all statuses) when the server offers them
  historyFromServer: false,
  selected: null,
  detail: null,
  urgentCount: -1,
  queueLoaded: false, // false until the queue has been fetched: until then "nothing waiting" is not known
  sound: false,
  ticker: 0,
};

function idOf(c) { return String(c.concernId ?? c.id); }

// ---- Sign-in ------------------------------------------------------------------------------------

function showSignIn(notice) {
  for (const id of ['conn', 'sign-out', 'sound-toggle', 'notify-toggle']) show(id, false);
  $('whoami').textContent = '';
  show('view-queue', false);
  show('view-signin', true);
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

// ---- Start --------------------------------------------------------------------------------------

async function start() {
  try {
    state.me = await api('/api/me');
  } catch (error) {
    if (!(error instanceof ApiError && error.status === 401)) showSignIn(messageOf(error));
    return;
  }
  if (!STAFF_ROLES.has(state.me.role)) {
    clearSession();
    showSignIn('This page is for safeguarding staff.');
    return;
  }
  $('whoami').textContent = state.me.displayName;
  for (const id of ['conn', 'sign-out', 'sound-toggle']) show(id, true);
  show('notify-toggle', 'Notification' in window && Notification.permission !== 'granted');
  show('view-signin', false);
  show('view-queue', true);

  try {
    const groups = await api('/api/groups');
    for (const g of Array.isArray(groups) ? groups : groups?.groups ?? []) state.groups.set(String(g.id ?? g.groupId), g.name);
  } catch { /* names are a nicety; ids still show */ }
  for (const g of state.me.groups ?? []) if (!state.groups.has(String(g.groupId))) state.groups.set(String(g.groupId), g.name);

  connectHub();
  await loadQueue();
  loadHistory();
  clearInterval(state.ticker);
  state.ticker = setInterval(tick, 1000);
}

function connectHub() {
  if (state.hub) return;
  const hub = new ChatHub({
    onStatus: connectionBadge($('conn')),
    onSignedOut: () => signedOut('Your sign-in has ended. Please sign in again.'),
    // Events sent while we were disconnected are gone: fetch the queue again on every reconnect.
    onConnected: (again) => { if (again) loadQueue(); },
  });
  hub.on('ConcernRaised', (c) => concernEvent(c, true));
  hub.on('ConcernUpdated', (c) => concernEvent(c, false));
  state.hub = hub;
  hub.start();
}

async function loadQueue() {
  try {
    const list = await api('/api/concerns?status=open');
    const fresh = new Map();
    for (const c of Array.isArray(list) ? list : list?.concerns ?? []) fresh.set(idOf(c), c);
    // Keep acknowledged ones we know about that are still unresolved (the server's "open" may exclude them).
    for (const [id, c] of state.concerns) if (!fresh.has(id) && !isResolved(c) && isAcknowledged(c)) fresh.set(id, c);
    state.concerns = fresh;
    state.queueLoaded = true;
    say('queue-feedback', '', 'info');
  } catch (error) {
    state.queueLoaded = false;
    const why = messageOf(error).replace(/[\s.]+$/, '');
    say('queue-feedback', `The queue could not be loaded (${why}), so concerns may be missing from it. Trying again in 10 seconds…`, 'error');
    setTimeout(loadQueue, 10_000);
  }
  renderQueue();
  renderChart();
}

async function loadHistory() {
  const from = new Date(Date.now() - 8 * 7 * 86_400_000);
  try {
    const list = await api(`/api/concerns?status=all&from=${encodeURIComponent(from.toISOString())}`);
    state.history = Array.isArray(list) ? list : list?.concerns ?? [];
    state.historyFromServer = true;
  } catch {
    state.historyFromServer = false;
  }
  renderChart();
}

function concernEvent(c, raised) {
  const id = idOf(c);
  const before = state.concerns.get(id);
  const merged = { ...before, ...c };
  state.concerns.set(id, merged);
  if (state.historyFromServer) {
    const i = state.history.findIndex((x) => idOf(x) === id);
    if (i >= 0) state.history[i] = merged; else state.history.push(merged);
  }
  const escalated = before && (c.escalationLevel ?? 0) > (before.escalationLevel ?? 0);
  if ((raised || escalated) && isUrgent(merged)) alertUrgent(merged, escalated);
  else if (raised) announce(`New ${severityLabel(merged.severity).toLowerCase()} concern: ${categoriesText(merged)}.`);
  renderQueue();
  renderChart();
  if (state.selected === id) loadDetail(id, { keepFocus: true });
}

// ---- Queue --------------------------------------------------------------------------------------

function renderQueue() {
  const items = [...state.concerns.values()].filter((c) => !isResolved(c)).sort(compareConcerns);
  $('queue-count').textContent = String(items.length);
  show('queue-empty', items.length === 0 && state.queueLoaded);
  replace($('concern-list'), items.map(renderCard));
  updateUrgency(items.filter(isUrgent));
}

function groupName(groupId) {
  return state.groups.get(String(groupId)) ?? 'Group';
}

function renderCard(c) {
  const id = idOf(c);
  const urgent = isUrgent(c);
  const li = h('li', { class: ['concern', urgent && 'urgent', state.selected === id && 'selected'], dataset: { severity: c.severity ?? 'none', id } },
    h('div', { class: 'head' },
      severityBadge(c.severity),
      urgent ? h('span', { class: 'sev', dataset: { severity: 'critical' } }, h('span', { 'aria-hidden': 'true', text: '⚠' }), 'Acknowledge now') : null,
      h('span', { class: 'status-tag', dataset: { status: isAcknowledged(c) ? 'acknowledged' : 'open' }, text: statusLabel(c) }),
      c.escalationLevel ? h('span', { class: 'status-tag', text: `Escalated · level ${c.escalationLevel}` }) : null),
    h('p', { class: 'cats', text: categoriesText(c) }),
    h('p', { class: 'when', text: `${groupName(c.groupId)} · raised ${formatShort(c.raisedAt)}${c.memberName ? ` · about ${c.memberName}` : ''}` }),
    urgent ? deadlineEl(c) : null,
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'secondary small open-detail', on: { click: () => select(id) } }, 'Open', h('span', { class: 'visually-hidden', text: ` ${severityLabel(c.severity)} concern raised ${formatShort(c.raisedAt)}` })),
      !isAcknowledged(c) ? h('button', { type: 'button', class: urgent ? 'danger small' : 'small', on: { click: () => acknowledge(id) } }, 'Acknowledge', h('span', { class: 'visually-hidden', text: ` ${severityLabel(c.severity)} concern` })) : null));
  return li;
}

function deadlineEl(c) {
  const deadline = deadlineOf(c);
  if (!deadline) return null;
  const el = h('p', { class: 'deadline', dataset: { deadline: deadline.at.toISOString(), estimated: deadline.estimated ? 'yes' : 'no' } });
  updateDeadline(el);
  return el;
}

function updateDeadline(el) {
  const at = toDate(el.dataset.deadline);
  if (!at) return;
  const left = at.getTime() - Date.now();
  const approx = el.dataset.estimated === 'yes' ? ' (approx.)' : '';
  el.classList.toggle('overdue', left <= 0);
  el.textContent = left > 0
    ? `⏱ ${formatCountdown(left)} left to acknowledge${approx}`
    : `⏱ Overdue by ${formatCountdown(-left)} — being escalated`;
}

function tick() {
  for (const el of document.querySelectorAll('.deadline[data-deadline]')) updateDeadline(el);
}

function updateUrgency(urgent) {
  const n = urgent.length;
  show('urgent-banner', n > 0);
  // "Nothing urgent" only once the queue is known: a lead must never be reassured by a failed load.
  show('calm-banner', n === 0 && state.queueLoaded);
  if (n !== state.urgentCount) {
    $('urgent-text').textContent = n === 1
      ? '1 high or critical concern is waiting to be acknowledged'
      : `${n} high or critical concerns are waiting to be acknowledged`;
    state.urgentCount = n;
  }
  document.title = n > 0 ? `(${n}) ⚠ Urgent — Safeguarding — OnlineGroup` : 'Safeguarding — OnlineGroup';
}

function alertUrgent(c, escalated) {
  announce(`${escalated ? 'Escalated' : 'Urgent'}: ${severityLabel(c.severity)} concern in ${groupName(c.groupId)}. Please acknowledge.`);
  if (state.sound) chime();
  if ('Notification' in window && Notification.permission === 'granted' && document.visibilityState !== 'visible') {
    // No young person's words in a desktop notification: only severity, category and group.
    try {
      const n = new Notification(`${severityLabel(c.severity)} concern — please acknowledge`, { body: `${categoriesText(c)} · ${groupName(c.groupId)}`, tag: idOf(c), requireInteraction: true });
      n.onclick = () => { window.focus(); select(idOf(c)); n.close(); };
    } catch { /* some browsers only allow notifications from a service worker */ }
  }
}

let audio = null;
function chime() {
  try {
    audio ??= new AudioContext();
    const now = audio.currentTime;
    for (const [i, f] of [[0, 880], [1, 660]]) {
      const o = audio.createOscillator();
      const g = audio.createGain();
      o.frequency.value = f;
      g.gain.setValueAtTime(0.0001, now + i * 0.25);
      g.gain.exponentialRampToValueAtTime(0.2, now + i * 0.25 + 0.02);
      g.gain.exponentialRampToValueAtTime(0.0001, now + i * 0.25 + 0.22);
      o.connect(g).connect(audio.destination);
      o.start(now + i * 0.25);
      o.stop(now + i * 0.25 + 0.25);
    }
  } catch { /* no audio: the banner, title and announcement still show it */ }
}

$('sound-toggle').addEventListener('click', (e) => {
  state.sound = !state.sound;
  e.currentTarget.setAttribute('aria-pressed', String(state.sound));
  e.currentTarget.textContent = `🔔 Sound alerts: ${state.sound ? 'on' : 'off'}`;
  if (state.sound) chime();
});
$('notify-toggle').addEventListener('click', async () => {
  try { await Notification.requestPermission(); } catch { /* ignore */ }
  show('notify-toggle', Notification.permission !== 'granted');
});

// ---- Detail -------------------------------------------------------------------------------------

async function select(id) {
  state.selected = id;
  for (const el of document.querySelectorAll('.concern')) el.classList.toggle('selected', el.dataset.id === id);
  await loadDetail(id);
}

async function loadDetail(id, { keepFocus = false } = {}) {
  const panel = $('concern-detail');
  if (!keepFocus) replace(panel, h('h2', { id: 'detail-title', text: 'Loading…' }));
  let detail;
  try {
    detail = await api(`/api/concerns/${encodeURIComponent(id)}`);
  } catch (error) {
    replace(panel, h('h2', { id: 'detail-title', text: 'Could not open this concern' }), h('p', { text: messageOf(error) }));
    return;
  }
  if (state.selected !== id) return;
  state.detail = detail;
  const summary = { ...state.concerns.get(id), ...detail };
  if (state.concerns.has(id)) state.concerns.set(id, summary);
  const earlier = await earlierConcerns(summary);
  if (state.selected !== id) return;
  renderDetail(summary, earlier);
  if (!keepFocus) {
    // Side by side on a laptop: no need to scroll. Stacked on a phone: bring the detail into view.
    panel.focus({ preventScroll: true });
    if (!matchMedia('(min-width: 64rem)').matches) panel.scrollIntoView({ block: 'start' });
  }
}

async function earlierConcerns(c) {
  if (Array.isArray(c.earlierConcerns)) return c.earlierConcerns;
  if (!c.memberId) return [];
  try {
    const list = await api(`/api/concerns?status=all&memberId=${encodeURIComponent(c.memberId)}`);
    return (Array.isArray(list) ? list : list?.concerns ?? []).filter((x) => idOf(x) !== idOf(c));
  } catch {
    // Without that query, use what this page knows about the same young person.
    return [...state.concerns.values(), ...state.history].filter((x) => x.memberId && String(x.memberId) === String(c.memberId) && idOf(x) !== idOf(c));
  }
}

function renderDetail(c, earlier) {
  const id = idOf(c);
  const panel = $('concern-detail');
  const transcript = c.transcript ?? c.excerpt ?? c.transcriptExcerpt ?? c.messages ?? [];
  const history = c.history ?? c.events ?? [];
  const notes = c.notes ?? [];
  const urgent = isUrgent(c);

  const noteArea = h('textarea', { id: 'note-text', rows: 3, maxLength: 4000 });
  const noteForm = h('form', { class: 'stack', autocomplete: 'off' },
    h('div', { class: 'field' }, h('label', { htmlFor: 'note-text', text: 'Add a note' }), noteArea),
    h('button', { type: 'submit', class: 'secondary', text: 'Add note' }));
  noteForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = noteArea.value.trim();
    if (!text) return;
    await act(id, 'notes', { text }, 'Note added.');
  });

  const uniq = new Map();
  for (const x of earlier) uniq.set(idOf(x), x);
  const earlierList = [...uniq.values()].sort((a, b) => (toDate(b.raisedAt)?.getTime() ?? 0) - (toDate(a.raisedAt)?.getTime() ?? 0));

  replace(panel,
    h('h2', { id: 'detail-title' }, severityBadge(c.severity), ' ', categoriesText(c)),
    urgent ? h('p', { class: 'feedback', dataset: { kind: 'error' } }, h('strong', { text: '⚠ Not yet acknowledged. ' }), deadlineEl(c)) : null,
    h('p', { class: 'muted', text: `${groupName(c.groupId)} · raised ${formatShort(c.raisedAt)} · ${statusLabel(c)}${c.escalationLevel ? ` · escalated to level ${c.escalationLevel}` : ''}${c.memberName ? ` · about ${c.memberName}` : ''}` }),
    h('div', { class: 'actions' },
      !isAcknowledged(c) ? h('button', { type: 'button', class: urgent ? 'danger' : '', text: 'Acknowledge', on: { click: () => acknowledge(id) } }) : null,
      !isResolved(c) ? h('button', { type: 'button', class: 'secondary', text: 'Resolve…', on: { click: () => resolve(id) } }) : null),
    h('h3', { text: 'Transcript excerpt' }),
    transcript.length
      ? h('ol', { class: 'transcript' }, transcript.map((m) => {
        const flagged = c.messageId && String(m.messageId) === String(c.messageId);
        return h('li', { class: flagged ? 'flagged' : '' },
          h('p', { class: 'msg-meta' },
            h('span', { class: 'msg-author', text: m.authorName ?? 'Unknown' }),
            m.sentAt ? h('time', { dateTime: m.sentAt, text: formatClock(m.sentAt) }) : null,
            flagged ? h('span', { class: 'sev', dataset: { severity: c.severity ?? 'high' } }, h('span', { 'aria-hidden': 'true', text: '⚑' }), 'This message') : null),
          h('p', { class: 'msg-text', text: m.text ?? '' }));
      }))
      : h('p', { class: 'empty', text: 'No transcript excerpt came with this concern.' }),
    h('h3', { text: 'Earlier concerns about this young person' }),
    earlierList.length
      ? h('ul', { class: 'history' }, earlierList.map((x) => h('li', {},
        severityBadge(x.severity), ` ${categoriesText(x)} · ${formatShort(x.raisedAt)} · ${statusLabel(x)}${x.outcome ? ` · outcome: ${x.outcome}` : ''}`)))
      : h('p', { class: 'empty', text: 'None on record.' }),
    h('h3', { text: 'History and notes' }),
    history.length || notes.length
      ? h('ul', { class: 'history' }, [...history, ...notes.map((n) => ({ ...n, action: 'note' }))]
        .sort((a, b) => (toDate(a.at ?? a.createdAt ?? a.timestamp)?.getTime() ?? 0) - (toDate(b.at ?? b.createdAt ?? b.timestamp)?.getTime() ?? 0))
        .map((e) => h('li', {},
          h('span', { class: 'muted', text: `${formatShort(e.at ?? e.createdAt ?? e.timestamp)} · ${e.actorName ?? e.by ?? e.authorName ?? 'System'} · ${e.action ?? e.kind ?? e.type ?? ''}` }),
          e.text || e.note || e.outcome ? h('p', { class: 'msg-text', text: e.text ?? e.note ?? e.outcome }) : null)))
      : h('p', { class: 'empty', text: 'Nothing yet.' }),
    isResolved(c) ? null : noteForm);
}

async function act(id, action, body, done) {
  try {
    const updated = await api(`/api/concerns/${encodeURIComponent(id)}/${action}`, { method: 'POST', body });
    if (updated && typeof updated === 'object') state.concerns.set(id, { ...state.concerns.get(id), ...updated });
    say('queue-feedback', done, 'ok');
    renderQueue();
    renderChart();
    if (state.selected === id) await loadDetail(id, { keepFocus: true });
    return true;
  } catch (error) {
    say('queue-feedback', messageOf(error), 'error');
    return false;
  }
}

async function acknowledge(id) {
  const ok = await act(id, 'acknowledge', {}, 'Acknowledged. The deadline is stopped; please follow it up.');
  if (ok) {
    const c = state.concerns.get(id);
    if (c && !isAcknowledged(c)) { c.status = 'acknowledged'; renderQueue(); }
  }
}

async function resolve(id) {
  const v = await ask({
    title: 'Resolve this concern',
    intro: 'Record what was done. It is kept in the audit trail.',
    fields: [{ name: 'outcome', label: 'Outcome', type: 'textarea', required: true, hint: 'For example: spoke with the young person, safety plan agreed; parent informed; referred to CAMHS.' }],
    confirm: 'Resolve',
  });
  if (!v) return;
  if (await act(id, 'resolve', { outcome: v.outcome }, 'Resolved.')) {
    const c = state.concerns.get(id);
    if (c && !isResolved(c)) c.status = 'resolved';
    renderQueue();
  }
}

// ---- Chart --------------------------------------------------------------------------------------

function renderChart() {
  const all = new Map();
  for (const c of state.history) all.set(idOf(c), c);
  for (const c of state.concerns.values()) all.set(idOf(c), c);
  $('chart-note').textContent = state.historyFromServer
    ? 'The last 8 weeks. A concern with two categories counts in both.'
    : 'The last 8 weeks, from the concerns this page can see (open ones). A concern with two categories counts in both.';
  renderWeeklyChart($('chart'), [...all.values()], { weeks: 8 });
}

// ---- Sign out ----------------------------------------------------------------------------------

function signedOut(notice) {
  const hub = state.hub;
  state.hub = null;
  hub?.stop().catch(() => {});
  clearInterval(state.ticker);
  state.concerns.clear();
  state.selected = null;
  showSignIn(notice);
}

$('sign-out').addEventListener('click', () => { clearSession(); signedOut('You have signed out.'); });
window.addEventListener('onlinegroup:signedout', () => signedOut('Please sign in again.'));

if (state.session) start(); else showSignIn();
