/** Provision on demand (docs/entra-behaviour.md §4.12): five steps, default dialect always, one group with at most 5 members. */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningReferenceApp } from '../../reference-app/server.js';
import { openDb } from '../../mock-idp/db.js';
import { loadMappings } from '../../mock-idp/mappings/mappings.js';
import { provisionOnDemand } from '../../mock-idp/on-demand.js';
import { clientFor, newJob, recordingClient, startTarget } from './helpers.js';

let app: RunningReferenceApp;
before(async () => {
  app = await startTarget();
});
after(async () => {
  await app.close();
});

test('one user: five steps; the flagged dialect does not apply on demand', async () => {
  const P = 'od-';
  const db = openDb(':memory:');
  const { client, seen } = recordingClient(app.url);
  const job = newJob(app.url, { db, client, dialect: 'aadOptscim062020' });
  job.dir.importDirectory({ users: [{ id: `${P}1`, userPrincipalName: `${P}1@contoso.example`, displayName: 'On Demand', jobTitle: 'A' }] });
  const opts = { db, client, mappings: loadMappings() };
  let r = await provisionOnDemand(opts, { user: `${P}1` });
  assert.deepEqual(r.steps.map((s) => [s.number, s.name, s.status]), [
    [1, 'Test connection', 'success'], [2, 'Import user', 'success'], [3, 'Determine if user is in scope', 'success'],
    [4, 'Match user between source and target', 'success'], [5, 'Perform action', 'success'],
  ], 'the five steps of the portal');
  assert.ok(r.steps[2]?.details.includes('assigned: true'), 'scope details listed');
  assert.match(r.steps[4]?.details[0] ?? '', /User On Demand: create \(success\)/, 'the action');
  assert.equal(r.logs[0]?.initiatedBy.initiatorType, 'user', 'logged as initiated on demand');
  job.dir.importDirectory({ users: [{ id: `${P}1`, userPrincipalName: `${P}1@contoso.example`, displayName: 'On Demand', jobTitle: 'B' }] });
  seen.length = 0;
  r = await provisionOnDemand(opts, { user: `${P}1` });
  const patch = seen.find((x) => x.method === 'PATCH');
  assert.deepEqual((patch?.body as { Operations: unknown[] }).Operations, [{ op: 'Replace', path: 'title', value: 'B' }], 'default dialect on demand, even for a flagged job');
  assert.match(r.steps[4]?.details.join('\n') ?? '', /title: A → B/, 'modified properties shown');
  assert.equal(job.state.get('watermark'), undefined, 'on demand does not move the watermark');
  await assert.rejects(provisionOnDemand(opts, { user: 'nobody' }), /no user with id "nobody"/, 'unknown user');
});

test('one group with up to five members', async () => {
  const P = 'odg-';
  const db = openDb(':memory:');
  const job = newJob(app.url, { db });
  const users = Array.from({ length: 7 }, (_, i) => ({ id: `${P}${i}`, userPrincipalName: `${P}${i}@contoso.example` }));
  job.dir.importDirectory({ users, groups: [{ id: `${P}g`, displayName: `${P}Group`, members: users.map((u) => u.id) }] });
  const o = { db, client: clientFor(app.url), mappings: loadMappings() };
  await assert.rejects(provisionOnDemand(o, { group: `${P}g`, members: users.slice(0, 6).map((u) => u.id) }), /up to 5 members; 6 given/, 'at most five members');
  const r = await provisionOnDemand(o, { group: `${P}g` });
  assert.equal(r.ok, true, 'provisioned');
  assert.equal(r.logs.filter((l) => l.provisioningAction === 'create').length, 6, 'the group and its first five members created');
  const target = job.state.link('group', `${P}g`)?.targetId as string;
  const g = (await o.client.send({ method: 'GET', path: `/Groups/${target}` })).body as { members?: unknown[] };
  assert.equal(g.members?.length, 5, 'five members added');
});
