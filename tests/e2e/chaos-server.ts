/**
 * A hostile SCIM target for end-to-end runs: one mode per way real endpoints misbehave. Requests the mode lets
 * through get a minimal, plausible SCIM answer, so setups, journaling and cleanup are exercised too.
 * Every request is recorded (method, path, whether it carried credentials).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CHAOS_MODES = ['slow', 'reset', 'truncated', 'huge', 'content-type', 'redirect', 'burst-5xx', 'storm-429'] as const;
export type ChaosMode = (typeof CHAOS_MODES)[number];

export interface ChaosServer {
  url: string;
  requests: Array<{ method: string; path: string; authorized: boolean }>;
  close(): Promise<void>;
}

const SCIM_JSON = 'application/scim+json';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

export async function startChaosServer(mode: ChaosMode, opts: { slowMs?: number } = {}): Promise<ChaosServer> {
  const requests: ChaosServer['requests'] = [];
  let seq = 0;
  let nextId = 0;
  const timers = new Set<NodeJS.Timeout>();

  const plausible = (req: IncomingMessage, body: string, res: ServerResponse, contentType = SCIM_JSON): void => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const send = (status: number, payload?: unknown): void => {
      res.writeHead(status, payload === undefined ? {} : { 'content-type': contentType });
      res.end(payload === undefined ? undefined : JSON.stringify(payload));
    };
    if (req.method === 'POST') {
      let parsed: Record<string, unknown> = {};
      try {
        parsed = JSON.parse(body) as Record<string, unknown>;
      } catch {
        // answer with what we can
      }
      return send(201, { ...parsed, id: `chaos-${++nextId}`, meta: { resourceType: path.includes('Group') ? 'Group' : 'User' } });
    }
    if (req.method === 'DELETE') return send(204);
    if (/\/(Users|Groups)\/[^/]+$/.test(path)) return send(404, { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404' });
    return send(200, { schemas: [LIST], totalResults: 0, startIndex: 1, itemsPerPage: 0, Resources: [] });
  };

  const server = createServer((req, res) => {
    const n = ++seq;
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? '', path, authorized: req.headers.authorization !== undefined });
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      switch (mode) {
        case 'slow': {
          const t = setTimeout(() => {
            timers.delete(t);
            plausible(req, body, res);
          }, opts.slowMs ?? 120_000);
          timers.add(t);
          return;
        }
        case 'reset':
          return req.socket.destroy();
        case 'truncated':
          res.writeHead(200, { 'content-type': SCIM_JSON });
          return res.end(`{"schemas":["${LIST}"],"totalResults":1,"Resources":[{"id":"x","userName":"trunc`);
        case 'huge': {
          res.writeHead(200, { 'content-type': SCIM_JSON });
          const chunk = `{"id":"${'x'.repeat(1000)}"},`;
          res.write(`{"schemas":["${LIST}"],"totalResults":10000,"Resources":[`);
          for (let i = 0; i < 10_000; i++) res.write(chunk); // ~10 MB
          return res.end('{}]}');
        }
        case 'content-type':
          return plausible(req, body, res, 'text/html; charset=utf-8');
        case 'redirect':
          // A loop through a second path: following it with credentials would show up as an authorized request there.
          res.writeHead(302, { location: path.startsWith('/elsewhere') ? path : `/elsewhere${path}` });
          return res.end();
        case 'burst-5xx':
          // Bursts of three 503s between plausible answers.
          if (n % 4 !== 0) {
            res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '1' });
            return res.end('Service Unavailable');
          }
          return plausible(req, body, res);
        case 'storm-429':
          res.writeHead(429, { 'content-type': SCIM_JSON, 'retry-after': '3600' });
          return res.end(JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '429', detail: 'slow down' }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/scim/v2`,
    requests,
    close: () => new Promise<void>((resolve) => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
