/** Over a real socket: concurrent PATCHes on one group, and kill -9 in the middle of a write burst. */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { URN } from '../../core/urns.js';
import { startReferenceApp } from '../../reference-app/server.js';
import { TOKEN } from './helpers.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

async function call(dispatcher: Agent, url: string, method: 'GET' | 'POST' | 'PATCH', token: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await request(url, {
    method,
    dispatcher,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/scim+json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.body.text();
  return { status: res.statusCode, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

describe('reference app over a socket', () => {
  it('keeps all 50 members added by 50 concurrent PATCHes to one group', async () => {
    const server = await startReferenceApp({ tokens: [TOKEN] });
    const agent = new Agent({ connections: 50 });
    try {
      const group = await call(agent, `${server.url}/Groups`, 'POST', TOKEN, { displayName: 'Concurrent' });
      assert.equal(group.status, 201, 'group created');
      const gid = String(group.json.id);
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) =>
        call(agent, `${server.url}/Groups/${gid}`, 'PATCH', TOKEN, { schemas: [URN.PatchOp], Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: `member-${i}` }] }] })));
      assert.deepEqual([...new Set(results.map((r) => r.status))], [204], 'every PATCH answered 204');
      const got = await call(agent, `${server.url}/Groups/${gid}`, 'GET', TOKEN);
      const values = ((got.json.members as { value: string }[] | undefined) ?? []).map((m) => m.value).sort();
      assert.deepEqual(values, Array.from({ length: 50 }, (_, i) => `member-${i}`).sort(), 'all 50 members present');
      assert.equal((got.json.meta as { version?: string }).version, 'W/"51"', 'one version per PATCH');
    } finally {
      await agent.close();
      await server.close();
    }
  });

  it('loses no acknowledged write when killed with SIGKILL during a burst, and keeps everything across a restart', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ra-durable-'));
    const db = join(dir, 'scim.db');
    const childToken = 'durability-token-0123456789';
    const start = async (): Promise<{ child: ChildProcess; url: string }> => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'tests/reference-app/fixtures/serve-child.ts', db], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
      const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
      return { child, url: line.trim() };
    };
    const { child, url } = await start();
    const agent = new Agent({ connections: 8 });
    const acknowledged: string[] = [];
    let sent = 0;
    let stop = false;
    const worker = async (w: number): Promise<void> => {
      while (!stop) {
        const n = sent++;
        try {
          const r = await call(agent, `${url}/Users`, 'POST', childToken, { userName: `burst-${w}-${n}`, externalId: `x${n}` });
          if (r.status === 201) acknowledged.push(String(r.json.id));
        } catch {
          return; // the server died under us: this request was never acknowledged
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    while (acknowledged.length < 150) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    await once(child, 'exit');
    stop = true;
    await Promise.all(workers);
    await agent.close();

    const restarted = await start();
    const check = new Agent({ connections: 8 });
    try {
      const missing: string[] = [];
      for (const id of acknowledged) {
        const r = await call(check, `${restarted.url}/Users/${id}`, 'GET', childToken);
        if (r.status !== 200) missing.push(id);
      }
      assert.ok(acknowledged.length >= 150, `${acknowledged.length} writes acknowledged before the kill`);
      assert.deepEqual(missing, [], `every acknowledged user survived (${acknowledged.length} checked, ${sent} sent)`);
      const list = await call(check, `${restarted.url}/Users?count=1`, 'GET', childToken);
      assert.ok(Number(list.json.totalResults) >= acknowledged.length, 'totalResults covers every acknowledged user');
    } finally {
      await check.close();
      restarted.child.kill('SIGKILL');
      await once(restarted.child, 'exit');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
