// REST client shared by every page: keeps the bearer token in sessionStorage (gone when the tab
// closes), adds it to each call, and turns RFC 7807 problem details into errors whose `message`
// is the server's `detail`, written for a person to read.

const SESSION_KEY = 'onlinegroup.session';

/** @typedef {{accessToken:string, expiresAt?:string, userId:string, role:string, displayName:string}} Session */

/** @returns {Session|null} */
export function getSession() {
  try {
    const raw = sessionStorage.getItem(SESSION_KEY);
    if (!raw) return null;
    const session = JSON.parse(raw);
    if (!session || typeof session.accessToken !== 'string') return null;
    if (session.expiresAt && Date.parse(session.expiresAt) <= Date.now()) {
      sessionStorage.removeItem(SESSION_KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

/** @param {Session} session */
export function saveSession(session) {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify({
    accessToken: session.accessToken,
    expiresAt: session.expiresAt,
    userId: session.userId,
    role: session.role,
    displayName: session.displayName,
  }));
}

export function clearSession() {
  sessionStorage.removeItem(SESSION_KEY);
}

/** The current token, for fetch and for the SignalR accessTokenFactory. */
export function accessToken() {
  return getSession()?.accessToken ?? '';
}

/** An error from the server (or the network), with a message fit to show a person. */
export class ApiError extends Error {
  /**
   * @param {string} message what to show
   * @param {number} status HTTP status, 0 when the server could not be reached
   * @param {object|null} problem the problem details body, when there was one
   */
  constructor(message, status, problem = null) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

const FRIENDLY_STATUS = {
  0: 'We could not reach OnlineGroup. Check your connection and try again.',
  400: 'Something in that form needs another look.',
  401: 'Please sign in again.',
  403: 'Your account is not allowed to do that.',
  404: 'We could not find that.',
  409: 'That changed while you were looking at it. Please try again.',
  429: 'That was a lot of tries in a short time. Please wait a minute and try again.',
};

function friendly(status) {
  return FRIENDLY_STATUS[status] ?? (status >= 500
    ? 'Something went wrong on our side. Please try again in a moment.'
    : 'That did not work. Please try again.');
}

/**
 * Calls the REST API.
 * @param {string} path e.g. `/api/groups/123/status`
 * @param {{method?:string, body?:unknown, signal?:AbortSignal, auth?:boolean}} [options]
 * @returns {Promise<any>} the parsed JSON answer, or null for an empty one
 */
export async function api(path, { method = 'GET', body, signal, auth = true } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const token = auth ? accessToken() : '';
  if (token) headers.Authorization = `Bearer ${token}`;

  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (error) {
    if (error?.name === 'AbortError') throw error;
    throw new ApiError(friendly(0), 0);
  }

  const text = await response.text();
  let data = null;
  if (text) {
    try { data = JSON.parse(text); } catch { data = null; }
  }

  if (!response.ok) {
    const problem = data && typeof data === 'object' ? data : null;
    const detail = problem && typeof problem.detail === 'string' && problem.detail.trim()
      ? problem.detail
      : validationSummary(problem) ?? (problem && typeof problem.title === 'string' ? problem.title : friendly(response.status));
    if (response.status === 401 && auth && token) {
      clearSession();
      window.dispatchEvent(new CustomEvent('onlinegroup:signedout', { detail: { message: detail } }));
    }
    throw new ApiError(detail, response.status, problem);
  }
  return data;
}

// ValidationProblemDetails carry `errors: {field: [messages]}` and a generic title; show the messages.
function validationSummary(problem) {
  if (!problem || typeof problem.errors !== 'object' || problem.errors === null) return null;
  const messages = Object.values(problem.errors).flat().filter((m) => typeof m === 'string');
  return messages.length ? messages.join(' ') : null;
}

/** Signs in and keeps the session. */
export async function login(username, password) {
  const session = await api('/api/auth/login', { method: 'POST', body: { username, password }, auth: false });
  saveSession(session);
  return session;
}

/** Redeems an invitation code (once) and keeps the session. */
export async function redeem(inviteCode, username, password, agreedToRules) {
  const session = await api('/api/auth/redeem', {
    method: 'POST',
    body: { inviteCode, username, password, agreedToHouseRules: agreedToRules },
    auth: false,
  });
  saveSession(session);
  return session;
}

/** The message to show for any error thrown by api() or by a hub call. */
export function messageOf(error) {
  if (!error) return 'Something went wrong.';
  if (error instanceof ApiError) return error.message;
  const text = String(error.message ?? error);
  // SignalR HubException: "An unexpected error occurred invoking 'X' on the server. HubException: reason"
  const hub = /HubException:\s*(.+)$/s.exec(text);
  if (hub) return hub[1].trim();
  if (/unexpected error occurred invoking/i.test(text)) return 'Something went wrong on our side. Please try again.';
  if (/connection/i.test(text)) return 'The connection dropped. We are reconnecting…';
  return text;
}
