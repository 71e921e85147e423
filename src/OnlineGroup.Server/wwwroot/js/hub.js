// The SignalR connection to /hubs/chat, shared by the pages.
//
// - The token goes as access_token through accessTokenFactory (read fresh from sessionStorage).
// - Reconnects for ever, with jittered back-off; if the connection closes anyway it starts again.
// - After a reconnect every joined group is joined again (JoinGroup) and the gap is filled with
//   GetHistory(groupId, lastSeq), page after page while full pages (500) come back.
// - Timeline keeps a list of messages in seq order without duplicates, whatever order they arrive in.
// - sendMessage() gives each message a clientMessageId and, if the connection drops before the
//   answer, sends it again with the same id once reconnected (the server answers a repeated id
//   with the first answer and does not send it twice).
//
// The browser client is the official @microsoft/signalr UMD build, loaded before the modules as
// /lib/signalr/signalr.min.js; it defines the global `signalR`.

import { accessToken, clearSession } from './api.js';

export const HISTORY_PAGE_SIZE = 500;

const signalR = globalThis.signalR;

/**
 * Retry policy for withAutomaticReconnect: quick at first, then every ~30 s, each delay jittered
 * by ±30% so that a room full of phones does not come back in step. It never gives up on a
 * network failure. Only when the server refuses the token (401) does it stop, so that the
 * connection closes and ChatHub.start() signs the page out instead of retrying a dead token.
 */
export const retryPolicy = {
  nextRetryDelayInMilliseconds(retryContext) {
    if (retryContext.retryReason && isUnauthorized(retryContext.retryReason)) return null;
    const steps = [0, 1_000, 2_000, 5_000, 10_000, 20_000, 30_000];
    const base = steps[Math.min(retryContext.previousRetryCount, steps.length - 1)];
    if (base === 0) return Math.floor(Math.random() * 500);
    const jitter = base * 0.3;
    return Math.max(250, Math.round(base - jitter + Math.random() * 2 * jitter));
  },
};

/**
 * A new message id: a version-7 UUID (RFC 9562), the time in milliseconds first and 74 random bits after.
 * Time-ordered, so the server's unique index on client message ids grows at its end instead of having one
 * random page rewritten per message (a random version-4 id would); the random bits keep ids from two
 * phones in the same millisecond apart. getRandomValues works outside secure contexts too.
 */
export function newId() {
  const b = crypto.getRandomValues(new Uint8Array(16));
  let ms = Date.now();
  for (let i = 5; i >= 0; i--) {
    b[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  b[6] = (b[6] & 0x0f) | 0x70;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** True when an invocation failed because the connection went away (not because the server said no). */
export function isConnectionError(error) {
  const text = String(error?.message ?? error ?? '');
  if (/HubException/.test(text) || /unexpected error occurred invoking/i.test(text)) return false;
  return /connection|not in the 'Connected' State|Invocation canceled|WebSocket|Failed to fetch|network/i.test(text);
}

function isUnauthorized(error) {
  const text = String(error?.message ?? error ?? '');
  return error?.statusCode === 401 || /\b401\b|Unauthorized/i.test(text);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class ChatHub {
  /**
   * @param {{onStatus?: (status:'connecting'|'connected'|'reconnecting'|'disconnected') => void,
   *          onSignedOut?: () => void, onConnected?: (again:boolean) => void, url?: string}} [options]
   *   onConnected runs each time the connection is up and groups are rejoined (again=true after a
   *   drop): pages refetch what events they may have missed meanwhile (e.g. concerns).
   */
  constructor({ onStatus = () => {}, onSignedOut = () => {}, onConnected = () => {}, url = '/hubs/chat' } = {}) {
    if (!signalR) throw new Error('The SignalR client (/lib/signalr/signalr.min.js) did not load.');
    this.onStatus = onStatus;
    this.onSignedOut = onSignedOut;
    this.onConnected = onConnected;
    this.everConnected = false;
    this.stopped = false;
    this.starting = null;
    /** @type {Map<string, {timeline: Timeline|null, onJoined: (result:any, again:boolean) => void}>} */
    this.groups = new Map();
    this.readyWaiters = [];
    this.ready = false;

    this.connection = new signalR.HubConnectionBuilder()
      .withUrl(url, { accessTokenFactory: () => accessToken() })
      .withAutomaticReconnect(retryPolicy)
      .configureLogging(signalR.LogLevel.Warning)
      .build();

    this.connection.onreconnecting(() => {
      this.ready = false;
      this.onStatus('reconnecting');
    });
    this.connection.onreconnected(() => this.afterConnected(true));
    this.connection.onclose(() => {
      this.ready = false;
      if (this.stopped) return;
      this.onStatus('disconnected');
      // Automatic reconnect gave up or the server closed the connection: start over, for ever.
      this.start();
    });
  }

  /** Subscribes to a server event. */
  on(event, handler) {
    this.connection.on(event, (...args) => {
      try { handler(...args); } catch (error) { console.error(`Handling ${event} failed`, error); }
    });
  }

  /** Starts the connection, retrying until it connects. Resolves once connected (and rejoined). */
  start() {
    if (this.starting) return this.starting;
    this.starting = (async () => {
      for (let attempt = 0; !this.stopped; attempt++) {
        this.onStatus(attempt === 0 ? 'connecting' : 'reconnecting');
        try {
          if (this.connection.state === signalR.HubConnectionState.Disconnected) await this.connection.start();
          await this.afterConnected(attempt > 0 || this.groups.size > 0);
          return;
        } catch (error) {
          if (isUnauthorized(error)) {
            this.stopped = true;
            clearSession();
            this.onSignedOut();
            return;
          }
          this.onStatus('disconnected');
          await sleep(retryPolicy.nextRetryDelayInMilliseconds({ previousRetryCount: attempt + 1 }));
        }
      }
    })().finally(() => { this.starting = null; });
    return this.starting;
  }

  async stop() {
    this.stopped = true;
    await this.connection.stop();
  }

  get connected() {
    return this.connection.state === signalR.HubConnectionState.Connected;
  }

  /** Resolves when the connection is up and every group has been joined again. */
  whenReady() {
    if (this.ready && this.connected) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  async afterConnected(again) {
    if (again) {
      for (const groupId of [...this.groups.keys()]) {
        try { await this.rejoin(groupId); } catch (error) { console.warn('Rejoining failed', error); }
      }
    }
    this.ready = true;
    this.onStatus('connected');
    const waiters = this.readyWaiters.splice(0);
    for (const resolve of waiters) resolve();
    const wasConnected = this.everConnected;
    this.everConnected = true;
    try { this.onConnected(wasConnected); } catch (error) { console.error(error); }
  }

  /** Calls a hub method. */
  invoke(method, ...args) {
    return this.connection.invoke(method, ...args);
  }

  /**
   * Joins a group and fills its timeline. Remembers the group, so a reconnect joins it again.
   * onJoined(result, again) is called with the JoinGroup answer each time (again=true after a reconnect).
   */
  async join(groupId, { timeline = null, onJoined = () => {} } = {}) {
    this.groups.set(groupId, { timeline, onJoined });
    const result = await this.connection.invoke('JoinGroup', groupId);
    await this.absorbJoin(groupId, result, false);
    return result;
  }

  async leave(groupId) {
    this.groups.delete(groupId);
    if (this.connected) {
      try { await this.connection.invoke('LeaveGroup', groupId); } catch { /* leaving is best effort */ }
    }
  }

  async rejoin(groupId) {
    // Remember where we were before JoinGroup: its history is only the latest messages, and
    // taking its last seq as our position would skip whatever arrived while we were away.
    const since = this.groups.get(groupId)?.timeline?.lastSeq ?? 0;
    const result = await this.connection.invoke('JoinGroup', groupId);
    await this.absorbJoin(groupId, result, true, since);
  }

  async absorbJoin(groupId, result, again, since = null) {
    const entry = this.groups.get(groupId);
    if (!entry) return;
    if (result?.admitted && entry.timeline) {
      entry.timeline.upsertMany(result.history ?? []);
      await this.fillGap(groupId, since ?? entry.timeline.lastSeq);
    }
    entry.onJoined(result ?? {}, again);
  }

  /**
   * Asks for every message after `afterSeq`, a page at a time, while full pages come back. The
   * cursor follows the pages (not the timeline, which live events may move past the gap).
   */
  async fillGap(groupId, afterSeq) {
    const timeline = this.groups.get(groupId)?.timeline;
    if (!timeline) return;
    let cursor = afterSeq ?? timeline.lastSeq;
    for (let guard = 0; guard < 10_000; guard++) {
      const answer = await this.connection.invoke('GetHistory', groupId, cursor);
      const page = Array.isArray(answer) ? answer : (answer?.messages ?? []);
      timeline.upsertMany(page);
      const last = page.reduce((max, m) => Math.max(max, Number(m.seq) || 0), cursor);
      if (page.length < HISTORY_PAGE_SIZE || last <= cursor) return;
      cursor = last;
    }
  }

  /**
   * Sends a chat message. Resolves with the server's answer {status, messageId, seq, reason}.
   * onWaiting() is called if the connection dropped and the message is waiting to be resent.
   */
  async sendMessage(groupId, text, { clientMessageId = newId(), onWaiting = () => {} } = {}) {
    for (;;) {
      if (!this.ready || !this.connected) {
        onWaiting();
        await this.whenReady();
      }
      try {
        return await this.connection.invoke('SendMessage', groupId, clientMessageId, text);
      } catch (error) {
        if (!isConnectionError(error) || this.stopped) throw error;
        // The send may or may not have reached the server: send the same id again once back.
        onWaiting();
        await this.whenReady();
      }
    }
  }
}

/**
 * A list of messages in seq order, with no duplicates, kept in a <ul>/<ol>. Messages without a
 * seq yet (our own, on their way) are "pending" items kept at the end until their message arrives.
 */
export class Timeline {
  /**
   * @param {HTMLElement} list the <ul> or <ol>
   * @param {(message:any) => HTMLLIElement} render builds the <li> for one message
   * @param {{scroller?: HTMLElement, onChange?: () => void}} [options]
   */
  constructor(list, render, { scroller = list, onChange = () => {} } = {}) {
    this.list = list;
    this.render = render;
    this.scroller = scroller;
    this.onChange = onChange;
    /** @type {Map<string, {message:any, el:HTMLElement}>} */
    this.items = new Map();
    /** @type {number[]} sorted seqs */
    this.seqs = [];
    this.bySeq = new Map();
    this.removed = new Set();
    /** @type {Map<string, HTMLElement>} messageId → pending element */
    this.pending = new Map();
    this.lastSeq = 0;
    // Follow the newest message while the reader is at the bottom, also when the region changes
    // size (notices come and go, the phone keyboard opens); leave them be once they scroll up.
    this.stuck = true;
    scroller.addEventListener('scroll', () => { this.stuck = this.nearBottom(); }, { passive: true });
    if (typeof ResizeObserver === 'function') {
      new ResizeObserver(() => { if (this.stuck) this.scrollToEnd(); }).observe(scroller);
    }
  }

  /** Adds one message in its place; returns false if it was already there or was removed. */
  upsert(m) {
    const added = this.insert(message(m));
    if (added) this.onChange();
    return added;
  }

  upsertMany(messages) {
    const sticky = this.stuck || this.nearBottom();
    let added = false;
    for (const m of [...messages].sort((a, b) => a.seq - b.seq)) added = this.insert(message(m), false) || added;
    if (added) {
      if (sticky) this.scrollToEnd();
      this.onChange();
    }
    return added;
  }

  insert(m, scroll = true) {
    if (!m || m.messageId === undefined || m.seq === undefined || m.seq === null) return false;
    const id = String(m.messageId);
    const seq = Number(m.seq);
    if (seq > this.lastSeq) this.lastSeq = seq;
    if (this.removed.has(id) || this.items.has(id) || this.bySeq.has(seq)) return false;
    const sticky = scroll && (this.stuck || this.nearBottom());

    const el = this.render(m);
    el.dataset.seq = String(seq);
    el.dataset.messageId = id;

    const index = this.insertionIndex(seq);
    const next = index < this.seqs.length ? this.bySeq.get(this.seqs[index]) : this.firstPending();
    this.list.insertBefore(el, next ?? null);
    this.seqs.splice(index, 0, seq);
    this.bySeq.set(seq, el);
    this.items.set(id, { message: m, el });

    const pendingEl = this.pending.get(id);
    if (pendingEl) { pendingEl.remove(); this.pending.delete(id); }

    if (sticky) this.scrollToEnd();
    return true;
  }

  insertionIndex(seq) {
    let lo = 0;
    let hi = this.seqs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.seqs[mid] < seq) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  firstPending() {
    return this.list.querySelector(':scope > li.pending');
  }

  /** Removes a message (MessageRemoved); it will not come back from a later history page. */
  remove(messageId) {
    const id = String(messageId);
    this.removed.add(id);
    const pendingEl = this.pending.get(id);
    if (pendingEl) { pendingEl.remove(); this.pending.delete(id); }
    const item = this.items.get(id);
    if (!item) return false;
    item.el.remove();
    this.items.delete(id);
    const seq = Number(item.message.seq);
    this.bySeq.delete(seq);
    const i = this.seqs.indexOf(seq);
    if (i >= 0) this.seqs.splice(i, 1);
    this.onChange();
    return true;
  }

  /** Adds an item for a message on its way (class "pending"), at the end. */
  addPending(el) {
    el.classList.add('pending');
    this.list.append(el);
    this.scrollToEnd();
    return el;
  }

  /**
   * Adds an item that is not part of the group's sequence (a private message, a note to this
   * person only) where it belongs in time: after every message so far, before pending ones.
   */
  addLocal(el) {
    el.classList.add('local');
    const sticky = this.stuck || this.nearBottom();
    this.list.insertBefore(el, this.firstPending());
    if (sticky || el.classList.contains('mine')) this.scrollToEnd();
    return el;
  }

  /** Links a pending item to the id the server gave its message; it goes when that message arrives. */
  bindPending(messageId, el) {
    const id = String(messageId);
    if (this.items.has(id)) { el.remove(); return; }
    if (this.removed.has(id)) { el.remove(); return; }
    this.pending.set(id, el);
  }

  /** Forgets a pending item's link to its message id and returns it; the item stays where it is. */
  takePending(messageId) {
    const id = String(messageId);
    const el = this.pending.get(id) ?? null;
    this.pending.delete(id);
    return el;
  }

  has(messageId) {
    return this.items.has(String(messageId));
  }

  get(messageId) {
    return this.items.get(String(messageId))?.message ?? null;
  }

  /** The messages in seq order. */
  messages() {
    return this.seqs.map((seq) => this.items.get(this.bySeq.get(seq).dataset.messageId).message);
  }

  clear() {
    this.list.replaceChildren();
    this.items.clear();
    this.seqs = [];
    this.bySeq.clear();
    this.pending.clear();
    this.lastSeq = 0;
    this.onChange();
  }

  nearBottom() {
    const s = this.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 120;
  }

  scrollToEnd() {
    this.scroller.scrollTop = this.scroller.scrollHeight;
    this.stuck = true;
  }
}

// Messages may come with seq as a string from some serializers; normalise what we rely on.
function message(m) {
  return m && typeof m.seq === 'string' ? { ...m, seq: Number(m.seq) } : m;
}
