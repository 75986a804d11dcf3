/**
 * The provisioning console's HTTP server: the page's static files and the JSON API over the job API, on the
 * fastify the reference app uses. `buildConsole` makes the app (tests drive it with inject, no socket);
 * `startConsole` listens, on loopback unless told otherwise.
 */
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { HarnessError } from '../core/errors.js';
import { listenOn } from '../core/listen.js';
import { credentialsRoutes } from './api/credentials.js';
import { directoryRoutes } from './api/directory.js';
import { logRoutes } from './api/logs.js';
import { mappingRoutes } from './api/mappings.js';
import { onDemandRoutes } from './api/on-demand.js';
import { overviewRoutes } from './api/overview.js';
import { loadAssets } from './assets.js';
import { ConsoleError, type ErrorBody } from './errors.js';
import { ConsoleSession, type ConsoleOptions } from './session.js';

/** The header every request that changes something must carry: a page of another site cannot send it without a CORS preflight, which this server never grants. */
export const CSRF_HEADER = 'x-scim-conform-console';

export interface BuildOptions extends ConsoleOptions {
  /** Host names the Host header may carry besides loopback ones (the --host address): guards against DNS rebinding. */
  hosts?: string[];
  /** Where an internal error is reported (the page gets a message, never the stack). */
  onInternalError?: (err: unknown) => void;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function buildConsole(opts: BuildOptions): { app: FastifyInstance; session: ConsoleSession } {
  const session = new ConsoleSession(opts);
  const assets = loadAssets();
  const hosts = new Set([...LOOPBACK, ...(opts.hosts ?? [])]);
  const app = Fastify({ logger: false });

  app.addHook('onRequest', async (req) => {
    const host = hostName(req.headers.host);
    if (!host || !hosts.has(host)) throw new ConsoleError('CONSOLE_FORBIDDEN', `requests for host ${JSON.stringify(req.headers.host ?? '')} are refused: open the console by the address it printed`);
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.headers[CSRF_HEADER] !== '1') {
      throw new ConsoleError('CONSOLE_FORBIDDEN', `a request that changes something must carry the ${CSRF_HEADER} header (the console's page sends it)`);
    }
  });
  app.addHook('onSend', async (_req, reply) => {
    void reply.header('x-content-type-options', 'nosniff').header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');
  });

  overviewRoutes(app, session);
  credentialsRoutes(app, session);
  onDemandRoutes(app, session);
  logRoutes(app, session);
  mappingRoutes(app, session);
  directoryRoutes(app, session);

  // Browsers ask for it on their own; no icon is better than a 404 in the page's console.
  app.get('/favicon.ico', async (_req, reply) => reply.status(204).send());
  app.get('/*', async (req, reply) => {
    const asset = assets.get(req.url.split('?')[0] ?? '/');
    if (!asset) throw new ConsoleError('CONSOLE_NOT_FOUND', `no page at ${req.url.split('?')[0]}`);
    void reply.type(asset.type);
    if (asset.type.startsWith('text/html')) void reply.header('content-security-policy', assets.csp);
    return reply.send(asset.body);
  });
  app.setNotFoundHandler(async (req, reply) => sendError(reply, new ConsoleError('CONSOLE_NOT_FOUND', `no API at ${req.method} ${req.url.split('?')[0]}`)));
  app.setErrorHandler(async (err: FastifyError | Error, _req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof ConsoleError) return sendError(reply, err);
    // The emulator's own checks (a bad mapping, a directory file with issues, a disabled job) say what to fix.
    if (err instanceof HarnessError) return sendError(reply, new ConsoleError('CONSOLE_BAD_INPUT', session.redactor.text(err.message)));
    const status = (err as FastifyError).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return sendError(reply, new ConsoleError('CONSOLE_BAD_INPUT', `the request could not be read: ${session.redactor.text(err.message)}`), status);
    }
    opts.onInternalError?.(err);
    return sendError(reply, new ConsoleError('CONSOLE_INTERNAL', `an internal error (a bug in scim-conform; the console's terminal has the details): ${session.redactor.text(err.message)}`));
  });
  app.addHook('onClose', async () => { session.stop(); await session.settled(); });
  return { app, session };
}

function sendError(reply: FastifyReply, err: ConsoleError, status = err.status): FastifyReply {
  const body: ErrorBody = { error: { code: err.code, message: err.message } };
  return reply.status(status).type('application/json; charset=utf-8').send(body);
}

function hostName(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^(\[[^\]]+\]|[^:]+)(?::\d+)?$/.exec(header.trim().toLowerCase());
  return m?.[1];
}

export interface RunningConsole {
  url: string;
  session: ConsoleSession;
  close(): Promise<void>;
}

export async function startConsole(opts: BuildOptions & { host?: string; port?: number }): Promise<RunningConsole> {
  const host = opts.host ?? '127.0.0.1';
  const { app, session } = buildConsole({ ...opts, hosts: [...(opts.hosts ?? []), host.toLowerCase(), ...(host.includes(':') ? [`[${host.toLowerCase()}]`] : [])] });
  return { url: `http://${await listenOn(app, host, opts.port ?? 0)}/`, session, close: () => app.close() };
}
