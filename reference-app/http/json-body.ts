/**
 * Request bodies: application/scim+json, application/json and any `+json` type, with or without charset
 * (Postman sends application/json), and a body without Content-Type is read as JSON too. Anything else is
 * 415. Malformed JSON is 400 invalidSyntax; `__proto__` keys are dropped so no later merge can reach a prototype.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { fail } from '../resources/fail.js';

type Done = (err: Error | null, body?: unknown) => void;

/** JSON text → value without `__proto__` keys; malformed JSON is a 400 invalidSyntax ScimError. */
export function parseJsonText(text: string): unknown {
  try {
    // A reviver makes JSON.parse several times slower, and it is only needed when a key could read __proto__:
    // spelled out, or hidden in \u escapes (the only other way JSON can spell a letter).
    return text.includes('__proto__') || text.includes('\\u')
      ? JSON.parse(text, (key, v: unknown) => (key === '__proto__' ? undefined : v))
      : JSON.parse(text);
  } catch (err) {
    throw fail(400, `The request body is not valid JSON: ${(err as Error).message}`, 'invalidSyntax');
  }
}

function parseJson(req: FastifyRequest, text: string, done: Done): void {
  // an unknown route is a 404 whatever its body
  if (req.is404 || text.trim() === '') {
    done(null, undefined);
    return;
  }
  let value: unknown;
  try {
    value = parseJsonText(text);
  } catch (err) {
    done(err as Error);
    return;
  }
  done(null, value);
}

export function registerJsonBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  const opts = { parseAs: 'string' as const };
  app.addContentTypeParser(['application/json', 'application/scim+json'], opts, (req, body, done) => parseJson(req, String(body), done));
  app.addContentTypeParser(/^application\/[\w.-]+\+json\b/i, opts, (req, body, done) => parseJson(req, String(body), done));
  // fastify's fallback parser: reached without a Content-Type, and for every type nothing else claims
  app.addContentTypeParser('*', opts, (req: FastifyRequest, body, done) => {
    if (req.is404 || req.headers['content-type'] === undefined) parseJson(req, String(body), done);
    else done(fail(415, `Content-Type ${req.headers['content-type']} is not supported; send application/scim+json.`));
  });
}
