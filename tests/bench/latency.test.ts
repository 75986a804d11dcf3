/**
 * The latency figure's parts: the delaying proxy adds its delay to every request, passes the Host header on (so
 * the app's Location points at the proxy) and notes the first request; the longest chain of a check counts
 * dependent requests, not overlapping ones, plus its cleanup DELETEs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { longestChain } from '../../bench/chain.js';
import { startDelayProxy } from '../../bench/latency.js';

test('the proxy delays every request, forwards method, path, body and Host, and notes the first request', async () => {
  const seen: Array<{ method?: string; url?: string; host?: string; body: string }> = [];
  const app = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => { body += d; }).on('end', () => {
      seen.push({ method: req.method, url: req.url, host: req.headers.host, body });
      res.writeHead(201, { location: `http://${req.headers.host}/scim/v2/Users/1` });
      res.end('{"id":"1"}');
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  const proxy = await startDelayProxy(`http://127.0.0.1:${(app.address() as AddressInfo).port}/scim/v2`, 40);
  try {
    assert.equal(proxy.firstRequestAt(), undefined, 'no request yet');
    const before = performance.now();
    const res = await fetch(`${proxy.url}/Users?x=1`, { method: 'POST', body: '{"userName":"a"}' });
    const took = performance.now() - before;
    assert.equal(res.status, 201, 'the answer comes back');
    assert.equal(await res.text(), '{"id":"1"}', 'with its body');
    assert.ok(took >= 40, `the request took the added 40 ms at least (${took.toFixed(1)} ms)`);
    assert.equal(res.headers.get('location'), `${proxy.url}/Users/1`, 'the app saw the proxy as its host');
    assert.deepEqual(seen, [{ method: 'POST', url: '/scim/v2/Users?x=1', host: new URL(proxy.url).host, body: '{"userName":"a"}' }], 'forwarded as sent');
    const first = proxy.firstRequestAt();
    assert.ok(first !== undefined && first >= before && first <= before + took, 'the first request was noted when it arrived');
    assert.equal(proxy.requests(), 1, 'one request counted');
  } finally {
    await proxy.close();
    app.closeAllConnections();
    await new Promise<void>((resolve) => app.close(() => resolve()));
  }
});

test('the longest chain counts requests that waited for one another, and the cleanup after them', () => {
  const seq = [{ startMs: 0, ms: 10 }, { startMs: 10, ms: 5 }, { startMs: 16, ms: 3 }];
  assert.equal(longestChain(seq), 3, 'three in a row');
  assert.equal(longestChain(seq, 2), 5, 'plus two cleanup DELETEs');
  // Two setups at once, then one request depending on both: a chain of 2, not 3.
  assert.equal(longestChain([{ startMs: 0, ms: 10 }, { startMs: 0, ms: 12 }, { startMs: 12, ms: 4 }]), 2, 'overlapping requests count once');
  assert.equal(longestChain([{ startMs: 0, ms: 10 }, { startMs: 9, ms: 4 }]), 2, 'a start within the 1 ms rounding of the previous end still follows it');
  assert.equal(longestChain([{ ms: 10 }, { startMs: 0, ms: 12 }]), 2, 'without startMs (an older report) every exchange counts');
  assert.equal(longestChain([]), 0, 'no requests, no chain');
});
