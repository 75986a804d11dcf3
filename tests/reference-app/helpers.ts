/** Shared self-test helpers for the reference app: an app per test, authenticated inject, Entra-shaped bodies. */
import assert from 'node:assert/strict';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { build, type ReferenceAppOptions } from '../../reference-app/app.js';
import { URN } from '../../core/urns.js';

export const TOKEN = 'reference-app-test-token-0123456789';
export const BASE = '/scim/v2';

export type Json = Record<string, unknown>;

export interface Res {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: Json;
  text: string;
}

export function app(opts: Partial<ReferenceAppOptions> = {}): FastifyInstance {
  return build({ tokens: [TOKEN], ...opts });
}

/** Sends one request with the bearer token; a body is sent as application/scim+json. */
export async function send(a: FastifyInstance, method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
  const opts: InjectOptions = {
    method: method as InjectOptions['method'],
    url: url.startsWith('/') ? url : `${BASE}/${url}`,
    headers: {
      authorization: `Bearer ${TOKEN}`,
      ...(body !== undefined ? { 'content-type': 'application/scim+json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  };
  const r = await a.inject(opts);
  let parsed: Json = {};
  try {
    parsed = r.body === '' ? {} : (JSON.parse(r.body) as Json);
  } catch {
    parsed = {};
  }
  return { status: r.statusCode, headers: r.headers, body: parsed, text: r.body };
}

export function expectStatus(r: Res, status: number, what: string): void {
  assert.equal(r.status, status, `${what}: expected ${status}, got ${r.status} ${r.text.slice(0, 300)}`);
}

export function expectScimError(r: Res, status: number, what: string, scimType?: string): void {
  expectStatus(r, status, what);
  assert.deepEqual(r.body.schemas, [URN.Error], `${what}: error body carries the SCIM Error schema`);
  assert.equal(r.body.status, String(status), `${what}: status is the string "${status}"`);
  assert.equal(typeof r.body.detail, 'string', `${what}: detail is a string`);
  if (scimType) assert.equal(r.body.scimType, scimType, `${what}: scimType ${scimType}`);
  assert.match(String(r.headers['content-type']), /^application\/scim\+json/, `${what}: errors are application/scim+json`);
}

export const patchOp = (...Operations: Json[]): Json => ({ schemas: [URN.PatchOp], Operations });

/** Entra's create body (docs/entra-behaviour.md §2.1.1). */
export function entraUser(userName: string, extra: Json = {}): Json {
  return {
    schemas: [URN.User, URN.EnterpriseUser],
    externalId: `ext-${userName}`,
    userName,
    active: true,
    emails: [{ primary: true, type: 'work', value: `${userName}@contoso.example` }],
    meta: { resourceType: 'User' },
    name: { formatted: 'Given Family', familyName: 'Family', givenName: 'Given' },
    roles: [],
    ...extra,
  };
}

/** Entra's group create body (docs/entra-behaviour.md §2.2.1). */
export function entraGroup(displayName: string, extra: Json = {}): Json {
  return { schemas: [URN.Group, URN.EntraGroup], externalId: `ext-${displayName}`, displayName, meta: { resourceType: 'Group' }, ...extra };
}

export async function createUser(a: FastifyInstance, userName: string, extra: Json = {}): Promise<Json> {
  const r = await send(a, 'POST', 'Users', entraUser(userName, extra));
  expectStatus(r, 201, `POST /Users ${userName}`);
  return r.body;
}

export async function createGroup(a: FastifyInstance, displayName: string, extra: Json = {}): Promise<Json> {
  const r = await send(a, 'POST', 'Groups', entraGroup(displayName, extra));
  expectStatus(r, 201, `POST /Groups ${displayName}`);
  return r.body;
}

export const resources = (r: Res): Json[] => (Array.isArray(r.body.Resources) ? (r.body.Resources as Json[]) : []);
export const q = (filter: string): string => encodeURIComponent(filter);
