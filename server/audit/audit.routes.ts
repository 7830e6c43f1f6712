import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { BadUserInputError, refuseNulCharacter } from '../kernel/errors.js';
import { Permission } from '../kernel/permissions.js';
import { missingPermission, type Viewer } from '../kernel/viewer.js';
import { type AuditQueryService, outsideYearRange } from './audit.query.js';
import { AUDIT_CSV_HEADER, auditCsvLine } from './audit-csv.js';

const PARAMETERS = ['apiClientId', 'actorId', 'action', 'from', 'to'] as const;

/**
 * `GET /audit/export.csv?apiClientId=&actorId=&action=&from=&to=`: the filtered audit trail as CSV, newest first,
 * with the same filters and permissions as the `auditEvents` query, streamed so any number of events fits.
 */
export function registerAuditRoutes(
  app: FastifyInstance,
  audit: AuditQueryService,
  viewerFor: (request: FastifyRequest) => Promise<Viewer>,
): void {
  app.get('/audit/export.csv', async (request, reply) => {
    const viewer = await viewerFor(request);
    if (!viewer.can(Permission.CLIENT_ADMINISTRATION) && !viewer.can(Permission.SECURITY_ADMINISTRATION)) {
      throw missingPermission(Permission.CLIENT_ADMINISTRATION, Permission.SECURITY_ADMINISTRATION);
    }
    const query = request.query as Record<string, unknown>;
    const text = (name: (typeof PARAMETERS)[number]) => {
      const value = query[name];
      if (value !== undefined && typeof value !== 'string') throw new BadUserInputError(name, `Give "${name}" once.`);
      if (value !== undefined) refuseNulCharacter(name, value);
      return value?.trim() || null;
    };
    const filter = {
      apiClientId: text('apiClientId'),
      actorId: text('actorId'),
      action: text('action'),
      from: instant('from', text('from')),
      to: instant('to', text('to')),
    };
    const events = audit.all(viewer, filter);
    // Pull the first batch before answering, so a bad filter is a 400, not a broken download.
    const first = await events.next();
    async function* lines() {
      yield AUDIT_CSV_HEADER;
      if (first.done) return;
      yield auditCsvLine(first.value);
      for await (const event of events) yield auditCsvLine(event);
    }
    const day = new Date().toISOString().slice(0, 10);
    return reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="keyward-audit-${day}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(lines()));
  });
}

function instant(name: string, value: string | null): Date | null {
  if (value === null) return null;
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new BadUserInputError(name, `"${name}" must be an ISO-8601 date or date-time, such as 2026-11-01 or 2026-11-01T09:30:00Z.`);
  }
  const refusal = outsideYearRange(name, date);
  if (refusal) throw new BadUserInputError(name, refusal);
  return date;
}
