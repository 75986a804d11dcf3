import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newSecret, SECRET_PREFIX } from '../../core/secret.js';

test('made-up secrets carry the prefix, never start with "-", and do not repeat', () => {
  const secrets = Array.from({ length: 2_000 }, () => newSecret());
  for (const s of secrets) {
    assert.ok(s.startsWith(SECRET_PREFIX), `${s.slice(0, 4)}… carries the prefix`);
    assert.match(s, /^[A-Za-z0-9_][A-Za-z0-9_-]+$/, 'URL- and shell-safe, and not an option after --token');
    assert.equal(s.length, SECRET_PREFIX.length + 32, '24 random bytes in base64url');
  }
  assert.equal(new Set(secrets).size, secrets.length, 'no two alike');
  // Without the prefix, about one base64url secret in 64 would start with "-".
  assert.ok(secrets.some((s) => s[SECRET_PREFIX.length] === '-'), 'the random part itself may start with "-" (so the prefix matters)');
});
