/**
 * `idp`: the Entra emulator on the command line (registered by cli/ as a yargs command module).
 * sync, test-connection, provision (on demand), logs, restart, generate, import, status.
 * The tenant URL may carry `?aadOptscim062020`, which selects the flagged PATCH dialect as it does in Entra.
 */
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { HarnessError } from '../core/errors.js';
import type { Exchange } from '../core/evidence.js';
import type { Redactor } from '../core/redact.js';
import type { Dialect } from '../core/run-config.js';
import { createAgent, createScimClient, type ScimClient } from '../core/client/scim-client.js';
import { staticToken } from '../core/client/oauth.js';
import { openDb, type Db } from './db.js';
import { ProvisioningJob, type CycleSummary, type JobOptions, type Progress } from './cycles/job.js';
import { JobState } from './cycles/state.js';
import { readCsvDirectory } from './directory/csv-file.js';
import { readJsonDirectory, writeJsonDirectory } from './directory/json-file.js';
import { DirectoryStore, type ImportSummary } from './directory/store.js';
import type { DirectoryInput } from './directory/types.js';
import { parseDuration } from './escrow/schedule.js';
import type { RateLimitMode } from './escrow/rate-limit.js';
import { LogStore, type ProvisioningAction, type ProvisioningStatus } from './logs/store.js';
import { renderLogs, type LogFormat } from './logs/export.js';
import { loadMappings, DEFAULT_MAPPINGS_FILE } from './mappings/mappings.js';
import { provisionOnDemand } from './on-demand.js';

/** What the idp command needs from the CLI (structurally the CLI's own context). */
export interface IdpCliContext {
  io: { stdout: { write(s: string): unknown }; stderr: { write(s: string): unknown }; env: NodeJS.ProcessEnv; cwd: string };
  redactor: Redactor;
  exitCode: number;
}

export const DEFAULT_STATE_FILE = 'scim-conform-idp.sqlite';
const bad = (message: string): HarnessError => new HarnessError('HARNESS_CONFIG', message);

interface CommonArgs {
  state: string;
}
interface TargetArgs extends CommonArgs {
  url?: string | undefined;
  token?: string | undefined;
  dialect?: string | undefined;
  mappings?: string | undefined;
  directory?: string | undefined;
  concurrency: number;
  timeout: number;
  ca?: string | undefined;
  insecure: boolean;
  'rate-limit': string;
  partition?: string | undefined;
  exchanges?: string | undefined;
}
interface SyncArgs extends TargetArgs {
  cycles: number;
  advance?: string | undefined;
  'allow-deletes': boolean;
  json: boolean;
}

function out(ctx: IdpCliContext, line: string): void {
  ctx.io.stdout.write(`${ctx.redactor.text(line)}\n`);
}

function readDirectory(file: string): DirectoryInput {
  return /\.csv$/i.test(file) ? readCsvDirectory(file) : readJsonDirectory(file);
}

function openState(ctx: IdpCliContext, args: CommonArgs): Db {
  return openDb(resolve(ctx.io.cwd, args.state));
}

function stateOption(y: Argv): Argv<CommonArgs> {
  return y.option('state', { type: 'string', default: DEFAULT_STATE_FILE, describe: 'SQLite file holding the IdP state (directory, links, escrow, logs)' });
}

function targetOptions(y: Argv): Argv<TargetArgs> {
  return stateOption(y).options({
    url: { type: 'string', describe: 'Tenant URL of the SCIM endpoint (append ?aadOptscim062020 for the flagged dialect)' },
    token: { type: 'string', describe: 'Secret token sent as Authorization: Bearer (or SCIM_TOKEN)' },
    dialect: { type: 'string', choices: ['default', 'aadOptscim062020'], describe: 'PATCH dialect (default: from the tenant URL)' },
    mappings: { type: 'string', describe: `Attribute mappings JSON (default: Entra's non-gallery mapping, ${DEFAULT_MAPPINGS_FILE})` },
    directory: { type: 'string', describe: 'Directory file (JSON {users, groups, assignments?} or CSV) imported before the cycle' },
    concurrency: { type: 'number', default: 8, describe: 'Objects in flight at once (each object is sequential)' },
    timeout: { type: 'number', default: 30_000, describe: 'Per-request timeout in ms' },
    ca: { type: 'string', describe: 'PEM CA bundle for a private CA' },
    insecure: { type: 'boolean', default: false, describe: 'Skip TLS verification (test servers only)' },
    'rate-limit': { type: 'string', choices: ['ignore-and-escrow', 'honor-retry-after'], default: 'ignore-and-escrow', describe: 'What a 429 does' },
    partition: { type: 'string', describe: 'i/n: handle only the i-th of n disjoint partitions (parallel jobs)' },
    exchanges: { type: 'string', describe: 'Append every SCIM exchange (redacted) as a JSON line to this file; "scim-conform record --import FILE" makes it a replay trace' },
  }) as unknown as Argv<TargetArgs>;
  // The cast: yargs types `choices` options as plain strings; the handlers validate them.
}

interface Target {
  client: ScimClient;
  dialect: Dialect;
  url: string;
}

function target(ctx: IdpCliContext, args: TargetArgs): Target {
  const url = args.url ?? ctx.io.env.SCIM_URL;
  if (!url) throw bad('--url is required: the tenant URL of the SCIM endpoint');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw bad(`--url ${url} is not a URL`);
  }
  const token = args.token ?? ctx.io.env.SCIM_TOKEN;
  if (!token) throw bad('--token is required (or SCIM_TOKEN): the secret token Entra would send');
  ctx.redactor.addSecret(token);
  const flagged = parsed.searchParams.has('aadOptscim062020');
  const dialect = (args.dialect as Dialect | undefined) ?? (flagged ? 'aadOptscim062020' : 'default');
  const concurrency = args.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw bad('--concurrency must be a positive whole number');
  const client = createScimClient({
    baseUrl: url,
    token: staticToken(token),
    secrets: [token],
    redactor: ctx.redactor,
    timeoutMs: args.timeout,
    dispatcher: createAgent({ connections: concurrency, insecure: args.insecure, ...(args.ca ? { ca: readFileSync(resolve(ctx.io.cwd, args.ca)) } : {}) }),
    ...(args.exchanges ? { onExchange: exchangeLog(resolve(ctx.io.cwd, args.exchanges)) } : {}),
  });
  return { client, dialect, url: client.baseUrl };
}

/** The exchange log: each exchange (already redacted by the client) with the time its request was sent. */
function exchangeLog(file: string): (ex: Exchange) => void {
  writeFileSync(file, '', { mode: 0o600 });
  return (ex) => appendFileSync(file, `${JSON.stringify({ at: new Date(Date.now() - ex.ms).toISOString(), ...ex })}\n`);
}

function partition(spec: string | undefined): JobOptions['partition'] {
  if (spec === undefined) return undefined;
  const m = /^(\d+)\/(\d+)$/.exec(spec);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw bad(`--partition ${spec}: expected i/n with 1 ≤ i ≤ n`);
  return { index, count };
}

function jobFor(ctx: IdpCliContext, args: TargetArgs, db: Db, onProgress?: (p: Progress) => void): { job: ProvisioningJob; options: JobOptions } {
  const t = target(ctx, args);
  const mappings = loadMappings(args.mappings ? resolve(ctx.io.cwd, args.mappings) : undefined);
  const p = partition(args.partition);
  const options: JobOptions = {
    db,
    client: t.client,
    mappings,
    dialect: t.dialect,
    concurrency: args.concurrency,
    rateLimit: args['rate-limit'] as RateLimitMode,
    baseUrl: t.url,
    ...(p ? { partition: p } : {}),
    ...(onProgress ? { onProgress } : {}),
  };
  return { job: new ProvisioningJob(options), options };
}

function importSummaryLine(file: string, s: ImportSummary): string {
  const u = s.users;
  const g = s.groups;
  return `imported ${file}: users +${u.created} ~${u.updated} -${u.deleted} (=${u.unchanged}), groups +${g.created} ~${g.updated} -${g.deleted}, memberships +${s.memberships.added} -${s.memberships.removed}, ${s.assignments.assignAll ? 'no assignments: everything in scope' : `${s.assignments.changed} assignment change(s)`}`;
}

export function cycleSummaryLine(s: CycleSummary): string {
  const parts = [
    `${s.kind} cycle ${s.cycleId.slice(0, 8)} at ${s.at}: created ${s.created}, updated ${s.updated}, disabled ${s.disabled}, deleted ${s.deleted}, skipped ${s.skipped}, failed ${s.failed}`,
    `(references ${s.references}, unchanged ${s.unchanged}${s.staged ? `, staged ${s.staged}` : ''}; ${s.requests} requests in ${(s.durationMs / 1000).toFixed(1)} s; escrow ${s.escrowed})`,
  ];
  if (s.quarantine) parts.push(`\nQUARANTINED: ${s.quarantine.reason}: ${s.quarantine.detail}`);
  if (s.aborted) parts.push(`\ncycle aborted: ${s.aborted}`);
  return parts.join(' ');
}

/** Progress on a terminal: one rewritten line, at most five times a second. */
function progressPrinter(ctx: IdpCliContext): ((p: Progress) => void) | undefined {
  const stream = ctx.io.stderr as { isTTY?: boolean; write(s: string): unknown };
  if (!stream.isTTY) return undefined;
  let last = 0;
  const started = Date.now();
  return (p) => {
    const now = Date.now();
    if (now - last < 200 && p.done !== p.total) return;
    last = now;
    const rate = p.done / Math.max(0.001, (now - started) / 1000);
    stream.write(`\r\x1b[K${p.phase}: ${p.done}/${p.total} (${rate.toFixed(0)}/s)`);
    if (p.done === p.total) stream.write('\r\x1b[K');
  };
}

export function idpCommand(ctx: IdpCliContext): CommandModule<object, object> {
  const sync: CommandModule<object, SyncArgs> = {
    command: 'sync',
    describe: 'Import the directory file (if given) and run a provisioning cycle against the target',
    builder: (y) => targetOptions(y).options({
      cycles: { type: 'number', default: 1, describe: 'Cycles to run back to back (the clock moves 40 min between them)' },
      advance: { type: 'string', describe: 'Move the simulated clock first (e.g. 6h, 1d) so escrowed retries fall due' },
      'allow-deletes': { type: 'boolean', default: false, describe: 'Let disables/deletes above the accidental-deletion threshold through' },
      json: { type: 'boolean', default: false, describe: 'Print each cycle summary as JSON' },
    }) as unknown as Argv<SyncArgs>,
    handler: async (args) => {
      const db = openState(ctx, args);
      try {
        const { job } = jobFor(ctx, args, db, progressPrinter(ctx));
        if (args.directory) {
          const file = resolve(ctx.io.cwd, args.directory);
          out(ctx, importSummaryLine(args.directory, job.dir.importDirectory(readDirectory(file))));
        }
        if (args.advance) job.advanceClock(parseDuration(args.advance));
        for (let i = 0; i < Math.max(1, args.cycles); i++) {
          const s = await job.runCycle({ allowDeletes: args['allow-deletes'] });
          out(ctx, args.json ? JSON.stringify(s) : cycleSummaryLine(s));
          if (s.failed > 0 || s.quarantine || s.aborted) ctx.exitCode = 1;
          if (s.aborted) break;
        }
      } finally {
        db.close();
      }
    },
  };
  const testConnection: CommandModule<object, TargetArgs> = {
    command: 'test-connection',
    describe: "Entra's Test Connection: filter for a random GUID on Users (and Groups), expecting 200 and an empty list",
    builder: targetOptions,
    handler: async (args) => {
      const db = openDb(':memory:');
      try {
        const { job } = jobFor(ctx, args, db);
        const r = await job.testConnection();
        for (const c of r.checks) out(ctx, `${c.ok ? 'ok  ' : 'FAIL'} ${c.step}: ${c.message}`);
        if (!r.ok) ctx.exitCode = 1;
      } finally {
        db.close();
      }
    },
  };
  const provision: CommandModule<object, TargetArgs & { user?: string | undefined; group?: string | undefined; member?: string[] | undefined; json: boolean }> = {
    command: 'provision',
    describe: 'Provision on demand: one user, or one group with up to 5 members (always the default dialect)',
    builder: (y) => targetOptions(y).options({
      user: { type: 'string', describe: 'Source id of the user' },
      group: { type: 'string', describe: 'Source id of the group' },
      member: { type: 'string', array: true, describe: 'Members of the group to provision with it (≤ 5; default: the first 5)' },
      json: { type: 'boolean', default: false, describe: 'Print the result as JSON' },
    }) as unknown as Argv<TargetArgs & { user?: string; group?: string; member?: string[]; json: boolean }>,
    handler: async (args) => {
      if (!args.user === !args.group) throw bad('give exactly one of --user ID or --group ID');
      const db = openState(ctx, args);
      try {
        const { job, options } = jobFor(ctx, args, db);
        if (args.directory) job.dir.importDirectory(readDirectory(resolve(ctx.io.cwd, args.directory)));
        const r = await provisionOnDemand(options, args.user ? { user: args.user } : { group: args.group as string, ...(args.member ? { members: args.member } : {}) });
        if (args.json) out(ctx, JSON.stringify(r, null, 2));
        else for (const s of r.steps) out(ctx, `${s.number}. ${s.name}: ${s.status}${s.details.length ? `\n   ${s.details.join('\n   ')}` : ''}`);
        if (!r.ok) ctx.exitCode = 1;
      } finally {
        db.close();
      }
    },
  };
  const logs: CommandModule<object, CommonArgs & { format: string; cycle?: string | undefined; status?: string | undefined; action?: string | undefined; out?: string | undefined; limit?: number | undefined }> = {
    command: 'logs',
    describe: 'Provisioning logs (Graph provisioningObjectSummary) as JSON, CSV or a table',
    builder: (y) => stateOption(y).options({
      format: { type: 'string', choices: ['json', 'csv', 'table'], default: 'table' },
      cycle: { type: 'string', describe: 'A cycle id, or "last"' },
      status: { type: 'string', choices: ['success', 'warning', 'failure', 'skipped'] },
      action: { type: 'string', choices: ['create', 'update', 'delete', 'stagedDelete', 'disable', 'other'] },
      limit: { type: 'number' },
      out: { type: 'string', describe: 'Write to this file instead of stdout' },
    }) as unknown as Argv<CommonArgs & { format: string; cycle?: string; status?: string; action?: string; out?: string; limit?: number }>,
    handler: (args) => {
      const db = openState(ctx, args);
      try {
        const store = new LogStore(db, { jobId: jobIdOf(db) });
        const cycleId = args.cycle === 'last' ? store.lastCycleId() : args.cycle;
        const entries = store.query({
          ...(cycleId ? { cycleId } : {}),
          ...(args.status ? { status: args.status as ProvisioningStatus } : {}),
          ...(args.action ? { action: args.action as ProvisioningAction } : {}),
          ...(args.limit ? { limit: args.limit } : {}),
        });
        const text = renderLogs(entries, args.format as LogFormat);
        if (args.out) writeFileSync(resolve(ctx.io.cwd, args.out), text);
        else ctx.io.stdout.write(ctx.redactor.text(text));
      } finally {
        db.close();
      }
    },
  };
  const restart: CommandModule<object, CommonArgs & { reset: boolean }> = {
    command: 'restart',
    describe: 'Restart provisioning: clear watermark, escrow and quarantine (--reset also breaks every link)',
    builder: (y) => stateOption(y).option('reset', { type: 'boolean', default: false, describe: 'resetScope Full: forget links, so every object is matched again' }),
    handler: (args) => {
      const db = openState(ctx, args);
      try {
        new JobState(db).restart(args.reset);
        out(ctx, args.reset ? 'restarted with reset: the next cycle is initial and matches every object again' : 'restarted: the next cycle is initial (links kept)');
      } finally {
        db.close();
      }
    },
  };
  const gen: CommandModule<object, { users: number; groups: number; seed: number; out?: string | undefined; prefix?: string | undefined; scope: string; state?: string | undefined }> = {
    command: 'generate',
    describe: 'Generate a seeded directory (JSON file, or straight into --state)',
    builder: (y) => y.options({
      users: { type: 'number', demandOption: true },
      groups: { type: 'number', default: 0 },
      seed: { type: 'number', default: 1 },
      prefix: { type: 'string', describe: 'Prefix on userPrincipalNames and group names' },
      scope: { type: 'string', choices: ['all', 'groups'], default: 'all', describe: 'all: no assignments; groups: assign every group' },
      out: { type: 'string', describe: 'JSON file to write (default: stdout)' },
      state: { type: 'string', describe: 'Import straight into this IdP state instead of writing a file' },
    }) as unknown as Argv<{ users: number; groups: number; seed: number; out?: string; prefix?: string; scope: string; state?: string }>,
    handler: async (args) => {
      for (const [flag, v] of [['--users', args.users], ['--groups', args.groups], ['--seed', args.seed]] as const) {
        if (!Number.isInteger(v) || v < 0) throw bad(`${flag} must be a whole number ≥ 0`);
      }
      // Loaded here, not at the top: the generator brings faker (~35 MB), which no other idp command needs.
      const { generate } = await import('./directory/generate.js');
      const dir = generate({ users: args.users, groups: args.groups, seed: args.seed, scope: args.scope as 'all' | 'groups', ...(args.prefix ? { prefix: args.prefix } : {}) });
      if (args.state) {
        const db = openDb(resolve(ctx.io.cwd, args.state));
        try {
          out(ctx, importSummaryLine('(generated)', new DirectoryStore(db).importDirectory(dir)));
        } finally {
          db.close();
        }
      } else if (args.out) {
        writeJsonDirectory(resolve(ctx.io.cwd, args.out), dir);
        out(ctx, `wrote ${args.out}: ${dir.users.length} users, ${dir.groups?.length ?? 0} groups`);
      } else {
        ctx.io.stdout.write(`${JSON.stringify(dir, null, 2)}\n`);
      }
    },
  };
  const importCmd: CommandModule<object, CommonArgs & { directory: string }> = {
    command: 'import',
    describe: 'Import a directory file into the IdP state (what sync --directory does first)',
    builder: (y) => stateOption(y).option('directory', { type: 'string', demandOption: true }) as unknown as Argv<CommonArgs & { directory: string }>,
    handler: (args) => {
      const db = openState(ctx, args);
      try {
        out(ctx, importSummaryLine(args.directory, new DirectoryStore(db).importDirectory(readDirectory(resolve(ctx.io.cwd, args.directory)))));
      } finally {
        db.close();
      }
    },
  };
  const status: CommandModule<object, CommonArgs> = {
    command: 'status',
    describe: 'Simulated clock, watermark, quarantine, escrow and link counts',
    builder: stateOption,
    handler: (args) => {
      const db = openState(ctx, args);
      try {
        const st = new JobState(db);
        const dir = new DirectoryStore(db);
        const clock = st.getNumber('clock');
        const q = st.quarantine();
        const escrow = st.allEscrow();
        const links = db.prepare<[], { source_type: string; state: string; n: number }>('SELECT source_type, state, COUNT(*) AS n FROM links GROUP BY source_type, state').all();
        out(ctx, `clock ${clock ? new Date(clock).toISOString() : '(not started)'}; watermark ${st.get('watermark') ?? '(none: next cycle is initial)'} of ${dir.maxSeq()}`);
        out(ctx, `directory: ${dir.counts().users} users, ${dir.counts().groups} groups; links: ${links.map((l) => `${l.source_type} ${l.state} ${l.n}`).join(', ') || 'none'}`);
        out(ctx, q ? `QUARANTINED since ${new Date(q.since).toISOString()}: ${q.reason}: ${q.detail}` : 'not quarantined');
        out(ctx, `escrow: ${escrow.length} entr${escrow.length === 1 ? 'y' : 'ies'}`);
        for (const e of escrow.slice(0, 20)) out(ctx, `  ${e.type} ${e.id} ${e.op}: ${e.code} after ${e.attempts} attempt(s), next ${new Date(e.nextRetryAt).toISOString()}: ${e.message}`);
      } finally {
        db.close();
      }
    },
  };
  return {
    command: 'idp <command>',
    describe: 'The Microsoft Entra provisioning emulator (mock IdP): cycles against a SCIM endpoint',
    builder: (y) => y
      .command(sync)
      .command(testConnection)
      .command(provision)
      .command(logs)
      .command(restart)
      .command(gen)
      .command(importCmd)
      .command(status)
      .demandCommand(1, 'name an idp command: sync, test-connection, provision, logs, restart, generate, import or status'),
    handler: () => undefined,
  };
}

/** Logs are per job id; the state remembers the job id of the partition-less job. */
function jobIdOf(db: Db): string {
  const hasLogs = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'logs'").get();
  const row = hasLogs ? db.prepare<[], string>('SELECT job_id FROM logs ORDER BY seq DESC LIMIT 1').pluck().get() : undefined;
  return row ?? 'scim.mockidp';
}
