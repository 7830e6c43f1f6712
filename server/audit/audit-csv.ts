import type { AuditEvent } from './audit-event.entity.js';

/** The columns of the CSV export, in order: what the audit page shows, plus the ids a script joins on. */
const COLUMNS: [string, (event: AuditEvent) => unknown][] = [
  ['occurred_at', (e) => e.occurredAt.toISOString()],
  ['actor_type', (e) => e.actorType],
  ['actor', (e) => e.actorName],
  ['actor_id', (e) => e.actorId],
  ['action', (e) => e.action],
  ['target_type', (e) => e.targetType],
  ['target', (e) => e.targetName],
  ['target_id', (e) => e.targetId],
  ['api_client_id', (e) => e.apiClientId],
  ['changes', (e) => describeChanges(e.changes)],
  ['ip_address', (e) => e.ipAddress],
  ['user_agent', (e) => e.userAgent],
  ['request_id', (e) => e.requestId],
  ['event_id', (e) => e.id],
];

export const AUDIT_CSV_HEADER = `${COLUMNS.map(([name]) => csvCell(name)).join(',')}\r\n`;

/** One RFC 4180 line (CRLF-terminated). */
export function auditCsvLine(event: AuditEvent): string {
  return `${COLUMNS.map(([, value]) => csvCell(value(event))).join(',')}\r\n`;
}

/** "field: from → to; …", the way the audit page shows them. */
function describeChanges(changes: AuditEvent['changes']): string {
  return Object.entries(changes ?? {})
    .map(([field, { from, to }]) =>
      from === null || from === undefined ? `${field}: ${show(to)}` : `${field}: ${show(from)} → ${show(to)}`,
    )
    .join('; ');
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '(none)';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.length > 0 ? value.map(show).join(', ') : '(none)';
  return JSON.stringify(value);
}

/**
 * Every cell quoted (RFC 4180), so no reader has to guess where a cell ends, whatever a user typed; a cell that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) gets a leading apostrophe, since names and
 * user agents come from users (CSV injection).
 */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '""';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}
