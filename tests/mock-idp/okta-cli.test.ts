/**
 * `idp … --profile okta` end to end (cli/commands/idp/): sync twice (the second sends nothing), logs marked as
 * Okta's, status naming the profile, Test API Credentials, import-from-target, `--okta-user-updates patch` on the
 * wire (the --exchanges file), and clear one-line errors for flags of the other profile.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DirectoryInput } from '../../mock-idp/directory/types.js';
import type { ProvisioningObjectSummary } from '../../mock-idp/index.js';
import type { RunningReferenceApp } from '../../reference-app/server.js';
import { startTarget, TOKEN } from './helpers.js';
import { runIdp, type IdpRun } from './run-idp.js';

let app: RunningReferenceApp;
let dir: string;
before(async () => {
  app = await startTarget();
  dir = mkdtempSync(join(tmpdir(), 'idp-okta-cli-'));
});
after(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

const idp = (args: string[]): Promise<IdpRun> => runIdp(args, dir);

function writeDirectory(file: string, givenName: string, prefix = 'cli'): void {
  const d: DirectoryInput = {
    users: [1, 2].map((n) => ({ id: `cli-u${n}`, userPrincipalName: `okta.${prefix}${n}@example.com`, givenName: n === 1 ? givenName : 'Other', surname: 'Person', mail: `okta.${prefix}${n}@example.com` })),
    groups: [{ id: 'cli-g1', displayName: `okta ${prefix} group`, members: ['cli-u1', 'cli-u2'] }],
    assignments: [{ principalId: 'cli-g1', principalType: 'Group' }],
  };
  writeFileSync(join(dir, file), JSON.stringify(d));
}

test('idp sync / logs / status / test-connection / import-from-target with --profile okta', async () => {
  writeDirectory('dir.json', 'First');
  const target = ['--url', app.url, '--token', TOKEN, '--state', 's.sqlite'];
  let r = await idp(['sync', '--profile', 'okta', ...target, '--directory', 'dir.json']);
  assert.equal(r.code, 0, `sync: ${r.err}${r.out}`);
  assert.match(r.out, /initial cycle \w+ at .*: created 3, updated 0, disabled 0, deleted 0, skipped 0, failed 0/, `two users and a group pushed: ${r.out}`);
  r = await idp(['sync', '--profile', 'okta', ...target]);
  assert.match(r.out, /incremental cycle .*: created 0, updated 0, .* 0 requests in/, `the second sync sends nothing: ${r.out}`);

  r = await idp(['logs', '--state', 's.sqlite', '--format', 'json']);
  const logs = JSON.parse(r.out) as ProvisioningObjectSummary[];
  assert.deepEqual(logs.map((l) => [l.provisioningAction, l.sourceSystem.displayName]), [['create', 'Okta'], ['create', 'Okta'], ['create', 'Okta']], 'three creates, marked as Okta\'s');
  r = await idp(['status', '--state', 's.sqlite']);
  assert.match(r.out, /^profile okta; clock /, `status names the profile: ${r.out}`);

  r = await idp(['test-connection', '--profile', 'okta', '--url', app.url, '--token', TOKEN]);
  assert.equal(r.code, 0, `test-connection: ${r.err}${r.out}`);
  assert.match(r.out, /^ok {3}GET \/Users\?startIndex=1&count=2: answered 200 with a ListResponse \(totalResults \d+\)\nok {3}GET \/Groups\?startIndex=1&count=100: /, `Okta's two probes: ${r.out}`);

  r = await idp(['import-from-target', '--profile', 'okta', ...target]);
  assert.equal(r.code, 0, `import: ${r.err}${r.out}`);
  assert.match(r.out, /^import \w+: users \d+ read, 2 matched, 0 linked; groups \d+ read, 1 matched, 0 linked; \d+ pages$/m, `import summary: ${r.out}`);

  writeDirectory('dir.json', 'Changed');
  r = await idp(['sync', '--profile', 'okta', '--okta-user-updates', 'patch', ...target, '--directory', 'dir.json', '--exchanges', 'ex.jsonl']);
  assert.match(r.out, /updated 1,/, `one profile update: ${r.out}`);
  const lines = readFileSync(join(dir, 'ex.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { request: { method: string; body: unknown; headers: Record<string, string> } });
  assert.deepEqual(lines.map((l) => l.request.method), ['PATCH'], 'with --okta-user-updates patch, one PATCH and no GET');
  assert.deepEqual(lines[0]?.request.body, { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', value: { name: { givenName: 'Changed' }, displayName: 'Changed Person' } }] }, 'the path-less replace of what changed (the displayName follows the names)');
  assert.equal(lines[0]?.request.headers['user-agent'], 'Okta SCIM Client 1.0.0', 'Okta\'s User-Agent on the wire');
  assert.ok(!readFileSync(join(dir, 'ex.jsonl'), 'utf8').includes(TOKEN), 'the token is not in the exchange log');
});

test('flags of the other profile, PATCH updates on an AIW app, Entra on an Okta state, and import without --profile okta are clear errors', async () => {
  const target = ['--url', app.url, '--token', TOKEN, '--state', 'e.sqlite'];
  let r = await idp(['sync', '--okta-aiw', ...target]);
  assert.match(r.err, /--okta-aiw applies to --profile okta only/, `okta flag on entra: ${r.err}`);
  r = await idp(['sync', '--profile', 'okta', '--okta-aiw', '--okta-user-updates', 'patch', ...target]);
  assert.match(r.err, /--okta-user-updates patch does not apply with --okta-aiw/, `an AIW app has no PATCH updates: ${r.err}`);
  r = await idp(['sync', '--profile', 'okta', '--dialect', 'aadOptscim062020', ...target]);
  assert.match(r.err, /--dialect applies to --profile entra only/, `entra flag on okta: ${r.err}`);
  r = await idp(['import-from-target', ...target]);
  assert.match(r.err, /Entra does not import from the app: use --profile okta/, `import on entra: ${r.err}`);
  writeDirectory('e.json', 'First', 'errors');
  r = await idp(['sync', '--profile', 'okta', ...target, '--directory', 'e.json']);
  assert.equal(r.code, 0, `okta sync: ${r.err}`);
  r = await idp(['sync', ...target]);
  assert.match(r.err, /holds links of the Okta profile: use --profile okta/, `entra on an okta state: ${r.err}`);
});
