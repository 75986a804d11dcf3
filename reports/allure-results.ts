/**
 * allure-results written straight from a report, for producers that do not run Playwright (`scim-conform replay`):
 * one result per check with the labels the harness gives its checks (epic = area, a feature per requirement,
 * severity, level tag, verdict), the message as status details and the exchanges as a JSON attachment.
 * allure-js-commons' FileSystemWriter writes the files, so their shape is Allure's own.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { ContentType, Stage, Status, type Label } from 'allure-js-commons';
import { FileSystemWriter } from 'allure-js-commons/sdk/reporter';
import { ALLURE_VERDICT_LABEL, type CheckStatus } from '../core/evidence.js';
import type { Level } from '../core/requirements.js';
import type { ComplianceReport, ReportCheck } from './model.js';

const STATUS: Record<CheckStatus, Status> = {
  pass: Status.PASSED,
  info: Status.PASSED,
  // A warning never fails CI (as in JUnit): passed, with the message in the details.
  warn: Status.PASSED,
  fail: Status.FAILED,
  error: Status.BROKEN,
  na: Status.SKIPPED,
  blocked: Status.SKIPPED,
};
const SEVERITY: Record<Level, string> = { MUST: 'critical', COND: 'normal', SHOULD: 'minor' };

function labelsOf(c: ReportCheck): Label[] {
  const area = c.area ?? c.id.split('/')[0] ?? c.id;
  return [
    { name: 'epic', value: area },
    { name: 'suite', value: area },
    ...c.requirements.map((r) => ({ name: 'feature', value: r })),
    ...(c.level ? [{ name: 'severity', value: SEVERITY[c.level] }, { name: 'tag', value: c.level }] : []),
    { name: ALLURE_VERDICT_LABEL, value: c.status },
  ];
}

/** Writes one Allure result per check of the report into `dir`; returns how many. */
export function writeAllureResults(report: ComplianceReport, dir: string): number {
  mkdirSync(dir, { recursive: true });
  const writer = new FileSystemWriter({ resultsDir: dir });
  let start = Date.parse(report.startedAt) || Date.now();
  for (const c of report.checks) {
    const source = `${randomUUID()}-attachment.json`;
    writer.writeAttachment(source, Buffer.from(JSON.stringify(c.exchanges, null, 2)));
    const details = c.message ?? c.reason;
    writer.writeResult({
      uuid: randomUUID(),
      name: c.title,
      fullName: c.id,
      historyId: c.id,
      testCaseId: c.id,
      status: STATUS[c.status],
      statusDetails: {
        ...(details !== undefined ? { message: details } : {}),
        ...(c.expected !== undefined ? { expected: c.expected } : {}),
        ...(c.actual !== undefined ? { actual: c.actual } : {}),
      },
      stage: Stage.FINISHED,
      steps: [],
      attachments: [{ name: 'exchanges', source, type: ContentType.JSON }],
      parameters: [],
      labels: labelsOf(c),
      links: [],
      start,
      stop: start + c.durationMs,
    });
    start += c.durationMs;
  }
  return report.checks.length;
}
