/**
 * Fuzzing the reference app through `app.inject()`: generated requests (garbage and near-valid JSON, filters
 * built from SCIM's grammar and then mangled, PATCH bodies in every shape, odd paths, methods and headers).
 * Invariants per request: never a 5xx; a SCIM content type; a JSON body that is a SCIM Error whenever the status
 * is ≥ 400; and a failed write leaves the stored data exactly as it was. The self-test runs 10 000 requests;
 * the bench calls `fuzzReferenceApp({ runs })` for longer runs.
 */
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { SchemaProfile } from '../../core/schema-defs/index.js';
import { URN } from '../../core/urns.js';
import { build, referenceAppInternals } from '../../reference-app/app.js';

export interface FuzzRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';
  url: string;
  headers: Record<string, string>;
  payload?: string;
}

export interface FuzzOptions {
  runs: number;
  seed?: number;
  /** Defects to switch on (the fuzz then also proves the defect hooks never crash the app). */
  defects?: string[];
  /** The schema profile to serve (default full). */
  schema?: SchemaProfile;
}

export interface FuzzReport {
  runs: number;
  seed: number;
  ms: number;
  /** How often each status came back, e.g. {"200": 812, "400": 3120}. */
  statuses: Record<string, number>;
  /** The first counterexample, when an invariant broke. */
  failure?: string;
}

const TOKEN = 'fuzz-token-0123456789abcdef';
const BASE = '/scim/v2';
const ENT = URN.EnterpriseUser;

/** Ids the seeded data holds; the generator mixes them with random ones so writes hit real rows. */
export interface SeedIds {
  users: string[];
  groups: string[];
}

const ATTRS = [
  'userName', 'displayName', 'externalId', 'active', 'title', 'nickName', 'name', 'name.givenName', 'name.familyName',
  'emails', 'emails.value', 'emails[type eq "work"].value', 'emails[primary eq true].value', 'phoneNumbers[type eq "mobile"].value',
  'addresses[type eq "work"].postalCode', 'roles[primary eq "True"].value', 'members', 'members.value', 'members[value eq "x"]',
  'meta.created', 'meta.lastModified', 'id', 'schemas', `${ENT}:department`, `${ENT}:manager`, `${ENT}:manager.value`, ENT,
  'urn:ietf:params:scim:schemas:core:2.0:User:userName', 'urn:bogus:thing', 'Emails[Type eq "WORK"].Value', 'x.y.z', '', '[', 'a[b', '$ref',
];

const scalar = fc.oneof(
  fc.string(), fc.constantFrom('True', 'False', 'true', '', ' ', 'null', '2015-10-10T14:38:21Z'), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
);
const jsonish = fc.oneof({ depthSize: 'small' }, scalar, fc.jsonValue({ maxDepth: 3 }));

const attrValue = fc.oneof(
  jsonish,
  fc.array(fc.record({ value: jsonish, type: fc.constantFrom('work', 'home', 'other', 1), primary: fc.constantFrom(true, 'true', 'False', 3) }, { requiredKeys: [] }), { maxLength: 3 }),
  fc.record({ givenName: jsonish, familyName: jsonish, value: jsonish }, { requiredKeys: [] }),
);

/** A filter from SCIM's grammar (attrPath op value, and/or/not, value paths), sometimes cut or salted. */
const filterText: fc.Arbitrary<string> = fc.letrec<{ f: string }>((tie) => ({
  f: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(fc.constantFrom(...ATTRS), fc.constantFrom('eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le', 'EQ', 'xx'),
      fc.oneof(fc.string().map((s) => JSON.stringify(s)), fc.constantFrom('true', 'null', '12', 'O', '"unterminated', '2015-10-10T14:38:21.8617979-07:00')))
      .map(([a, op, v]) => `${a} ${op} ${v}`),
    fc.constantFrom(...ATTRS).map((a) => `${a} pr`),
    fc.tuple(tie('f'), fc.constantFrom('and', 'or', 'AND', 'Or'), tie('f')).map(([l, o, r]) => `${l} ${o} ${r}`),
    tie('f').map((x) => `not (${x})`),
    tie('f').map((x) => `(${x})`),
    fc.tuple(fc.constantFrom('emails', 'members', 'addresses'), tie('f')).map(([a, x]) => `${a}[${x}]`),
  ),
})).f;

const mangledFilter = fc.oneof(
  filterText,
  fc.tuple(filterText, fc.nat()).map(([f, n]) => f.slice(0, n % (f.length + 1))),
  fc.string(),
  fc.constantFrom('userName eq', '(', ')', '"', '[', 'userName eq "a" and', 'not', 'a'.repeat(9000), 'x eq "\\"', '\u0000'),
);

const patchOperation = fc.record({
  op: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('add', 'Add', 'REPLACE', 'replace', 'Remove', 'remove') }, { weight: 1, arbitrary: fc.constantFrom('move', '', 1, null) }),
  path: fc.oneof(fc.constantFrom(...ATTRS), mangledFilter, fc.constant(undefined), fc.integer()),
  value: fc.oneof(attrValue, fc.dictionary(fc.constantFrom(...ATTRS), attrValue, { maxKeys: 4 }), fc.array(fc.record({ value: fc.oneof(fc.string(), fc.integer(), fc.constant(null)), $ref: fc.constant(null) }, { requiredKeys: [] }), { maxLength: 4 })),
}, { requiredKeys: [] });

const patchBody = fc.record({
  schemas: fc.oneof(fc.constant([URN.PatchOp]), fc.constant(['urn:wrong']), jsonish),
  Operations: fc.oneof(fc.array(patchOperation, { maxLength: 4 }), jsonish),
}, { requiredKeys: [] });

const resourceBody = fc.dictionary(
  fc.oneof(fc.constantFrom('userName', 'displayName', 'externalId', 'active', 'emails', 'members', 'name', 'phoneNumbers', 'schemas', 'id', 'meta', ENT, '__proto__', 'constructor'), fc.string()),
  attrValue,
  { maxKeys: 6 },
);

const searchBody = fc.record({
  schemas: fc.constant([URN.SearchRequest]),
  filter: fc.oneof(mangledFilter, jsonish),
  attributes: fc.oneof(fc.array(fc.constantFrom(...ATTRS), { maxLength: 3 }), jsonish),
  excludedAttributes: fc.oneof(fc.constant(['members']), jsonish),
  startIndex: fc.oneof(fc.integer(), jsonish),
  count: fc.oneof(fc.integer({ min: -5, max: 500 }), jsonish),
  sortBy: fc.oneof(fc.constantFrom(...ATTRS), jsonish),
  sortOrder: fc.constantFrom('ascending', 'descending', 'up', undefined),
}, { requiredKeys: [] });

const payload: fc.Arbitrary<string | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.string(),
  fc.constantFrom('{', '{"userName": tre}', '[]', 'null', '""', '{"__proto__": {"polluted": true}}', '\uFEFF{}'),
  patchBody.map((b) => JSON.stringify(b)),
  resourceBody.map((b) => JSON.stringify(b)),
  searchBody.map((b) => JSON.stringify(b)),
  jsonish.map((b) => JSON.stringify(b) ?? ''),
);

const segment = fc.oneof(fc.string().map(encodeURIComponent), fc.constantFrom('%zz', '%', '..', '.', '%2F', '%00', 'Users', 'a'.repeat(2000)));

function pathArbitrary(): fc.Arbitrary<string> {
  const id = fc.oneof(fc.constant('unknown-id'), segment);
  return fc.oneof(
    fc.constantFrom('/Users', '/Groups', '/.search', '/Users/.search', '/Groups/.search', '/Schemas', '/ResourceTypes', '/ResourceTypes/User',
      `/Schemas/${URN.User}`, '/ServiceProviderConfig', '/Bulk', '/Me', '', '/').map((p) => `${BASE}${p}`),
    fc.tuple(fc.constantFrom('Users', 'Groups', 'users', 'Schemas', 'ResourceTypes'), id).map(([t, i]) => `${BASE}/${t}/${i}`),
    fc.tuple(fc.constantFrom('Users', 'Groups'), id, segment).map(([t, i, s]) => `${BASE}/${t}/${i}/${s}`),
    fc.constantFrom('/oauth/token', '/', '/scim', '//scim//v2//Users//'),
    segment.map((s) => `${BASE}/${s}`),
  );
}

const queryArbitrary = fc.record({
  filter: mangledFilter,
  attributes: fc.oneof(fc.constantFrom(...ATTRS), fc.string()),
  excludedAttributes: fc.constantFrom('members', 'emails,members', '', 'x['),
  startIndex: fc.oneof(fc.integer({ min: -3, max: 50 }).map(String), fc.string()),
  count: fc.oneof(fc.integer({ min: -3, max: 500 }).map(String), fc.string()),
  sortBy: fc.oneof(fc.constantFrom(...ATTRS), fc.string()),
  sortOrder: fc.constantFrom('ascending', 'descending', 'DESCENDING', 'x'),
  aadOptscim062020: fc.constant(''),
}, { requiredKeys: [] }).map((o) => {
  const s = new URLSearchParams(o as Record<string, string>).toString();
  return s === '' ? '' : `?${s}`;
});

/** Bodies by method: mostly the shape the endpoint expects (to reach deep code), sometimes anything at all. */
function payloadFor(method: FuzzRequest['method']): fc.Arbitrary<string | undefined> {
  if (method === 'PATCH') return fc.oneof({ weight: 4, arbitrary: patchBody.map((b) => JSON.stringify(b)) }, { weight: 1, arbitrary: payload });
  if (method === 'POST' || method === 'PUT') {
    return fc.oneof({ weight: 3, arbitrary: resourceBody.map((b) => JSON.stringify(b)) }, { weight: 1, arbitrary: searchBody.map((b) => JSON.stringify(b)) }, { weight: 1, arbitrary: payload });
  }
  return payload;
}

export function requestArbitrary(ids: SeedIds): fc.Arbitrary<FuzzRequest> {
  // reads the pools at generation time: `seed` refills them as the fuzz deletes resources
  const pick = (pool: string[]): fc.Arbitrary<string> => fc.nat().map((n) => pool[n % pool.length] ?? 'none');
  const resourcePath = fc.oneof(pick(ids.users).map((i) => `${BASE}/Users/${i}`), pick(ids.groups).map((i) => `${BASE}/Groups/${i}`));
  return fc.record({
    method: fc.constantFrom<FuzzRequest['method']>('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'PATCH', 'POST'),
    path: fc.oneof({ weight: 3, arbitrary: resourcePath }, { weight: 3, arbitrary: pathArbitrary() }),
    query: fc.oneof(queryArbitrary, fc.constantFrom('', '?filter', '?&&=&', '?filter=%zz', '?filter=userName+eq+"a%40b"', '?count=1e3')),
    authorization: fc.oneof({ weight: 12, arbitrary: fc.constant(`Bearer ${TOKEN}`) }, { weight: 1, arbitrary: fc.constantFrom('', 'Bearer', 'Basic eDp5', `bearer ${TOKEN} extra`) }),
    contentType: fc.oneof(
      { weight: 6, arbitrary: fc.constantFrom('application/scim+json', 'application/json', 'application/scim+json; charset=utf-8') },
      { weight: 1, arbitrary: fc.constantFrom('application/json;charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', 'garbage', '', undefined) },
    ),
    ifMatch: fc.option(fc.constantFrom('*', 'W/"1"', '"2"', 'W/"x', ',,', 'W/"1", W/"2"'), { nil: undefined, freq: 4 }),
    ifNoneMatch: fc.option(fc.constantFrom('*', 'W/"1"', 'nope'), { nil: undefined, freq: 4 }),
  }).chain((r) => payloadFor(r.method).map((body): FuzzRequest => ({
    method: r.method,
    url: `${r.path}${r.query}`,
    headers: {
      ...(r.authorization ? { authorization: r.authorization } : {}),
      ...(r.contentType !== undefined ? { 'content-type': r.contentType } : {}),
      ...(r.ifMatch !== undefined ? { 'if-match': r.ifMatch } : {}),
      ...(r.ifNoneMatch !== undefined ? { 'if-none-match': r.ifNoneMatch } : {}),
    },
    ...(body !== undefined && r.method !== 'GET' && r.method !== 'HEAD' ? { payload: body } : {}),
  })));
}

const fingerprints = new WeakMap<FastifyInstance, () => string>();

/** Everything a write can change, in one string: counts, version sum, newest timestamp, attribute sizes, membership rows. */
export function fingerprint(app: FastifyInstance): string {
  let read = fingerprints.get(app);
  if (!read) {
    const { db } = referenceAppInternals(app);
    const r = db.prepare('SELECT count(*) AS n, total(version) AS v, max(last_modified) AS m, total(length(attrs)) AS l FROM resources');
    const m = db.prepare("SELECT count(*) AS n, max(seq) AS s, total(length(coalesce(display, ''))) AS d FROM memberships");
    read = () => JSON.stringify([r.get(), m.get()]);
    fingerprints.set(app, read);
  }
  return read();
}

/** Seeding rounds so far: each round's names are new, so a reseed never collides with survivors. */
let seeded = 0;

/** Creates a few users and groups (with memberships) to give writes real targets; makes them the pools in `into`. */
export async function seed(app: FastifyInstance, into: SeedIds = { users: [], groups: [] }): Promise<SeedIds> {
  const post = async (path: string, body: unknown): Promise<string> => {
    const r = await app.inject({ method: 'POST', url: `${BASE}${path}`, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/scim+json' }, payload: JSON.stringify(body) });
    return String((JSON.parse(r.body) as { id: unknown }).id);
  };
  const round = (seeded += 1);
  const users: string[] = [];
  for (let i = 0; i < 5; i++) {
    const name = `fuzz${round}-${i}@example.com`;
    users.push(await post('/Users', { userName: name, externalId: `e${i}`, active: i % 2 === 0, emails: [{ type: 'work', value: name, primary: true }], [ENT]: { department: 'D' } }));
  }
  const groups = [
    await post('/Groups', { displayName: `Fuzz A${round}`, members: users.slice(0, 3).map((value) => ({ value })) }),
    await post('/Groups', { displayName: `Fuzz B${round}` }),
  ];
  into.users.splice(0, into.users.length, ...users);
  into.groups.splice(0, into.groups.length, ...groups);
  return into;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The invariants for one exchange; a string describing the broken one, or undefined. */
export function violation(req: FuzzRequest, status: number, headers: Record<string, unknown>, body: string, before: string, after: string): string | undefined {
  if (status >= 500) return `status ${status}`;
  const token = req.url.split('?')[0] === '/oauth/token';
  const type = String(headers['content-type'] ?? '');
  if (!token && status !== 204 && status !== 304 && req.method !== 'HEAD' && !/^application\/scim\+json/.test(type)) {
    // a CORS-less OPTIONS is a 405 like any other method; every answer that has a body is SCIM
    return `content-type ${type}`;
  }
  if (body !== '' && req.method !== 'HEAD') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return 'body is not JSON';
    }
    if (status >= 400 && !token) {
      const e = parsed as { schemas?: unknown; status?: unknown; detail?: unknown };
      if (!Array.isArray(e.schemas) || e.schemas[0] !== URN.Error || e.status !== String(status) || typeof e.detail !== 'string') return 'not a SCIM Error';
    }
  }
  if (WRITES.has(req.method) && status >= 400 && before !== after) return 'a failed write changed the data';
  return undefined;
}

export async function fuzzReferenceApp(opts: FuzzOptions): Promise<FuzzReport> {
  const seedValue = opts.seed ?? Date.now() % 2 ** 31;
  const internal: unknown[] = [];
  const app = build({ tokens: [TOKEN], defects: opts.defects ?? [], maxResults: 50, onInternalError: (e) => internal.push(e), ...(opts.schema ? { schema: opts.schema } : {}) });
  const statuses: Record<string, number> = {};
  const started = performance.now();
  let failure: string | undefined;
  try {
    const ids = await seed(app);
    const property = fc.asyncProperty(requestArbitrary(ids), async (req) => {
      const write = WRITES.has(req.method);
      const before = write ? fingerprint(app) : '';
      const res = await app.inject(req as InjectOptions);
      statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
      const broken = violation(req, res.statusCode, res.headers, res.body, before, write ? fingerprint(app) : '');
      if (req.method === 'DELETE' && res.statusCode === 204) await seed(app, ids);
      if (broken) throw new Error(`${broken}: ${req.method} ${req.url.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}${internal.length ? ` (${String(internal[internal.length - 1])})` : ''}`);
    });
    const out = await fc.check(property, { numRuns: opts.runs, seed: seedValue, endOnFailure: true });
    if (out.failed) failure = `${String(out.errorInstance ?? 'failed')} (seed ${seedValue}, path ${out.counterexamplePath ?? ''})`;
  } finally {
    await app.close();
  }
  return { runs: opts.runs, seed: seedValue, ms: Math.round(performance.now() - started), statuses, ...(failure ? { failure } : {}) };
}
