/**
 * Replies as values: handlers return a ScimReply, defects may transform it, and one function writes it. Every
 * thrown thing becomes a SCIM Error reply here, so no path of the app can answer with fastify's own JSON.
 */
import { ScimError, type ScimType } from '../scim/scim-error.js';
import type { ScimReply } from '../defects/types.js';
import { errorReply } from '../resources/fail.js';

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

/** A body serialised already (a list spliced from stored text): written as is, parsed only for a defect's response hook. */
export class JsonText {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

export function jsonReply(status: number, body: unknown, headers: Record<string, string> = {}): ScimReply {
  return { status, headers, body };
}

export function emptyReply(status: 204 | 304, headers: Record<string, string> = {}): ScimReply {
  return { status, headers };
}

/** fastify's own error codes a client can provoke, as SCIM errors. */
const FASTIFY_CODES: Record<string, [number, ScimType | undefined, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, undefined, 'Send the body as application/scim+json (or application/json).'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, undefined, 'The request body is larger than the server accepts.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalidSyntax', 'The request body is empty but the Content-Type says JSON.'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalidSyntax', 'The request body is not valid JSON.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, undefined, 'Content-Length does not match the body.'],
  FST_ERR_BAD_URL: [400, undefined, 'The request URL cannot be decoded.'],
};

/** Maps any error to a SCIM Error reply; `internal` is true for our own bugs (a 500). */
export function toErrorReply(err: unknown): { reply: ScimReply; internal: boolean } {
  if (err instanceof ScimError) return { reply: errorReply(err.status, err.detail, err.scimType), internal: false };
  const e = err as { code?: unknown; statusCode?: unknown; message?: unknown } | null;
  const known = typeof e?.code === 'string' ? FASTIFY_CODES[e.code] : undefined;
  if (known) return { reply: errorReply(known[0], known[2], known[1]), internal: false };
  if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { reply: errorReply(e.statusCode, typeof e.message === 'string' ? e.message : 'Bad request.'), internal: false };
  }
  return { reply: errorReply(500, 'Internal server error.'), internal: true };
}
