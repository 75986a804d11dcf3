/**
 * What the SCIM client records: each exchange says when it was sent (startMs, from the client's creation) so
 * overlapping requests can be told from dependent ones; a client with recording off keeps nothing, yet an
 * onExchange log still gets every exchange, redacted.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createScimClient } from '../../core/client/scim-client.js';
import type { Exchange } from '../../core/evidence.js';

const TOKEN = 'scr_client-record-canary-0123456789';

async function withServer(fn: (url: string) => Promise<void>): Promise<void> {
  // Answers after 30 ms, so two requests in a row cannot overlap and two at once must.
  const server = createServer((req, res) => {
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/scim+json' });
      res.end(JSON.stringify({ id: 'x', echo: req.headers.authorization }));
    }, 30);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    await fn(`http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2`);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

test('exchanges carry startMs: dependent requests start after the previous ended, concurrent ones overlap', async () => {
  await withServer(async (url) => {
    const client = createScimClient({ baseUrl: url, token: async () => TOKEN });
    await client.send({ method: 'GET', path: '/Users/a' });
    await client.send({ method: 'GET', path: '/Users/b' });
    await Promise.all([client.send({ method: 'GET', path: '/Users/c' }), client.send({ method: 'GET', path: '/Users/d' })]);
    const [a, b, c, d] = client.exchanges as [Exchange, Exchange, Exchange, Exchange];
    for (const e of [a, b, c, d]) assert.equal(typeof e.startMs, 'number', `exchange ${e.seq} has a startMs`);
    assert.ok((b.startMs as number) >= (a.startMs as number) + a.ms - 1, 'the second request started after the first answered');
    assert.ok((d.startMs as number) < (c.startMs as number) + c.ms, 'the two sent together overlap');
  });
});

test('recording off: no exchange is kept, onExchange still gets each one redacted', async () => {
  await withServer(async (url) => {
    const seen: Exchange[] = [];
    const root = createScimClient({ baseUrl: url, token: async () => TOKEN });
    const silent = root.fork(undefined, { record: false });
    const res = await silent.send({ method: 'GET', path: '/Users/a' });
    assert.equal(res.status, 200, 'the request still went through');
    assert.ok(res.ms >= 0, 'and was timed');
    assert.deepEqual(silent.exchanges, [], 'nothing kept');
    const logged = root.fork((ex) => seen.push(ex), { record: false });
    await logged.send({ method: 'GET', path: '/Users/b' });
    assert.equal(seen.length, 1, 'the log got the exchange');
    assert.ok(!JSON.stringify(seen).includes(TOKEN), 'redacted: the token is not in the logged exchange');
    assert.equal(root.exchanges.length, 0, 'forks do not record into their parent');
  });
});
