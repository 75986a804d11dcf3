/**
 * Admin credentials: the tenant URL and secret token, and Test Connection with its result. The token goes in and
 * never comes out: answers say only whether one is set.
 */
import type { FastifyInstance } from 'fastify';
import type { ConsoleSession } from '../session.js';
import { fieldsOf, optionalString, requiredString } from './input.js';

export interface CredentialsView {
  tenantUrl: string | undefined;
  tokenSet: boolean;
}

function view(session: ConsoleSession): CredentialsView {
  const url = session.tenantUrl();
  return { tenantUrl: url ? session.redactor.url(url) : undefined, tokenSet: session.hasToken() };
}

export function credentialsRoutes(app: FastifyInstance, session: ConsoleSession): void {
  app.get('/api/credentials', async () => view(session));
  app.put('/api/credentials', async (req) => {
    const f = fieldsOf(req.body, 'credentials');
    session.setCredentials(requiredString(f, 'tenantUrl', 'the tenant URL'), optionalString(f, 'token'));
    return view(session);
  });
  app.post('/api/test-connection', async () => {
    const r = await session.job().testConnection();
    // Messages can quote the target's answer: the redactor knows the token.
    return { ok: r.ok, checks: r.checks.map((c) => ({ ...c, message: session.redactor.text(c.message) })) };
  });
}
