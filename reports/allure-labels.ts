/**
 * What Allure shows of a check beyond Playwright's own result: its labels (area, requirements, severity, level,
 * verdict, attributes) and the exchanges as one JSON attachment, made in the runner from the evidence record the
 * check attached. The worker used to send both through allure-js-commons: two more Playwright steps per check and,
 * in each worker, the import of allure-playwright's runtime (130–180 ms) on its first check.
 */
import type { TestCase, TestResult } from '@playwright/test/reporter';
import { ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE } from 'allure-js-commons/sdk/reporter';
import { areaOf } from '../core/check-id.js';
import { ALLURE_ATTRIBUTES_LABEL, ALLURE_VERDICT_LABEL, ANNOTATION, EVIDENCE_ATTACHMENT, type CheckRecord } from '../core/evidence.js';
import type { Level } from '../core/requirements.js';

export interface AllureLabel {
  name: string;
  value: string;
}

const SEVERITY: Record<Level, string> = { MUST: 'critical', COND: 'normal', SHOULD: 'minor' };

/** The labels of a check at `level` (its strongest requirement's), as the harness declared them. */
export function checkLabels(record: Pick<CheckRecord, 'id' | 'requirements' | 'status' | 'attributes'>, level: Level): AllureLabel[] {
  const attributes = record.attributes ?? [];
  return [
    ...(attributes.length ? [{ name: ALLURE_ATTRIBUTES_LABEL, value: attributes.join(', ') }] : []),
    { name: 'epic', value: areaOf(record.id) },
    ...record.requirements.map((id) => ({ name: 'feature', value: id })),
    { name: 'severity', value: SEVERITY[level] },
    { name: 'tag', value: level },
    { name: ALLURE_VERDICT_LABEL, value: record.status },
  ];
}

const isLevel = (v: string | undefined): v is Level => v !== undefined && v in SEVERITY;

/**
 * `result` with the check's labels (as an Allure runtime message, the form allure-playwright reads from a worker)
 * and its exchanges appended to the attachments; unchanged when it carries no readable evidence record (a test
 * that is not a check, or one whose worker died).
 */
export function withCheckMetadata(test: Pick<TestCase, 'annotations'>, result: TestResult): TestResult {
  const evidence = result.attachments.find((a) => a.name === EVIDENCE_ATTACHMENT && a.body);
  const level = test.annotations.find((a) => a.type === ANNOTATION.level)?.description;
  if (!evidence?.body || !isLevel(level)) return result;
  let record: CheckRecord;
  try {
    record = JSON.parse(evidence.body.toString('utf8')) as CheckRecord;
  } catch {
    return result;
  }
  const labels = { type: 'metadata', data: { labels: checkLabels(record, level) } };
  return {
    ...result,
    attachments: [
      ...result.attachments,
      { name: 'Allure Metadata (metadata)', contentType: ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE, body: Buffer.from(JSON.stringify(labels)) },
      ...(record.exchanges?.length ? [{ name: 'exchanges', contentType: 'application/json', body: Buffer.from(JSON.stringify(record.exchanges, null, 2)) }] : []),
    ],
  };
}
