// Small DOM helpers shared by the pages. Text from people always goes in through textContent
// (h() never sets innerHTML), so nothing a person types can become markup.

/**
 * Creates an element. `props`: `class`, `text` (textContent), `dataset`, `on` ({event: fn}),
 * `attrs` (setAttribute), `role` and dashed names such as aria-hidden (attributes), anything else
 * as a DOM property (id, type, href, disabled, value…).
 * Children: nodes or strings (strings become text nodes); null/false are skipped.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key === 'on') for (const [event, fn] of Object.entries(value)) el.addEventListener(event, fn);
    else if (key === 'attrs') for (const [name, v] of Object.entries(value)) { if (v !== null && v !== undefined && v !== false) el.setAttribute(name, v === true ? '' : String(v)); }
    else if (key === 'role' || key.includes('-')) el.setAttribute(key, value === true ? '' : String(value)); // aria-*, data-*
    else el[key] = value;
  }
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Creates an SVG element; attributes are set with setAttribute. */
export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    if (name === 'text') el.textContent = String(value);
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** document.getElementById that fails loudly when the page and the script disagree. */
export function $(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from the page`);
  return el;
}

export function show(el, visible = true) {
  (typeof el === 'string' ? $(el) : el).hidden = !visible;
}

/** Replaces an element's children. */
export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/** Says something to screen readers through the page's polite status region (#announcer). */
export function announce(text) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  // A fresh text node after a tick makes screen readers read repeated messages too.
  setTimeout(() => { region.textContent = text; }, 50);
}

/** Shows a message in an element used for form feedback (role="alert" or "status" in markup). */
export function say(el, text, kind = 'info') {
  const target = typeof el === 'string' ? $(el) : el;
  target.textContent = text ?? '';
  target.dataset.kind = kind;
  target.hidden = !text;
}

// ---- Time -------------------------------------------------------------------------------------

const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "Tuesday 18:00 GMT" style, in the viewer's own time zone. */
export function formatWhen(iso, { weekday = true, date = false, zoneName = true } = {}) {
  const d = toDate(iso);
  if (!d) return '';
  const opts = { hour: 'numeric', minute: '2-digit', timeZone: viewerZone };
  if (weekday) opts.weekday = 'long';
  if (date) { opts.day = 'numeric'; opts.month = 'long'; }
  if (zoneName) opts.timeZoneName = 'short';
  return new Intl.DateTimeFormat(undefined, opts).format(d);
}

/** "18:04" — for message timestamps. */
export function formatClock(iso) {
  const d = toDate(iso);
  return d ? new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(d) : '';
}

/** "26 Nov, 18:04" — for staff lists. */
export function formatShort(iso) {
  const d = toDate(iso);
  return d ? new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(d) : '';
}

/** Says when something next happens, e.g. "today at 18:00 GMT" or "Tuesday 18:00 GMT (3 Dec)". */
export function formatNext(iso) {
  const d = toDate(iso);
  if (!d) return '';
  const now = new Date();
  const dayDiff = Math.round((startOfDay(d) - startOfDay(now)) / 86_400_000);
  const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(d);
  if (dayDiff === 0) return `today at ${time}`;
  if (dayDiff === 1) return `tomorrow at ${time}`;
  if (dayDiff > 1 && dayDiff < 7) {
    return `${new Intl.DateTimeFormat(undefined, { weekday: 'long' }).format(d)} at ${time}`;
  }
  return `${new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' }).format(d)} at ${time}`;
}

/** "4:59" or "1:02:03" for a number of milliseconds (never negative). */
export function formatCountdown(ms) {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hrs = Math.floor(total / 3600);
  const mins = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  const mm = hrs ? String(mins).padStart(2, '0') : String(mins);
  return `${hrs ? `${hrs}:` : ''}${mm}:${String(secs).padStart(2, '0')}`;
}

/** "in 10 minutes" / "in 1 minute" / "now". */
export function formatIn(ms) {
  const mins = Math.round(ms / 60_000);
  if (mins <= 0) return 'now';
  if (mins === 1) return 'in 1 minute';
  if (mins < 90) return `in ${mins} minutes`;
  const hrs = Math.round(mins / 60);
  return `in ${hrs} hours`;
}

export function toDate(value) {
  if (!value) return null;
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

function startOfDay(d) {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

export function viewerTimeZone() {
  return viewerZone;
}

/** nextSession may come as an ISO string or as {startsAt, endsAt}; this gives the start. */
export function sessionStart(next) {
  if (!next) return null;
  if (typeof next === 'string') return next;
  return next.startsAt ?? next.start ?? null;
}

// ---- Dialogs ----------------------------------------------------------------------------------

/**
 * Asks for some values in a modal <dialog>. Resolves to an object of the field values, or null
 * when cancelled. fields: [{name, label, type:'text'|'textarea'|'number'|'select', options:[[value,label]],
 * value, required, hint, min, max}]
 */
export function ask({ title, intro, fields = [], confirm = 'OK', cancel = 'Cancel', danger = false }) {
  return new Promise((resolve) => {
    const form = h('form', { method: 'dialog', class: 'dialog-form' });
    const heading = h('h2', { text: title, id: `dlg-${Math.random().toString(36).slice(2)}` });
    form.append(heading);
    if (intro) form.append(h('p', { class: 'muted', text: intro }));
    const inputs = {};
    for (const f of fields) {
      const id = `f-${f.name}-${Math.random().toString(36).slice(2, 7)}`;
      let input;
      if (f.type === 'textarea') {
        input = h('textarea', { id, name: f.name, rows: f.rows ?? 3, required: !!f.required, maxLength: f.maxLength ?? 2000 });
        input.value = f.value ?? '';
      } else if (f.type === 'select') {
        input = h('select', { id, name: f.name }, f.options.map(([v, l]) => h('option', { value: v, text: l })));
        if (f.value !== undefined) input.value = String(f.value);
      } else {
        input = h('input', { id, name: f.name, type: f.type ?? 'text', required: !!f.required, min: f.min, max: f.max });
        if (f.value !== undefined) input.value = String(f.value);
      }
      const hintId = f.hint ? `${id}-hint` : null;
      if (hintId) input.setAttribute('aria-describedby', hintId);
      inputs[f.name] = input;
      form.append(h('div', { class: 'field' },
        h('label', { htmlFor: id, text: f.label }),
        hintId ? h('p', { class: 'hint', id: hintId, text: f.hint }) : null,
        input));
    }
    const cancelBtn = h('button', { type: 'button', class: 'button secondary', text: cancel });
    const okBtn = h('button', { type: 'submit', class: danger ? 'button danger' : 'button', text: confirm, value: 'ok' });
    form.append(h('div', { class: 'actions' }, cancelBtn, okBtn));

    const dialog = h('dialog', { class: 'dialog', attrs: { 'aria-labelledby': heading.id } }, form);
    let result = null;
    cancelBtn.addEventListener('click', () => dialog.close());
    form.addEventListener('submit', (e) => {
      if (!form.checkValidity()) { e.preventDefault(); form.reportValidity(); return; }
      result = Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.value.trim()]));
    });
    dialog.addEventListener('close', () => { dialog.remove(); resolve(result); });
    document.body.append(dialog);
    dialog.showModal();
    (Object.values(inputs)[0] ?? okBtn).focus();
  });
}

/** A yes/no question. */
export async function confirmAction(title, intro, confirm = 'Yes', danger = false) {
  return (await ask({ title, intro, confirm, danger })) !== null;
}

/** Renders support contacts as a list with tap-to-call, text and web links. */
export function contactList(contacts) {
  return h('ul', { class: 'contacts' }, (contacts ?? []).map((c) => h('li', { class: 'contact' },
    h('p', { class: 'contact-name', text: c.name }),
    c.hours ? h('p', { class: 'contact-hours muted', text: c.hours }) : null,
    h('p', { class: 'contact-links' },
      c.phone ? h('a', { class: 'button small', href: `tel:${String(c.phone).replace(/[^\d+]/g, '')}`, text: `Call ${c.phone}` }) : null,
      c.text ? textLink(c.text) : null,
      c.url && /^https?:\/\//i.test(c.url) ? h('a', { class: 'button small secondary', href: c.url, rel: 'noopener noreferrer', target: '_blank', text: `Visit ${displayUrl(c.url)}` }) : null))));
}

// `text` is either a number ("85258") or "SHOUT to 85258" style wording; make an sms: link from its number.
function textLink(text) {
  const value = String(text);
  const match = /(?:^|\bto\s+)(\+?\d[\d\s]{2,})$/i.exec(value.trim()) ?? /(\+?\d[\d\s]{2,})/.exec(value);
  const number = match ? match[1].replace(/\s/g, '') : '';
  const word = /^([A-Za-z]+)\s+to\s+/i.exec(value.trim());
  const body = word ? `?&body=${encodeURIComponent(word[1])}` : '';
  if (!number) return h('span', { text: `Text: ${value}` });
  return h('a', { class: 'button small secondary', href: `sms:${number}${body}`, text: /^\+?\d[\d\s]*$/.test(value.trim()) ? `Text ${value}` : `Text ${value}` });
}

function displayUrl(url) {
  try { return new URL(url).host.replace(/^www\./, ''); } catch { return url; }
}

/** Keeps a tiny connection indicator in sync with the hub's status. */
export function connectionBadge(el) {
  return (status) => {
    const labels = {
      connecting: 'Connecting…',
      connected: 'Connected',
      reconnecting: 'Reconnecting…',
      disconnected: 'Offline — trying again',
    };
    el.textContent = labels[status] ?? status;
    el.dataset.status = status;
  };
}
