/**
 * /Users and /Groups (RFC 7644 §3.3–3.6), their /.search, and the root /.search. Status codes follow what Entra
 * expects: 201 + Location on create, 200 with the resource on user PATCH, 204 on group PATCH (docs/entra-behaviour.md §2.2),
 * 204 on DELETE; ETag on every single-resource answer, 304 for a matching If-None-Match, 412 for If-Match.
 */
import { URN } from '../../core/urns.js';
import type { ScimReply, ScimRequestView } from '../defects/types.js';
import type { RouteSpec } from '../http/scim-route.js';
import { emptyReply, jsonReply, JsonText } from '../http/scim-reply.js';
import { readListParams, readProjection } from '../resources/list-params.js';
import { endpointOf, etagOf } from '../resources/render.js';
import { etagMatches, type ListResult, type ResourceService, type StoredResource } from '../resources/service.js';
import type { ResourceType } from '../../core/resource-type.js';
import { fail } from '../resources/fail.js';

const listHead = (totalResults: number, itemsPerPage: number, startIndex: number) =>
  ({ schemas: [URN.ListResponse], totalResults, itemsPerPage, startIndex });

function listReply(r: ListResult, startIndex: number): ScimReply {
  if ('resourceTexts' in r) {
    const head = JSON.stringify(listHead(r.total, r.resourceTexts.length, startIndex));
    return jsonReply(200, new JsonText(`${head.slice(0, -1)},"Resources":[${r.resourceTexts.join(',')}]}`));
  }
  return jsonReply(200, { ...listHead(r.total, r.resources.length, startIndex), Resources: r.resources });
}

const searchBody = (req: ScimRequestView): Record<string, unknown> => {
  if (req.body === undefined || req.body === null) return {};
  if (typeof req.body !== 'object' || Array.isArray(req.body)) throw fail(400, 'A search request body must be a SearchRequest object.', 'invalidSyntax');
  return req.body as Record<string, unknown>;
};

const id = (req: ScimRequestView): string => req.id ?? '';

export function resourceRoutes(type: ResourceType, service: ResourceService, maxResults: number): RouteSpec[] {
  const ep = `/${endpointOf(type)}`;
  const one = (status: 200 | 201, s: StoredResource, req: ScimRequestView, baseUrl: string): ScimReply => {
    const body = service.render(s, baseUrl, readProjection(req.query));
    const headers: Record<string, string> = { etag: etagOf(s) };
    if (status === 201) headers.location = `${baseUrl}${ep}/${s.id}`;
    return jsonReply(status, body, headers);
  };
  const list = (src: Record<string, unknown>, baseUrl: string): ScimReply => {
    const p = readListParams(src, maxResults);
    return listReply(service.list([type], p, baseUrl), p.startIndex);
  };
  const base = { resourceType: type } as const;
  return [
    { ...base, method: 'GET', url: ep, route: 'collection', handler: (req, baseUrl) => list(req.query, baseUrl) },
    { ...base, method: 'POST', url: ep, route: 'collection', handler: (req, baseUrl) => one(201, service.create(type, req.body), req, baseUrl) },
    { ...base, method: 'POST', url: `${ep}/.search`, route: 'search', handler: (req, baseUrl) => list(searchBody(req), baseUrl) },
    {
      ...base, method: 'GET', url: `${ep}/:id`, route: 'resource',
      handler: (req, baseUrl) => {
        const s = service.find(type, id(req));
        const inm = req.headers['if-none-match'];
        if (inm !== undefined && etagMatches(inm, s)) return emptyReply(304, { etag: etagOf(s) });
        return one(200, s, req, baseUrl);
      },
    },
    {
      ...base, method: 'PUT', url: `${ep}/:id`, route: 'resource',
      handler: (req, baseUrl) => one(200, service.replace(type, id(req), req.body, req.headers['if-match']), req, baseUrl),
    },
    {
      ...base, method: 'PATCH', url: `${ep}/:id`, route: 'resource',
      handler: (req, baseUrl) => {
        const s = service.patch(type, id(req), req.body, req.headers['if-match']);
        // Entra prefers 204 for groups: answering with every member of a large group is what it warns against
        return type === 'Group' ? emptyReply(204, { etag: etagOf(s) }) : one(200, s, req, baseUrl);
      },
    },
    {
      ...base, method: 'DELETE', url: `${ep}/:id`, route: 'resource',
      handler: (req) => {
        service.delete(type, id(req), req.headers['if-match']);
        return emptyReply(204);
      },
    },
  ];
}

/** POST /.search at the service root: one query over Users and Groups. */
export function rootSearchRoute(service: ResourceService, maxResults: number): RouteSpec {
  return {
    method: 'POST', url: '/.search', route: 'search',
    handler: (req, baseUrl) => {
      const p = readListParams(searchBody(req), maxResults);
      return listReply(service.list(['User', 'Group'], p, baseUrl), p.startIndex);
    },
  };
}
