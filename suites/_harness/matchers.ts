/**
 * SCIM assertions. Each failure is a ConformanceFailure carrying Expected (every acceptable alternative),
 * Actual and the exchange number; the check wrapper adds the requirement sentence and the fix hint.
 */
import { ConformanceFailure, type ConformanceCode } from '../../core/errors.js';
import { readPath } from '../../core/filter/index.js';
import { validateScim, type SchemaName } from '../../core/schemas/index.js';
import type { ScimResponse } from '../../core/client/scim-client.js';

export function fail(code: ConformanceCode, message: string, opts: { expected?: string; actual?: string; res?: ScimResponse; requirement?: string } = {}): never {
  throw new ConformanceFailure(code, message, {
    ...(opts.requirement ? { requirements: [opts.requirement] } : {}),
    ...(opts.expected !== undefined ? { expected: opts.expected } : {}),
    ...(opts.actual !== undefined ? { actual: opts.actual } : {}),
    ...(opts.res ? { exchange: opts.res.seq } : {}),
  });
}

const short = (v: unknown): string => {
  const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
};

export function describeResponse(res: ScimResponse): string {
  const body = res.body === undefined ? '(empty body)' : short(res.body);
  return `${res.status} ${body}`;
}

export interface ScimExpectation {
  toHaveStatus(...codes: number[]): ScimExpectation;
  toHaveScimContentType(): ScimExpectation;
  toHaveJsonBody(): ScimExpectation;
  toMatchSchema(name: SchemaName): ScimExpectation;
  /** A ListResponse Entra can read: the schema, totalResults, Resources when there are any. */
  toBeListResponse(): ScimExpectation;
  /** toBeListResponse, plus the page fields LIST-RESPONSE requires: startIndex, itemsPerPage equal to what came. */
  toHavePageFields(): ScimExpectation;
  toHaveTotalResults(n: number): ScimExpectation;
  /** The resources of a ListResponse (empty array when absent). */
  resources(): Array<Record<string, unknown>>;
  /** The JSON body as an object (fails if it is not one). */
  json(): Record<string, unknown>;
}

/** `requirement` names the ID a failure proves broken when the check cites several. */
export function expectScim(res: ScimResponse, requirement?: string): ScimExpectation {
  const at = (message: string, code: ConformanceCode, expected: string, actual: string): never =>
    fail(code, message, { expected, actual, res, ...(requirement ? { requirement } : {}) });

  const json = (): Record<string, unknown> => {
    if (!res.json || typeof res.body !== 'object' || res.body === null || Array.isArray(res.body)) {
      at(`${res.request.method} ${res.request.path} did not answer with a JSON object`, 'SCIM_SCHEMA', 'a JSON object body', describeResponse(res));
    }
    return res.body as Record<string, unknown>;
  };

  const api: ScimExpectation = {
    toHaveStatus(...codes) {
      if (!codes.includes(res.status)) {
        at(`${res.request.method} ${res.request.path} answered ${res.status}`, 'SCIM_STATUS', codes.join(' or '), describeResponse(res));
      }
      return api;
    },
    toHaveScimContentType() {
      const ct = res.headers['content-type'] ?? '';
      if (!/^application\/scim\+json\b/i.test(ct)) {
        at('Content-Type is not application/scim+json', 'SCIM_HEADER', 'Content-Type: application/scim+json (charset optional)', ct ? `Content-Type: ${ct}` : 'no Content-Type header');
      }
      return api;
    },
    toHaveJsonBody() {
      json();
      return api;
    },
    toMatchSchema(name) {
      const body = json();
      const result = validateScim(name, body);
      if (!result.valid) at(`the body is not a valid SCIM ${name}`, 'SCIM_SCHEMA', `a ${name} per RFC 7643/7644`, result.errors.join('; '));
      return api;
    },
    toBeListResponse() {
      api.toMatchSchema('ListResponse');
      const body = json();
      const total = body.totalResults as number;
      if (total > 0 && !Array.isArray(body.Resources)) {
        at('a non-empty ListResponse has no Resources', 'SCIM_MISSING', 'Resources present when totalResults > 0', `totalResults ${total}, no Resources`);
      }
      return api;
    },
    toHavePageFields() {
      api.toBeListResponse();
      const body = json();
      const returned = Array.isArray(body.Resources) ? body.Resources.length : 0;
      if (body.itemsPerPage !== undefined && body.itemsPerPage !== returned) {
        at('itemsPerPage differs from the number of resources returned', 'SCIM_VALUE', `itemsPerPage ${returned}`, `itemsPerPage ${short(body.itemsPerPage)} with ${returned} resources`);
      }
      if (body.startIndex === undefined && (body.totalResults as number) > 0) {
        at('the ListResponse has no startIndex', 'SCIM_MISSING', 'startIndex (1-based)', 'absent');
      }
      return api;
    },
    toHaveTotalResults(n) {
      const body = json();
      if (body.totalResults !== n) at(`totalResults is ${short(body.totalResults)}`, 'SCIM_VALUE', `totalResults ${n}`, `totalResults ${short(body.totalResults)}`);
      return api;
    },
    resources() {
      const body = json();
      return Array.isArray(body.Resources) ? (body.Resources as Array<Record<string, unknown>>) : [];
    },
    json,
  };
  return api;
}

/** Asserts a value read back equals what was sent (verbatim), naming the attribute. */
export function expectValue(res: ScimResponse, resource: Record<string, unknown>, path: string, expected: unknown, requirement?: string): void {
  const actual = readPath(resource, path);
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    fail('SCIM_VALUE', `the value of ${path} is ${actual === undefined ? 'missing' : short(actual)}`, {
      expected: `${path} = ${short(expected)}`,
      actual: `${path} = ${actual === undefined ? '(absent)' : short(actual)}`,
      res,
      ...(requirement ? { requirement } : {}),
    });
  }
}
