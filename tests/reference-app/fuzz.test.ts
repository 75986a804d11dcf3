import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fuzzReferenceApp } from './fuzz-long.js';
import { parseJsonText } from '../../reference-app/http/json-body.js';
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

  it('drops __proto__ keys while parsing, also when they are spelled with \\u escapes', () => {
    for (const text of ['{"__proto__":{"p":1},"a":{"__proto__":2}}', '{"\\u005f_proto__":{"p":1},"a":{"__pr\\u006fto__":2}}']) {
      const value = parseJsonText(text) as Record<string, Record<string, unknown>>;
      assert.equal(Object.hasOwn(value, '__proto__'), false, `no own __proto__ at the top of ${text}`);
      assert.equal(Object.hasOwn(value.a ?? {}, '__proto__'), false, `no own __proto__ below it in ${text}`);
    }
    assert.deepEqual(parseJsonText('{"givenName":"M\\u00fcller","n":[1,true,null]}'), { givenName: 'Müller', n: [1, true, null] }, 'everything else is read as usual');
    assert.throws(() => parseJsonText('{"a":'), (e: unknown) => e instanceof Error && /not valid JSON/.test(e.message), 'malformed JSON is a SCIM error');
  });
});
