/**
 * A small in-memory SCIM target for the sweep tests: Users and Groups with list (filter `eq`/`sw` on
 * userName/displayName, startIndex/count), get and delete. `sw` can be supported, rejected (400) or ignored
 * (the whole collection comes back), the three behaviours real targets show.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Kind = 'Users' | 'Groups';
export interface FakeResource {
  id: string;
  name: string;
}
export interface FakeScim {
  url: string;
  store: Record<Kind, Map<string, FakeResource>>;
  requests: Array<{ method: string; path: string }>;
  close(): Promise<void>;
}

const NAME: Record<Kind, string> = { Users: 'userName', Groups: 'displayName' };

export async function startFakeScim(opts: { token: string; sw?: 'supported' | 'rejected' | 'ignored' }): Promise<FakeScim> {
  const store: FakeScim['store'] = { Users: new Map(), Groups: new Map() };
  const requests: FakeScim['requests'] = [];
  const send = (res: ServerResponse, status: number, body?: unknown): void => {
    res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/scim+json' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const toScim = (kind: Kind, r: FakeResource): Record<string, unknown> => ({ id: r.id, [NAME[kind]]: r.name });

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://x');
    requests.push({ method: req.method ?? '', path: `${u.pathname}${u.search}` });
    if (req.headers.authorization !== `Bearer ${opts.token}`) return send(res, 401, { detail: 'unauthorized' });
    const m = /^\/scim\/(Users|Groups)(?:\/([^/]+))?$/.exec(u.pathname);
    if (!m) return send(res, 404);
    const kind = m[1] as Kind;
    const id = m[2] ? decodeURIComponent(m[2]) : undefined;
    if (id !== undefined) {
      const r = store[kind].get(id);
      if (!r) return send(res, 404, { status: '404' });
      if (req.method === 'GET') return send(res, 200, toScim(kind, r));
      if (req.method === 'DELETE') {
        store[kind].delete(id);
        return send(res, 204);
      }
      return send(res, 405);
    }
    let all = [...store[kind].values()];
    const filter = u.searchParams.get('filter');
    if (filter) {
      const f = /^(\w+) (eq|sw) "(.*)"$/i.exec(filter);
      const op = f?.[2]?.toLowerCase();
      if (op === 'sw' && opts.sw === 'rejected') return send(res, 400, { scimType: 'invalidFilter', status: '400' });
      if (!f || f[1] !== NAME[kind]) return send(res, 400, { scimType: 'invalidFilter', status: '400' });
      const value = (f[3] ?? '').toLowerCase();
      if (!(op === 'sw' && opts.sw === 'ignored')) {
        all = all.filter((r) => (op === 'eq' ? r.name.toLowerCase() === value : r.name.toLowerCase().startsWith(value)));
      }
    }
    const start = Math.max(1, Number(u.searchParams.get('startIndex') ?? 1));
    const count = Math.min(50, Number(u.searchParams.get('count') ?? 50)); // a server-side cap, as many targets have
    const page = all.slice(start - 1, start - 1 + count);
    return send(res, 200, {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: all.length,
      startIndex: start,
      itemsPerPage: page.length,
      Resources: page.map((r) => toScim(kind, r)),
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/scim`,
    store,
    requests,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
