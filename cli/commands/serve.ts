/**
 * `scim-conform serve`: the reference app as a standalone server. Its base URL is the FIRST line on stdout and a
 * generated token the next one (scripts read them); it runs until SIGINT/SIGTERM.
 */
import { readFileSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { newSecret } from '../../core/secret.js';
import type { SchemaProfile } from '../../core/schema-defs/index.js';
import { SCHEMA_PROFILES, type ReferenceAppOptions } from '../../reference-app/options.js';
import { say, usageError, type CliContext } from '../context.js';
import { readableFile } from '../run-options.js';
import { untilStopped } from '../until-stopped.js';

interface ServeArgs {
  port?: number | undefined;
  host?: string | undefined;
  token?: string[] | undefined;
  db?: string | undefined;
  defect?: string[] | undefined;
  listDefects?: boolean | undefined;
  tlsCert?: string | undefined;
  tlsKey?: string | undefined;
  tls?: string | undefined;
  cors?: string | undefined;
  log?: string | undefined;
  oauthClient?: string[] | undefined;
  schema?: SchemaProfile | undefined;
}

function builder(y: Argv): Argv<ServeArgs> {
  return y
    .options({
      port: { type: 'number', default: 0, describe: 'Port to listen on (0: a free one)' },
      host: { type: 'string', default: '127.0.0.1', describe: 'Address to listen on' },
      token: { type: 'string', array: true, describe: 'Accepted bearer token(s); one is generated and printed when none is given' },
      db: { type: 'string', describe: 'SQLite file to keep the data in (default: in memory)' },
      defect: { type: 'string', array: true, describe: 'Switch on a defect that breaks a requirement (see --list-defects)' },
      'list-defects': { type: 'boolean', default: false, describe: 'Print the defects and exit' },
      'tls-cert': { type: 'string', describe: 'PEM certificate for https (with --tls-key)' },
      'tls-key': { type: 'string', describe: 'PEM private key for https (with --tls-cert)' },
      tls: { type: 'string', choices: ['self-signed'], describe: 'https with a throwaway self-signed certificate' },
      cors: { type: 'string', describe: 'Allowed CORS origin (* for any)' },
      log: { type: 'string', describe: 'Append a JSON-lines request log (secrets redacted) to this file' },
      'oauth-client': { type: 'string', array: true, describe: 'ID:SECRET of an OAuth client that may get tokens at /oauth/token' },
      schema: {
        type: 'string', choices: SCHEMA_PROFILES, default: 'full',
        describe: 'Attributes declared in /Schemas: full (RFC 7643), or minimal (only Entra\'s default mapping; a PATCH path, '
          + 'body attribute or filter naming any other answers 400, as careful real servers do)',
      },
    })
    .example('$0 serve --port 8080', 'a known-good SCIM endpoint on http://127.0.0.1:8080/scim/v2')
    .example('$0 serve --defect reformat-phone', 'one that breaks USER-VALUES-VERBATIM')
    .example('$0 serve --schema minimal', 'one that declares and accepts only what Entra\'s default mapping sends') as unknown as Argv<ServeArgs>;
  // The cast: yargs infers `string | undefined` for choices; ServeArgs is what the handler validates.
}

/** Flags → reference app options; every problem is a one-line configuration error. */
export function serveOptions(args: ServeArgs, cwd: string): { opts: ReferenceAppOptions; generatedToken: string | undefined } {
  const port = args.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError('--port must be a whole number from 0 to 65535');
  const clients = (args.oauthClient ?? []).map((pair) => {
    const cut = pair.indexOf(':');
    if (cut < 1 || cut === pair.length - 1) throw usageError('--oauth-client must be ID:SECRET');
    return { id: pair.slice(0, cut), secret: pair.slice(cut + 1) };
  });
  if ((args.tlsCert === undefined) !== (args.tlsKey === undefined)) throw usageError('--tls-cert and --tls-key go together');
  if (args.tlsCert !== undefined && args.tls !== undefined) throw usageError('use either --tls self-signed or --tls-cert/--tls-key');
  const certFile = readableFile(args.tlsCert, '--tls-cert', cwd);
  const keyFile = readableFile(args.tlsKey, '--tls-key', cwd);
  const tokens = (args.token ?? []).filter((t) => t !== '');
  const generatedToken = tokens.length === 0 && clients.length === 0 ? newSecret() : undefined;
  const opts: ReferenceAppOptions = {
    tokens: generatedToken ? [generatedToken] : tokens,
    port,
    host: args.host ?? '127.0.0.1',
    defects: args.defect ?? [],
    ...(clients.length > 0 ? { oauth: { clients } } : {}),
    ...(args.db ? { db: args.db } : {}),
    ...(certFile && keyFile ? { tls: { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') } } : {}),
    ...(args.tls === 'self-signed' ? { tls: 'self-signed' as const } : {}),
    ...(args.cors ? { cors: args.cors } : {}),
    ...(args.log ? { logFile: args.log } : {}),
    ...(args.schema ? { schema: args.schema } : {}),
  };
  return { opts, generatedToken };
}

export function serveCommand(ctx: CliContext): CommandModule<object, ServeArgs> {
  return {
    command: 'serve',
    describe: 'Start the reference SCIM app (known-good, or with defects) until Ctrl-C',
    builder,
    handler: async (args) => {
      // Loaded here, not at start-up: the defect registry, fastify and SQLite are only needed by serve.
      const { DEFECTS, defectsByName } = await import('../../reference-app/defects/index.js');
      if (args.listDefects) {
        for (const d of DEFECTS) say(ctx, 'stdout', `${d.name.padEnd(34)} breaks ${d.requirements.join(', ')}: ${d.description}`);
        return;
      }
      defectsByName(args.defect ?? []);
      const { opts, generatedToken } = serveOptions(args, ctx.io.cwd);
      const { startReferenceApp } = await import('../../reference-app/server.js');
      const app = await startReferenceApp(opts);
      say(ctx, 'stdout', app.url);
      // Printed on purpose: the caller needs it, and it was never a secret of theirs.
      if (generatedToken) ctx.io.stdout.write(`${generatedToken}\n`);
      if (opts.oauth) say(ctx, 'stdout', `OAuth token endpoint: ${app.origin}/oauth/token`);
      if (opts.defects?.length) say(ctx, 'stdout', `Defects on: ${opts.defects.join(', ')}`);
      if (opts.schema === 'minimal') say(ctx, 'stdout', "Schema: minimal (only Entra's default mapping is declared)");
      say(ctx, 'stdout', 'Ctrl-C stops the server');
      await untilStopped();
      await app.close();
    },
  };
}
