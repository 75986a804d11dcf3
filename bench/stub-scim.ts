/**
 * An endpoint stub that answers the emulator's requests at once, with no store: filters find nothing, a POST gets
 * a fresh id, a GET by id a minimal user, PATCH and DELETE a 204. Against it the emulator's own cost is what is
 * left (peak RSS, CPU, wall time minus time inside requests) at sizes where a real endpoint would dominate.
 * Run as a child; prints its tenant URL on the first line and serves until SIGINT.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

const EMPTY_LIST = JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'], totalResults: 0, Resources: [], startIndex: 1, itemsPerPage: 0 });

function json(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/scim+json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const path = (req.url ?? '/').split('?')[0] as string;
    const type = /\/Groups(\/|$)/.test(path) ? 'Group' : 'User';
    const byId = /\/(Users|Groups)\/[^/]+$/.test(path);
    switch (req.method) {
      case 'GET':
        if (!byId) return json(res, 200, EMPTY_LIST);
        return json(res, 200, JSON.stringify({ schemas: [`urn:ietf:params:scim:schemas:core:2.0:${type}`], id: path.slice(path.lastIndexOf('/') + 1), ...(type === 'User' ? { userName: 'stub', active: true } : { displayName: 'stub' }) }));
      case 'POST':
        return json(res, 201, JSON.stringify({ schemas: [`urn:ietf:params:scim:schemas:core:2.0:${type}`], id: randomUUID() }));
      case 'PATCH':
      case 'DELETE':
        res.writeHead(204).end();
        return;
      default:
        return json(res, 405, '{}');
    }
  });
});
// Longer than the client's keep-alive (10 s in core's createAgent): a socket the stub closes just as the client
// reuses it would fail a POST, which is never retried.
server.keepAliveTimeout = 75_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${(server.address() as AddressInfo).port}/scim/v2\n`);
});
process.once('SIGINT', () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
});
