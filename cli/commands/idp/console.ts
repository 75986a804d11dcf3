/**
 * `idp console`: the provisioning console — a local web page over the IdP state, like Entra's Provisioning pages
 * (overview, admin credentials, provision on demand, logs, attribute mapping, directory). Loopback only unless
 * --host says otherwise; the page has no login, so another address is said aloud. Runs until Ctrl-C.
 */
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { adoptMappingsFile, DEFAULT_CONCURRENCY, jobStatus, nextCycleKind, openDb } from '../../../mock-idp/index.js';
import { say, usageError, type CliContext } from '../../context.js';
import { untilStopped } from '../../until-stopped.js';
import type { StateArgs } from './options.js';

interface ConsoleArgs extends StateArgs {
  port: number;
  host: string;
  url?: string | undefined;
  token?: string | undefined;
  mappings?: string | undefined;
  concurrency: number;
  embedded: boolean;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function consoleCommand(ctx: CliContext): CommandModule<object, ConsoleArgs> {
  return {
    command: 'console',
    describe: "The provisioning console: Entra's Provisioning pages as a local web page over the IdP state",
    builder: (y) => y.options({
      state: { type: 'string', demandOption: true, describe: 'IdP state file (SQLite; created if missing)' },
      port: { type: 'number', default: 0, describe: 'Port to listen on (0: a free one)' },
      host: { type: 'string', default: '127.0.0.1', describe: 'Address to listen on (the page has no login: keep it on loopback)' },
      url: { type: 'string', describe: 'Tenant URL to start with (or SCIM_URL); the page can change it' },
      token: { type: 'string', describe: 'Secret token to start with (or SCIM_TOKEN); kept in memory only' },
      mappings: { type: 'string', describe: "Attribute mappings JSON to make the job's mappings (saved in the state, as every idp command's --mappings)" },
      concurrency: { type: 'number', default: DEFAULT_CONCURRENCY, describe: 'Objects in flight at once during a cycle' },
      embedded: { type: 'boolean', default: false, describe: 'Also start the reference SCIM app on loopback and use it as the target' },
    }) as unknown as Argv<ConsoleArgs>,
    handler: async (args) => {
      const port = args.port;
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw usageError('--port must be a whole number from 0 to 65535');
      if (!Number.isInteger(args.concurrency) || args.concurrency < 1) throw usageError('--concurrency must be a positive whole number');
      let url = args.url ?? ctx.io.env.SCIM_URL;
      let token = args.token ?? ctx.io.env.SCIM_TOKEN;
      if (args.embedded && (url || token)) throw usageError('--embedded starts its own target: leave out --url and --token');
      if (token) ctx.redactor.addSecret(token);
      // Loaded here: fastify, the page and the emulator are only needed when the console runs.
      const embedded = args.embedded ? await (await import('../../embedded.js')).startEmbedded() : undefined;
      if (embedded) {
        url = embedded.url;
        token = embedded.token;
        ctx.redactor.addSecret(token);
      }
      const { startConsole } = await import('../../../console/server.js');
      const state = resolve(ctx.io.cwd, args.state);
      const db = openDb(state);
      try {
        const adopted = args.mappings ? adoptMappingsFile(db, resolve(ctx.io.cwd, args.mappings)) : undefined;
        if (adopted?.saved) say(ctx, 'stderr', `mappings: ${args.mappings} saved in the state as the job's mappings (the page edits them); the next cycle is ${nextCycleKind(jobStatus(db), adopted.compiled)}`);
        const running = await startConsole({
          db,
          stateName: args.state,
          host: args.host,
          port,
          redactor: ctx.redactor,
          concurrency: args.concurrency,
          ...(url ? { tenantUrl: url } : {}),
          ...(token ? { token } : {}),
          onInternalError: (err) => say(ctx, 'stderr', `console: internal error: ${err instanceof Error ? err.stack ?? err.message : String(err)}`),
        });
        say(ctx, 'stdout', running.url);
        if (embedded) say(ctx, 'stdout', `Target: the embedded reference app at ${embedded.url}`);
        if (!LOOPBACK.has(args.host)) say(ctx, 'stderr', `WARNING: the console listens on ${args.host} and has no login: anyone who reaches that address can run provisioning cycles`);
        say(ctx, 'stdout', 'Ctrl-C stops the console');
        await untilStopped();
        await running.close();
      } finally {
        db.close();
        await embedded?.close();
      }
    },
  };
}
