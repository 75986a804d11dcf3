/**
 * Provisioning logs: the table one page at a time with the portal's filters (identity, date range, status,
 * action, job, cycle, change id), and the download as JSON or CSV in Graph's shape, what `idp logs` exports.
 */
import type { FastifyInstance } from 'fastify';
import { logPage, MAX_PAGE, renderLogs, selectLogs, type LogFilter, type ProvisioningAction, type ProvisioningStatus } from '../../mock-idp/index.js';
import type { ConsoleSession } from '../session.js';
import { dateTime, fieldsOf, oneOf, optionalString, wholeNumber, type Fields } from './input.js';

const STATUSES: readonly ProvisioningStatus[] = ['success', 'warning', 'failure', 'skipped'];
const ACTIONS: readonly ProvisioningAction[] = ['create', 'update', 'delete', 'stagedDelete', 'disable', 'other'];

function filterOf(q: Fields): LogFilter {
  const f: LogFilter = {};
  const identity = optionalString(q, 'identity');
  const status = oneOf(q, 'status', STATUSES);
  const action = oneOf(q, 'action', ACTIONS);
  const cycleId = optionalString(q, 'cycle');
  const changeId = optionalString(q, 'change');
  const jobId = optionalString(q, 'job');
  const from = dateTime(q, 'from');
  const to = dateTime(q, 'to');
  if (identity) f.identity = identity;
  if (status) f.status = status;
  if (action) f.action = action;
  if (cycleId) f.cycleId = cycleId.trim();
  if (changeId) f.changeId = changeId.trim();
  if (jobId) f.jobId = jobId.trim();
  if (from !== undefined) f.from = from;
  if (to !== undefined) f.to = to;
  return f;
}

export function logRoutes(app: FastifyInstance, session: ConsoleSession): void {
  app.get('/api/logs', async (req) => {
    const q = fieldsOf(req.query, 'query');
    const page = logPage(session.db, filterOf(q), wholeNumber(q, 'offset', 0), wholeNumber(q, 'limit', 50, MAX_PAGE) || 1);
    return { ...page, items: page.items.map((e) => redactEntry(session, e)) };
  });
  app.get('/api/logs/download', async (req, reply) => {
    const q = fieldsOf(req.query, 'query');
    const format = oneOf(q, 'format', ['json', 'csv'] as const) ?? 'json';
    const entries = [...selectLogs(session.db, filterOf(q))].map((e) => redactEntry(session, e));
    void reply
      .header('content-type', format === 'json' ? 'application/json; charset=utf-8' : 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="ProvisioningLogs.${format}"`);
    return renderLogs(entries, format);
  });
}

/** Error reasons quote the target's answers: the token is scrubbed wherever the target echoed it. */
function redactEntry<T>(session: ConsoleSession, entry: T): T {
  return session.redactor.body(entry) as T;
}
