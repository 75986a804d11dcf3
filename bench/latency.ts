/**
 * A delaying HTTP proxy in front of a tenant URL, in the bench process: every request waits `delayMs` before it is
 * forwarded, as if the endpoint were that far away (real endpoints are 20–200 ms from the provisioning service).
 * It also notes when the first request arrived, the end of the start-up figure. The Host header is passed on as
 * it came, so the reference app writes the proxy's address into Location and meta.location.
 */
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DelayProxy {
  /** The tenant URL through the proxy (same path as the target's). */
  url: string;
  /** performance.now() of the bench process when the first request arrived; undefined before it. */
  firstRequestAt(): number | undefined;
  requests(): number;
  close(): Promise<void>;
}

export async function startDelayProxy(targetUrl: string, delayMs: number): Promise<DelayProxy> {
  if (!Number.isFinite(delayMs) || delayMs < 0) throw new RangeError(`delayMs must be ≥ 0, not ${delayMs}`);
  const target = new URL(targetUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  let first: number | undefined;
  let count = 0;
  const forward = (req: IncomingMessage, res: ServerResponse): void => {
    const up = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    up.on('error', (err) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`bench proxy: ${err.message}`);
    });
    req.pipe(up);
  };
  const server = createServer((req, res) => {
    first ??= performance.now();
    count++;
    // The body stays paused while the request waits; pipe() resumes it once forwarded.
    req.pause();
    setTimeout(() => forward(req, res), delayMs);
  });
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = new URL(target.href);
  url.host = `127.0.0.1:${port}`;
  return {
    url: url.href.replace(/\/+$/, ''),
    firstRequestAt: () => first,
    requests: () => count,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
