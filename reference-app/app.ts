/**
 * `build(opts)`: the reference SCIM service provider as a fastify instance, drivable with `app.inject()`.
 * Layout: JSON body parsing and the error handler at the root; the SCIM endpoints in one encapsulated scope
 * under basePath whose onRequest hook authenticates; the OAuth token endpoint beside it at /oauth/token.
 */
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance } from 'fastify';
import { createRedactor } from '../core/redact.js';
import { defectsByName } from './defects/index.js';
import { composeHooks, type DefectHooks } from './defects/types.js';
import { bearerToken, TokenRegistry } from './http/auth.js';
import { registerJsonBodies } from './http/json-body.js';
import { RequestLog } from './http/request-log.js';
import { toErrorReply } from './http/scim-reply.js';
import { errorReply } from './resources/fail.js';
import { registerScimRoutes, sendScim, viewOf } from './http/scim-route.js';
import { tlsOptions } from './http/tls.js';
import { resolveOptions, type ReferenceAppOptions } from './options.js';
import { ResourceService } from './resources/service.js';
import { discoveryRoutes } from './routes/discovery.js';
import { resourceRoutes, rootSearchRoute } from './routes/resources.js';
import { registerTokenEndpoint } from './routes/token.js';
import { openDb, type Db } from './store/db.js';
import { ResourceStore } from './store/resource-store.js';

export type { ReferenceAppOptions } from './options.js';

/** What self-tests may look at behind the HTTP surface. */
export interface ReferenceAppInternals {
  store: ResourceStore;
  db: Db;
  hooks: DefectHooks;
}

const internalsOf = new WeakMap<FastifyInstance, ReferenceAppInternals>();

export function referenceAppInternals(app: FastifyInstance): ReferenceAppInternals {
  const i = internalsOf.get(app);
  if (!i) throw new Error('not a reference app instance');
  return i;
}

export function build(options: ReferenceAppOptions): FastifyInstance {
  const opts = resolveOptions(options);
  const hooks = composeHooks(defectsByName(opts.defects).map((d) => d.install()));
  const db = openDb(opts.db);
  const store = new ResourceStore(db);
  const service = new ResourceService(store, hooks, opts.clock, opts.schema);
  const registry = new TokenRegistry(opts.tokens, opts.clock);
  const redactor = createRedactor([...opts.tokens, ...(opts.oauth?.clients.map((c) => c.secret) ?? [])]);

  let https: ReturnType<typeof tlsOptions> | undefined;
  if (opts.tls) https = hooks.tls ? hooks.tls(tlsOptions(opts.tls)) : tlsOptions(opts.tls);
  const app = Fastify({
    logger: false,
    bodyLimit: opts.maxBodyBytes,
    ...(https ? { https } : {}),
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, caseSensitive: false, maxParamLength: 1000 },
    // errors the router raises before any route (an undecodable URL) bypass setErrorHandler
    frameworkErrors: (err, request, reply) => {
      const view = { method: request.method, route: 'other' as const, query: {}, body: undefined, headers: {} };
      sendScim(reply, toErrorReply(err).reply, view, hooks);
    },
  }) as unknown as FastifyInstance; // the https and http server types differ only in the raw server, which we never touch
  internalsOf.set(app, { store, db, hooks });

  registerJsonBodies(app);
  if (opts.cors) {
    app.register(cors, { origin: opts.cors === '*' ? '*' : opts.cors, exposedHeaders: ['ETag', 'Location', 'WWW-Authenticate'] });
  }

  if (opts.logFile) {
    const log = new RequestLog(opts.logFile, redactor, opts.onInternalError);
    const payloads = new WeakMap<object, unknown>();
    app.addHook('onSend', async (request, _reply, payload) => {
      payloads.set(request, payload);
      return payload;
    });
    app.addHook('onResponse', async (request, reply) => {
      log.write({
        time: new Date(opts.clock()).toISOString(),
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
        ...(request.body !== undefined ? { requestBody: request.body } : {}),
        ...(payloads.get(request) !== undefined ? { responseBody: payloads.get(request) } : {}),
      });
    });
    app.addHook('onClose', async () => log.close());
  }
  app.addHook('onClose', async () => {
    db.close();
  });

  app.setErrorHandler((err, request, reply) => {
    const { reply: r, internal } = toErrorReply(err);
    if (internal) opts.onInternalError(err);
    return sendScim(reply, r, viewOf(request), hooks);
  });
  const notFound = (detail: string) => (request: Parameters<typeof viewOf>[0], reply: Parameters<typeof sendScim>[0]) =>
    sendScim(reply, errorReply(404, detail), viewOf(request), hooks);
  if (opts.basePath !== '') app.setNotFoundHandler(notFound(`No endpoint here; the SCIM service is at ${opts.basePath}.`));

  const fallbackHost = 'localhost';
  app.register(async (scim) => {
    // a callback hook, not an async one: it runs on every request, and a promise per request is measurable
    scim.addHook('onRequest', (request, reply, done) => {
      let ok = registry.accepts(bearerToken(request.headers.authorization));
      if (hooks.authenticate) ok = hooks.authenticate(ok, { method: request.method, url: request.url });
      if (ok) {
        done();
        return;
      }
      const r = errorReply(401, 'Missing or invalid bearer token.', undefined, { 'www-authenticate': 'Bearer realm="scim"' });
      sendScim(reply, r, viewOf(request), hooks);
    });
    scim.setNotFoundHandler(notFound('No such SCIM endpoint.'));
    registerScimRoutes(scim, [
      ...discoveryRoutes({ maxResults: opts.maxResults, maxBodyBytes: opts.maxBodyBytes, schema: opts.schema }),
      ...resourceRoutes('User', service, opts.maxResults),
      ...resourceRoutes('Group', service, opts.maxResults),
      rootSearchRoute(service, opts.maxResults),
    ], { hooks, basePath: opts.basePath, fallbackHost });
  }, { prefix: opts.basePath });

  if (opts.oauth) {
    registerTokenEndpoint(app, { clients: opts.oauth.clients, tokenLifetimeSec: opts.oauth.tokenLifetimeSec, registry, redactor, hooks });
  }
  return app;
}
