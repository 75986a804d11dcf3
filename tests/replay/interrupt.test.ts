/**
 * Ctrl-C during a replay: it stops sending, sweeps what it created (journal and prefix) and exits 130 — the target
 * is left as it was. The target is a reference app behind a slow gateway, so the replay is still running when the
 * signal comes.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'undici';
import { startReferenceApp, type RunningReferenceApp } from '../../reference-app/server.js';
import { TRACE_VERSION, type TraceExchange } from '../../replay/trace.js';
import { startCli } from '../e2e/cli-process.js';

const TOKEN = 'interrupt-token-5a5a';
let dir: string;
let app: RunningReferenceApp;
let gateway: Server;
let gatewayUrl: string;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'replay-interrupt-'));
  app = await startReferenceApp({ tokens: [TOKEN], port: 0, host: '127.0.0.1' });
  // 25 ms per request: 200 creates take 5 s, the signal comes long before.
  gateway = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        await sleep(25);
        const body = Buffer.concat(chunks);
        const answer = await request(new URL(req.url ?? '/', new URL(app.url).origin), {
          method: (req.method ?? 'GET') as 'GET',
          headers: { authorization: req.headers.authorization ?? '', 'content-type': req.headers['content-type'] ?? 'application/scim+json' },
          ...(body.length > 0 ? { body } : {}),
        });
        const text = await answer.body.text();
        res.writeHead(answer.statusCode, { 'content-type': 'application/scim+json' });
        res.end(text);
      })();
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/scim/v2`;
});
after(async () => {
  gateway.closeAllConnections();
  await new Promise<void>((resolve) => gateway.close(() => resolve()));
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

test('SIGINT mid-replay: stops, removes everything it created, exits 130', { timeout: 60_000 }, async () => {
  const exchanges: TraceExchange[] = Array.from({ length: 200 }, (_, i) => ({
    seq: i + 1, at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(), ms: 1,
    request: { method: 'POST', path: '/Users', headers: { 'content-type': 'application/scim+json' }, body: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `user${i}@contoso.example` } },
    response: { status: 201, headers: {}, body: { id: `old-${i}`, userName: `user${i}@contoso.example` } },
  }));
  const trace = join(dir, 'many.trace.jsonl');
  writeFileSync(trace, [{ trace: TRACE_VERSION, source: 'proxy', recordedAt: '2026-01-01T00:00:00.000Z', masked: [] }, ...exchanges].map((l) => JSON.stringify(l)).join('\n'));
  const out = join(dir, 'out');
  const cli = startCli(['replay', trace, '--url', gatewayUrl, '--token', TOKEN, '--out', out], { limitMs: 60_000 });
  await cli.waitFor(/Replaying 200/);
  await sleep(800);
  cli.child.kill('SIGINT');
  const res = await cli.done;
  assert.equal(res.code, 130, `exit 130 (stdout: ${res.stdout} stderr: ${res.stderr})`);
  const removed = Number(/swept: (\d+) removed/.exec(res.stderr)?.[1]);
  assert.ok(removed > 0 && removed < 200, `some creates happened and were removed (${removed})`);
  const prefix = /identities prefixed (scr-[a-z0-9]{6}-)/.exec(res.stdout)?.[1] ?? '?';
  const left = await request(`${app.url}/Users?filter=${encodeURIComponent(`userName sw "${prefix}"`)}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(((await left.body.json()) as { totalResults: number }).totalResults, 0, 'nothing of the replay is left');
  const report = JSON.parse(readFileSync(join(out, 'compliance.json'), 'utf8')) as { notices: string[] };
  assert.ok(report.notices.some((n) => /interrupted/.test(n)), 'the partial report says it was interrupted');
});
