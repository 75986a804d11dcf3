/** Provisioning-log exports: Graph JSON, one flat CSV (like the portal's ProvisioningLogs.csv), a terminal table. */
import type { ProvisioningObjectSummary } from './store.js';

export type LogFormat = 'json' | 'csv' | 'table';

function csvCell(v: string): string {
  return /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

const COLUMNS: Array<[string, (s: ProvisioningObjectSummary) => string]> = [
  ['id', (s) => s.id],
  ['activityDateTime', (s) => s.activityDateTime],
  ['cycleId', (s) => s.cycleId],
  ['changeId', (s) => s.changeId],
  ['jobId', (s) => s.jobId],
  ['action', (s) => s.provisioningAction],
  ['status', (s) => s.provisioningStatusInfo.status],
  ['sourceIdentityType', (s) => s.sourceIdentity.identityType],
  ['sourceId', (s) => s.sourceIdentity.id],
  ['sourceDisplayName', (s) => s.sourceIdentity.displayName],
  ['targetId', (s) => s.targetIdentity.id],
  ['errorCode', (s) => s.provisioningStatusInfo.errorInformation?.errorCode ?? ''],
  ['errorReason', (s) => s.provisioningStatusInfo.errorInformation?.reason ?? ''],
  ['durationInMilliseconds', (s) => String(s.durationInMilliseconds)],
  ['modifiedProperties', (s) => s.modifiedProperties.map((m) => `${m.displayName}=${m.oldValue ?? ''}->${m.newValue ?? ''}`).join('; ')],
  ['steps', (s) => s.provisioningSteps.map((p) => `${p.provisioningStepType}:${p.status}`).join(' > ')],
];

export function renderLogs(entries: ProvisioningObjectSummary[], format: LogFormat): string {
  if (format === 'json') return `${JSON.stringify(entries, null, 2)}\n`;
  if (format === 'csv') {
    const lines = [COLUMNS.map(([h]) => h).join(',')];
    for (const e of entries) lines.push(COLUMNS.map(([, f]) => csvCell(f(e))).join(','));
    return `${lines.join('\r\n')}\r\n`;
  }
  const rows = entries.map((e) => [
    e.activityDateTime.slice(0, 19).replace('T', ' '),
    e.provisioningAction,
    e.provisioningStatusInfo.status,
    e.sourceIdentity.displayName.slice(0, 40),
    e.targetIdentity.id.slice(0, 36),
    e.provisioningStatusInfo.errorInformation?.errorCode ?? '',
  ]);
  const header = ['time (simulated)', 'action', 'status', 'identity', 'target id', 'error'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}
