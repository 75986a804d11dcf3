import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzReferenceApp } from '../../reference-app/fuzz-long.js';
import { app, send } from './helpers.js';

describe('reference app: fuzz', () => {
  it('answers 10 000 generated requests without a 5xx, always as SCIM, and failed writes change nothing', async () => {
    const report = await fuzzReferenceApp({ runs: 10_000, seed: 20260115 });
    assert.equal(report.failure, undefined, `invariant broken: ${report.failure}`);
    const total = Object.values(report.statuses).reduce((a, b) => a + b, 0);
    assert.equal(total, 10_000, 'every run sent one request');
    const ok = (report.statuses['200'] ?? 0) + (report.statuses['201'] ?? 0) + (report.statuses['204'] ?? 0);
    assert.ok(ok > 300, `the fuzz reaches the handlers, not only the error paths (${ok} successes: ${JSON.stringify(report.statuses)})`);
  });

  it('drops __proto__ keys from bodies so nothing reaches a prototype', async () => {
    const a = app();
    await send(a, 'POST', 'Users', '{"userName":"proto","__proto__":{"polluted":true},"name":{"__proto__":{"polluted":true}}}');
    await send(a, 'PATCH', 'Users/x', '{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","value":{"__proto__":{"polluted":true}}}]}');
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype untouched');
    await a.close();
  });
});
