/**
 * `scim-conform replay TRACE`: send a recorded trace to a new build and judge it. Like `run`: consent for a target
 * not on this machine, a run prefix on every identity, a cleanup journal in the output folder (and the sweep of one
 * a crashed replay left), everything created removed afterwards — by prefix too when interrupted — and the report
 * in every format with `run`'s exit codes.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { PACKAGE_VERSION } from '../../core/package-files.js';
import { DEFAULT_TIMEOUT_MS } from '../../core/client/defaults.js';
import type { TargetAccess } from '../../core/client/target.js';
import type { ReplayOutcome } from '../../replay/engine.js';
import { FAULT_KINDS, parseFaults } from '../../replay/faults.js';
import { readTrace } from '../../replay/trace.js';
import type { ComplianceReport } from '../../reports/model.js';
import { EXIT, say, usageError, type CliContext } from '../context.js';
import { JOURNAL_FILE, appendJournal, startJournal } from '../journal.js';
import { newRunPrefix, sweepEarlierRun, sweepLeftovers } from '../leftovers.js';
import { exitCodeFor, summaryLines } from '../outcome.js';
import { readableFile } from '../run-options.js';
import { isLoopback, parseTargetUrl } from '../target.js';

interface ReplayArgs {
  trace?: string | undefined;
  url?: string | undefined;
  token?: string | undefined;
  out?: string | undefined;
  fault?: string[] | undefined;
  timeout?: number | undefined;
  ca?: string | undefined;
  insecure?: boolean | undefined;
  acceptSideEffects?: boolean | undefined;
}

export const DEFAULT_REPLAY_OUT = 'scim-conform-replay';
const TOOL = { name: 'scim-conform', version: PACKAGE_VERSION };

function builder(y: Argv): Argv<ReplayArgs> {
  return y
    .positional('trace', { type: 'string', describe: 'The trace (JSON lines) written by "scim-conform record"' })
    .options({
      url: { type: 'string', describe: 'Tenant URL of the build to replay against (env SCIM_URL)' },
      token: { type: 'string', describe: 'Bearer token (env SCIM_TOKEN, preferred: a flag shows in the process list)' },
      out: { type: 'string', default: DEFAULT_REPLAY_OUT, describe: 'Output folder for the reports and the cleanup journal' },
      fault: { type: 'string', array: true, describe: `Inject a fault at recorded exchanges: KIND@N[,N…], KIND one of ${FAULT_KINDS.join(', ')} (e.g. 500@7)` },
      timeout: { type: 'number', default: DEFAULT_TIMEOUT_MS, describe: 'Per-request timeout in ms' },
      ca: { type: 'string', describe: 'PEM file of a private CA to trust' },
      insecure: { type: 'boolean', default: false, describe: 'Skip TLS certificate checks (the report says so)' },
      'accept-side-effects': { type: 'boolean', default: false, describe: 'Agree to create and delete users and groups on a non-loopback target (env SCIM_ACCEPT_SIDE_EFFECTS=1)' },
    })
    .example('$0 replay entra.trace.jsonl --url http://localhost:8080/scim/v2 --token t0k3n', 'replay a recording against a local build')
    .example('$0 replay entra.trace.jsonl --url … --fault 500@7 --fault 429@12', 'with faults at exchanges #7 and #12') as unknown as Argv<ReplayArgs>;
  // The cast: yargs' inferred positional type is wider than ReplayArgs, which the handler validates.
}

function consentMessage(url: string, prefix: string): string {
  return (
    `refusing to replay against ${url} without consent: the replay sends the recorded requests there, so it creates, changes ` +
    `and deletes users and groups — each named "${prefix}…" — and removes whatever of its own it left behind; nothing else is touched. ` +
    'Pass --accept-side-effects (or set SCIM_ACCEPT_SIDE_EFFECTS=1) to agree'
  );
}

/** The first line of a failing check's message after the requirement sentence: what differed. */
function problemLine(c: ComplianceReport['checks'][number]): string {
  const line = c.message?.split('\n')[1]?.trim() ?? c.message ?? '';
  return `  ${c.status.toUpperCase()} ${c.title}: ${line.length > 300 ? `${line.slice(0, 299)}…` : line}`;
}

/** Ctrl-C (SIGINT) or SIGTERM: stop sending after the request in flight; the leftovers are swept either way. */
function interruptions(ctx: CliContext): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (!controller.signal.aborted) say(ctx, 'stderr', 'scim-conform: stopping after the request in flight; then what the replay created is removed');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

async function replayCommandRun(ctx: CliContext, args: ReplayArgs): Promise<number> {
  const env = ctx.io.env;
  if (!args.trace) throw usageError('name the trace to replay: scim-conform replay TRACE --url … --token …');
  const rawUrl = args.url ?? (env.SCIM_URL || undefined);
  if (!rawUrl) throw usageError('replay needs --url (or SCIM_URL): the tenant URL of the build to replay against');
  const url = parseTargetUrl(rawUrl, args.url !== undefined ? '--url' : 'SCIM_URL');
  const token = args.token ?? (env.SCIM_TOKEN || undefined);
  if (!token) throw usageError('replay needs a token: pass --token or set SCIM_TOKEN');
  if (!Number.isInteger(args.timeout) || (args.timeout ?? 0) < 1) throw usageError('--timeout must be a positive whole number');
  ctx.redactor.addSecret(token);
  const trace = readTrace(resolve(ctx.io.cwd, args.trace), args.trace);
  if (trace.exchanges.length === 0) throw usageError(`${args.trace} holds no exchange to replay`);
  const faults = parseFaults(args.fault ?? [], new Set(trace.exchanges.map((x) => x.seq)));
  const prefix = newRunPrefix();
  const accepted = args.acceptSideEffects || env.SCIM_ACCEPT_SIDE_EFFECTS === '1';
  if (!isLoopback(url) && !accepted) throw usageError(consentMessage(url.href, prefix));
  const access: TargetAccess & { url: string } = {
    url: url.href,
    token,
    caFile: readableFile(args.ca, '--ca', ctx.io.cwd),
    insecure: args.insecure ?? false,
    timeoutMs: args.timeout ?? DEFAULT_TIMEOUT_MS,
  };

  const outDir = resolve(ctx.io.cwd, args.out ?? DEFAULT_REPLAY_OUT);
  mkdirSync(outDir, { recursive: true });
  const journalFile = join(outDir, JOURNAL_FILE);
  const carried = await sweepEarlierRun(ctx, outDir, access, journalFile);
  const startedAt = new Date().toISOString();
  startJournal(journalFile, { op: 'run', url: access.url, runPrefix: prefix, embedded: false, at: startedAt }, carried);
  say(ctx, 'stdout', `Replaying ${trace.exchanges.length} recorded exchange(s) of ${args.trace} against ${url.href} (identities prefixed ${prefix})`);

  const started = performance.now();
  const stop = interruptions(ctx);
  // Loaded here: the engine, the client (undici) and the report stage (allure among it) are needed by replay only.
  const [{ replay }, { replayReport, writeReplayReports }, { createTargetClient }] = await Promise.all([import('../../replay/engine.js'), import('../../replay/report.js'), import('../../core/client/target.js')]);
  let outcome: ReplayOutcome;
  try {
    outcome = await replay(trace, {
      client: createTargetClient(access, ctx.redactor),
      prefix,
      faults,
      signal: stop.signal,
      traceName: args.trace,
      journal: {
        created: (r) => appendJournal(journalFile, { op: 'created', type: r.type, id: r.id, ...(r.name !== undefined ? { name: r.name } : {}) }),
        deleted: (r) => appendJournal(journalFile, { op: 'deleted', ...r }),
      },
    });
  } finally {
    stop.dispose();
    // After an interrupt a create may have been processed without its answer reaching us: search by prefix too.
    await sweepLeftovers(ctx, access, journalFile, stop.signal.aborted ? { prefix } : {});
  }
  const report = replayReport(outcome.records, {
    tool: TOOL,
    url: access.url,
    startedAt,
    durationMs: Math.round(performance.now() - started),
    faults: faults.size > 0,
    insecure: access.insecure,
    notices: [
      `Replay of ${args.trace} (${trace.header.source}, recorded ${trace.header.recordedAt}${trace.header.upstream ? ` from ${trace.header.upstream}` : ''}); ${outcome.identities} identities (userName, email, externalId, group name) prefixed ${prefix}.`,
      ...(outcome.interrupted ? ['The replay was interrupted: later exchanges were not sent and the final state was not read.'] : []),
    ],
  });
  writeReplayReports(report, outDir, env.GITHUB_STEP_SUMMARY ? { githubStepSummary: env.GITHUB_STEP_SUMMARY } : {});
  for (const c of report.checks.filter((c) => c.status === 'fail' || c.status === 'error' || c.status === 'warn')) say(ctx, 'stdout', problemLine(c));
  for (const line of summaryLines(report, outDir)) say(ctx, 'stdout', line);
  if (outcome.interrupted) {
    say(ctx, 'stderr', `scim-conform: interrupted; partial results in ${outDir}`);
    return EXIT.interrupted;
  }
  return exitCodeFor(report);
}

export function replayCommand(ctx: CliContext): CommandModule<object, ReplayArgs> {
  return {
    command: 'replay [trace]',
    describe: 'Replay a recorded trace against a new build: ids bound, identities templated, every answer and the final state judged',
    builder,
    handler: async (args) => {
      ctx.exitCode = await replayCommandRun(ctx, args);
    },
  };
}
