// Concerns, shared by /moderate and /safeguarding: severity shown with colour, icon and words.

import { h, toDate } from './ui.js';

export const SEVERITY_RANK = { none: 0, low: 1, medium: 2, high: 3, critical: 4 };

const SEVERITY = {
  none: { icon: '○', label: 'No severity' },
  low: { icon: 'ℹ', label: 'Low' },
  medium: { icon: '▲', label: 'Medium' },
  high: { icon: '⚠', label: 'High' },
  critical: { icon: '⛔', label: 'Critical' },
};

/** Default of Safeguarding:AcknowledgeWithin, used only if the server does not send a deadline. */
export const DEFAULT_ACKNOWLEDGE_MS = 5 * 60_000;

export function severityBadge(severity) {
  const s = SEVERITY[severity] ?? SEVERITY.none;
  return h('span', { class: 'sev', dataset: { severity: severity ?? 'none' } },
    h('span', { 'aria-hidden': 'true', text: s.icon }),
    h('span', { text: s.label }));
}

export function severityLabel(severity) {
  return (SEVERITY[severity] ?? SEVERITY.none).label;
}

export function isHighSeverity(c) {
  return c.severity === 'high' || c.severity === 'critical';
}

export function isAcknowledged(c) {
  return Boolean(c.acknowledgedAt) || ['acknowledged', 'resolved', 'closed'].includes(c.status);
}

export function isResolved(c) {
  return c.status === 'resolved' || c.status === 'closed' || Boolean(c.resolvedAt);
}

/** Unacknowledged high or critical: must be unmistakable. */
export function isUrgent(c) {
  return isHighSeverity(c) && !isAcknowledged(c) && !isResolved(c);
}

/**
 * When the concern must be acknowledged by. The server should send it (`acknowledgeBy`);
 * otherwise it is raisedAt + the default window, and `estimated` says so.
 */
export function deadlineOf(c) {
  const explicit = toDate(c.acknowledgeBy ?? c.acknowledgeDeadline ?? c.deadline ?? c.dueAt);
  if (explicit) return { at: explicit, estimated: false };
  const raised = toDate(c.raisedAt);
  return raised ? { at: new Date(raised.getTime() + DEFAULT_ACKNOWLEDGE_MS), estimated: true } : null;
}

/** Urgent first (soonest deadline first), then by severity, then newest first. */
export function compareConcerns(a, b) {
  const ua = isUrgent(a) ? 1 : 0;
  const ub = isUrgent(b) ? 1 : 0;
  if (ua !== ub) return ub - ua;
  if (ua && ub) {
    const da = deadlineOf(a)?.at?.getTime() ?? 0;
    const db = deadlineOf(b)?.at?.getTime() ?? 0;
    if (da !== db) return da - db;
  }
  const sa = SEVERITY_RANK[a.severity] ?? 0;
  const sb = SEVERITY_RANK[b.severity] ?? 0;
  if (sa !== sb) return sb - sa;
  return (toDate(b.raisedAt)?.getTime() ?? 0) - (toDate(a.raisedAt)?.getTime() ?? 0);
}

const CATEGORY_LABELS = {
  selfHarm: 'Self-harm',
  selfharm: 'Self-harm',
  'self-harm': 'Self-harm',
  suicide: 'Suicide',
  suicidalIdeation: 'Suicidal thoughts',
  abuse: 'Abuse',
  bullying: 'Bullying',
  grooming: 'Grooming',
  contact: 'Personal contact details',
  personalInfo: 'Personal details',
  methods: 'Methods',
  eatingDisorder: 'Eating',
  substance: 'Drugs or alcohol',
  harmToOthers: 'Harm to others',
  peerReport: 'Peer report',
  report: 'Peer report',
  moderator: 'Moderator escalation',
  escalation: 'Moderator escalation',
};

export function categoryLabel(category) {
  if (!category) return 'Uncategorised';
  const key = String(category);
  if (CATEGORY_LABELS[key]) return CATEGORY_LABELS[key];
  const spaced = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[-_]/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1).toLowerCase();
}

export function categoriesText(c) {
  const cats = Array.isArray(c.categories) ? c.categories : [];
  return cats.length ? cats.map(categoryLabel).join(', ') : 'Uncategorised';
}

export function statusLabel(c) {
  if (isResolved(c)) return 'Resolved';
  if (isAcknowledged(c)) return 'Acknowledged';
  return 'Not yet acknowledged';
}
