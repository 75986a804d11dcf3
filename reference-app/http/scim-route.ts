/**
 * The adapter between fastify and the app's handlers: a route is declared with its kind and resource type,
 * its handler receives a ScimRequestView (after the defects' `request` hook) and returns a ScimReply, and
 * `sendScim` passes every reply — errors, 401s, 404s and 405s included — through the `response` hook and
 * writes it with the SCIM content type.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import type { DefectHooks, RouteKind, ScimReply, ScimRequestView } from '../defects/types.js';
import type { ResourceType } from '../../core/resource-type.js';
import { JsonText, SCIM_CONTENT_TYPE } from './scim-reply.js';
import { errorReply } from '../resources/fail.js';

export interface RouteConfig {
  route: RouteKind;
  resourceType?: ResourceType;
}

export interface RouteSpec extends RouteConfig {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  handler(req: ScimRequestView, baseUrl: string): ScimReply;
}

const ALL_METHODS: HTTPMethods[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function flatQuery(q: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof q !== 'object' || q === null) return out;
  for (const k of Object.keys(q)) {
    const v: unknown = (q as Record<string, unknown>)[k];
    const last: unknown = Array.isArray(v) ? v[v.length - 1] : v;
    if (typeof last === 'string') out[k] = last;
  }
  return out;
}

/**
 * The view of a request; also built for requests that failed before their handler (parse errors, 401). A
 * route's handler passes its config: fastify's `routeOptions` getter builds a new 12-field object per call.
 */
export function viewOf(request: FastifyRequest, routeConfig?: RouteConfig): ScimRequestView {
  const config = routeConfig ?? (request.routeOptions.config as Partial<RouteConfig> | undefined);
  const params = request.params as Record<string, string> | undefined;
  // Node's own headers object: it joins repeated headers with ", " already (only set-cookie stays an array).
  // A getter that copied them lazily made the view's object literal cost twice as much to build.
  const view: { -readonly [K in keyof ScimRequestView]: ScimRequestView[K] } = {
    method: request.method,
    route: config?.route ?? 'other',
    query: flatQuery(request.query),
    body: request.body,
    headers: request.headers,
  };
  if (config?.resourceType) view.resourceType = config.resourceType;
  if (typeof params?.id === 'string') view.id = params.id;
  return view;
}

/** A defect's response hook sees the body as an object, also when the handler serialised it already. */
const withParsedBody = (res: ScimReply): ScimReply => (res.body instanceof JsonText ? { ...res, body: JSON.parse(res.body.text) as unknown } : res);

export function sendScim(reply: FastifyReply, res: ScimReply, view: ScimRequestView, hooks: DefectHooks): FastifyReply {
  const r = hooks.response ? hooks.response(withParsedBody(res), view) : res;
  reply.code(r.status).header('content-type', SCIM_CONTENT_TYPE);
  for (const [k, v] of Object.entries(r.headers)) reply.header(k, v);
  if (r.body === undefined || r.status === 204 || r.status === 304) return reply.send();
  return reply.send(r.body instanceof JsonText ? r.body.text : JSON.stringify(r.body));
}

const HOST = /^[A-Za-z0-9.\-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** Absolute base URL for meta.location and Location; a Host header that is not a host name is not echoed. */
export function baseUrlOf(request: FastifyRequest, basePath: string, fallbackHost: string): string {
  const host = HOST.test(request.host) ? request.host : fallbackHost;
  return `${request.protocol}://${host}${basePath}`;
}

export interface Registrar {
  hooks: DefectHooks;
  basePath: string;
  fallbackHost: string;
}

/** Registers the routes, and a 405 (with Allow) for every other method on each of their paths. */
export function registerScimRoutes(scope: FastifyInstance, specs: readonly RouteSpec[], r: Registrar): void {
  const byUrl = new Map<string, RouteSpec[]>();
  for (const spec of specs) byUrl.set(spec.url, [...(byUrl.get(spec.url) ?? []), spec]);
  for (const [url, list] of byUrl) {
    for (const spec of list) {
      const config: RouteConfig = { route: spec.route, ...(spec.resourceType ? { resourceType: spec.resourceType } : {}) };
      scope.route({
        method: spec.method,
        url,
        config,
        handler: (request, reply) => {
          let view = viewOf(request, config);
          if (r.hooks.request) view = r.hooks.request(view);
          return sendScim(reply, spec.handler(view, baseUrlOf(request, r.basePath, r.fallbackHost)), view, r.hooks);
        },
      });
    }
    const allowed = list.map((s) => s.method);
    const allow = [...allowed, ...(allowed.includes('GET') ? ['HEAD'] : [])];
    const others = ALL_METHODS.filter((m) => !allow.includes(m));
    scope.route({
      method: others,
      url,
      config: { route: 'other' } satisfies RouteConfig,
      handler: (request, reply) =>
        sendScim(reply, errorReply(405, `${request.method} is not allowed on this endpoint; use ${allow.join(', ')}.`, undefined, { allow: allow.join(', ') }), viewOf(request), r.hooks),
    });
  }
}
