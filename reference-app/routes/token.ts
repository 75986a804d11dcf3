/**
 * POST /oauth/token: OAuth 2.0 client credentials (RFC 6749 §4.4), as Microsoft's gallery policy requires.
 * Client authentication by HTTP Basic (§2.3.1) or by client_id/client_secret form fields; errors per §5.2.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Redactor } from '../../core/redact.js';
import { secretEquals, type TokenRegistry } from '../http/auth.js';
import type { DefectHooks } from '../defects/types.js';
import type { OAuthClient } from '../options.js';

export const TOKEN_PATH = '/oauth/token';

export interface TokenEndpointOptions {
  clients: readonly OAuthClient[];
  tokenLifetimeSec: number;
  registry: TokenRegistry;
  redactor: Redactor;
  hooks: DefectHooks;
}

function oauthReply(reply: FastifyReply, status: number, body: Record<string, unknown>): FastifyReply {
  return reply
    .code(status)
    .header('content-type', 'application/json; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('pragma', 'no-cache')
    .send(JSON.stringify(body));
}

const decode = (s: string): string => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
};

/** client_id and client_secret from Basic credentials, else from the form. */
function credentials(authorization: string | undefined, form: Record<string, unknown>): { id?: string; secret?: string } {
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(authorization ?? '');
  if (basic) {
    const text = Buffer.from(basic[1] ?? '', 'base64').toString('utf8');
    const colon = text.indexOf(':');
    return colon < 0 ? { id: decode(text) } : { id: decode(text.slice(0, colon)), secret: decode(text.slice(colon + 1)) };
  }
  const out: { id?: string; secret?: string } = {};
  if (typeof form.client_id === 'string') out.id = form.client_id;
  if (typeof form.client_secret === 'string') out.secret = form.client_secret;
  return out;
}

export function registerTokenEndpoint(app: FastifyInstance, o: TokenEndpointOptions): void {
  app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scope.post(TOKEN_PATH, (request, reply) => {
      const form = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
      const { id, secret } = credentials(request.headers.authorization, form);
      const client = o.clients.find((c) => c.id === id);
      // compare even for an unknown id, so the answer time does not reveal which ids exist
      let secretOk = secretEquals(client?.secret ?? '\u0000unknown-client', secret ?? '');
      if (client && o.hooks.clientSecretAccepted) secretOk = o.hooks.clientSecretAccepted(secretOk);
      if (!client || !secretOk) {
        reply.header('www-authenticate', 'Basic realm="oauth"');
        return oauthReply(reply, 401, { error: 'invalid_client', error_description: 'Unknown client or wrong secret.' });
      }
      const grant = form.grant_type;
      if (grant === undefined) return oauthReply(reply, 400, { error: 'invalid_request', error_description: 'grant_type is missing.' });
      if (grant !== 'client_credentials') {
        return oauthReply(reply, 400, { error: 'unsupported_grant_type', error_description: 'Only client_credentials is supported.' });
      }
      const lifetime = o.hooks.tokenLifetimeSec ? o.hooks.tokenLifetimeSec(o.tokenLifetimeSec) : o.tokenLifetimeSec;
      const token = o.registry.issue(lifetime);
      o.redactor.addSecret(token);
      return oauthReply(reply, 200, { access_token: token, token_type: 'Bearer', expires_in: lifetime });
    });
  });
}
