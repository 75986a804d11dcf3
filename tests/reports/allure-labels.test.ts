/**
 * The Allure labels and exchanges attachment the runner's reporter makes from a check's evidence record
 * (reports/allure-labels.ts): the labels the harness declared, in the runtime message allure-playwright reads.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TestResult } from '@playwright/test/reporter';
import { ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE } from 'allure-js-commons/sdk/reporter';
import { ANNOTATION, EVIDENCE_ATTACHMENT, type CheckRecord } from '../../core/evidence.js';
import { checkLabels, withCheckMetadata } from '../../reports/allure-labels.js';

const record: CheckRecord = {
  id: 'patch/replace-single-valued@aadOptscim062020',
  title: 'Sends PATCH replace',
  requirements: ['PATCH-REPLACE', 'PATCH-204'],
  status: 'warn',
  attributes: ['title', 'nickName'],
  exchanges: [{ n: 1 } as unknown as CheckRecord['exchanges'][number]],
  durationMs: 12,
};
const result = (attachments: TestResult['attachments']): TestResult => ({ status: 'passed', attachments } as unknown as TestResult);
const evidence = { name: EVIDENCE_ATTACHMENT, contentType: 'application/json', body: Buffer.from(JSON.stringify(record)) };
const annotated = { annotations: [{ type: ANNOTATION.level, description: 'SHOULD' }] };

test('checkLabels: attributes, the area as epic, a feature per requirement, severity and tag from the level, the verdict', () => {
  assert.deepEqual(checkLabels(record, 'SHOULD'), [
    { name: 'scim-conform-attributes', value: 'title, nickName' },
    { name: 'epic', value: 'patch' },
    { name: 'feature', value: 'PATCH-REPLACE' },
    { name: 'feature', value: 'PATCH-204' },
    { name: 'severity', value: 'minor' },
    { name: 'tag', value: 'SHOULD' },
    { name: 'scim-conform-verdict', value: 'warn' },
  ]);
  assert.equal(checkLabels({ ...record, attributes: [] }, 'MUST')[0]?.name, 'epic', 'no attributes label when none were written');
});

test('withCheckMetadata appends the labels as a runtime message and the exchanges, leaving the result it was given alone', () => {
  const given = result([evidence]);
  const out = withCheckMetadata(annotated, given);
  assert.equal(given.attachments.length, 1, 'the result the other reporters see is not changed');
  const [, message, exchanges] = out.attachments;
  assert.equal(message?.contentType, ALLURE_RUNTIME_MESSAGE_CONTENT_TYPE, 'an Allure runtime message');
  assert.deepEqual(JSON.parse(message?.body?.toString() ?? ''), { type: 'metadata', data: { labels: checkLabels(record, 'SHOULD') } }, 'carrying the labels');
  assert.deepEqual(JSON.parse(exchanges?.body?.toString() ?? ''), record.exchanges, 'the exchanges as JSON');
  assert.equal(exchanges?.name, 'exchanges', 'named as before');
});

test('withCheckMetadata leaves a result alone without evidence, level or a readable record', () => {
  const bare = result([]);
  assert.equal(withCheckMetadata(annotated, bare), bare, 'no evidence');
  const noLevel = result([evidence]);
  assert.equal(withCheckMetadata({ annotations: [] }, noLevel), noLevel, 'no level annotation');
  const garbled = result([{ ...evidence, body: Buffer.from('{') }]);
  assert.equal(withCheckMetadata(annotated, garbled), garbled, 'unreadable record');
});
