/**
 * `scim-conform run`: validate flags, get consent for a remote target, sweep what a crashed earlier run left,
 * hand the run to Playwright (config file + env), supervise it (Ctrl-C → its fixtures clean up → we sweep the
 * journal), then read compliance.json for the summary and the exit code.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { DEFAULT_TIMEOUT_MS } from '../../core/client/defaults.js';
import { OKTA_TIMEOUT_MS } from '../../core/profile.js';
import { DEFAULT_WORKERS, runEnv, type RunConfig } from '../../core/run-config.js';
import { applyVerdictsToAllure } from '../../reports/allure.js';
import { writeAllureEnvironment } from '../../reports/allure-environment.js';
import { diffReports, formatDiff } from '../../reports/diff.js';
import { REPORT_FILES } from '../../reports/write-reports.js';
import { EXIT, say, usageError, type CliContext } from '../context.js';
import type { EmbeddedTarget } from '../embedded.js';
import { JOURNAL_FILE, startJournal } from '../journal.js';
import { newRunPrefix, sweepEarlierRun, sweepLeftovers } from '../leftovers.js';
import { ALLURE_RESULTS, exitCodeFor, readReport, summaryLines } from '../outcome.js';
import { childEnv, playwrightTestArgs, spawnPlaywright, type PlaywrightProcess } from '../playwright.js';
import { DEFAULT_OUT, DIALECTS, MATCHING, resolveRunOptions, type RunArgs, type RunOptions } from '../run-options.js';
import { consentMessage, isLoopback } from '../target.js';
import { profileOptions } from '../profile-options.js';
import type { TargetAccess } from '../../core/client/target.js';

function builder(y: Argv): Argv<RunArgs> {
  return profileOptions(y)
    .options({
      url: { type: 'string', describe: 'Tenant URL of the SCIM endpoint (env SCIM_URL); without it the embedded reference app is tested' },
      token: { type: 'string', describe: 'Bearer token (env SCIM_TOKEN, preferred: a flag shows in the process list)' },
      out: { type: 'string', default: DEFAULT_OUT, describe: 'Output folder for the reports and the cleanup journal' },
      only: { type: 'string', array: true, describe: 'Run only checks citing these requirement IDs (globs: USER-*)' },
      skip: { type: 'string', array: true, describe: 'Skip checks citing these requirement IDs (globs)' },
      dialect: { type: 'string', choices: DIALECTS, default: 'default', describe: 'PATCH dialect Entra uses (aadOptscim062020 = the feature flag)' },
      seed: { type: 'number', describe: 'Seed of the generated test data (default: random, printed in the report)' },
      groups: { type: 'boolean', default: true, describe: 'Test groups (--no-groups when the app provisions users only)' },
      'matching-attribute': { type: 'string', choices: MATCHING, default: 'userName', describe: 'Attribute Entra matches users on' },
      manager: { type: 'boolean', describe: 'Test the manager attribute (when it is mapped; default: on for the embedded app, off otherwise)' },
      roles: { type: 'boolean', describe: 'Test app roles (roles[primary eq "True"]) — when the app maps app roles; default: on for the embedded app, off otherwise' },
      attributes: { type: 'string', describe: 'JSON file of your Entra attribute mapping (target paths); default: what /Schemas declares' },
      'oauth-token-url': { type: 'string', describe: 'OAuth 2.0 token endpoint (client credentials)' },
      'client-id': { type: 'string', describe: 'OAuth client id' },
      'client-secret': { type: 'string', describe: 'OAuth client secret (env SCIM_CLIENT_SECRET, preferred)' },
      workers: { type: 'number', describe: `Parallel Playwright workers (default ${DEFAULT_WORKERS.loopback} against a loopback or embedded target, ${DEFAULT_WORKERS.remote} against a remote one)` },
      timeout: { type: 'number', describe: `Per-request timeout in ms (default ${DEFAULT_TIMEOUT_MS}; ${OKTA_TIMEOUT_MS}, Okta's, with --profile okta)` },
      ca: { type: 'string', describe: 'PEM file of a private CA to trust' },
      insecure: { type: 'boolean', default: false, describe: 'Skip TLS certificate checks (the report says so)' },
      'accept-side-effects': { type: 'boolean', default: false, describe: 'Agree to create and delete test users and groups on a non-loopback target (env SCIM_ACCEPT_SIDE_EFFECTS=1)' },
      waivers: { type: 'string', describe: 'JSON file of waivers [{id, reason, expires}]' },
      baseline: { type: 'string', describe: 'compliance.json of an earlier run to compare with' },
      shard: { type: 'string', describe: 'Run shard i of n (i/n); merge the outputs with "scim-conform merge"' },
    })
    .example('$0 run', 'test the embedded reference app')
    .example('$0 run --profile okta', 'act like Okta\'s provisioning of an OIN app (the report speaks for OIN submission)')
    .example('SCIM_TOKEN=… $0 run --url https://api.example.com/scim/v2 --accept-side-effects', 'test your endpoint')
    .example('$0 run --only "USER-*" --skip USER-MANAGER', 'a selection by requirement ID') as unknown as Argv<RunArgs>;
  // The cast: yargs' inferred option types are wider (string | undefined for choices) than RunArgs, which is validated.
}

export function runCommand(ctx: CliContext): CommandModule<object, RunArgs> {
  return {
    command: 'run',
    describe: 'Run the conformance checks and write the compliance report',
    builder,
    handler: async (args) => {
      ctx.exitCode = await run(ctx, args);
    },
  };
}

async function run(ctx: CliContext, args: RunArgs): Promise<number> {
  const opts = resolveRunOptions(args, ctx.io.env, ctx.io.cwd);
  const runPrefix = newRunPrefix();
  if (opts.url && !isLoopback(opts.url) && !opts.acceptSideEffects) {
    throw usageError(consentMessage(opts.url.href, runPrefix));
  }
  for (const s of [opts.token, opts.oauth?.clientSecret]) if (s) ctx.redactor.addSecret(s);
  // Every run needs SQLite (the lifecycle checks drive an in-memory emulator, the embedded app stores in it): a
  // driver that did not install is one line now, not a report of errored checks.
  (await import('../../core/sqlite.js')).assertSqliteUsable();
  mkdirSync(opts.outDir, { recursive: true });
  const journalFile = join(opts.outDir, JOURNAL_FILE);
  const carried = await sweepEarlierRun(ctx, opts.outDir, opts.url ? accessOf(opts, undefined) : undefined, journalFile);

  let embedded: EmbeddedTarget | undefined;
  const tmp = mkdtempSync(join(tmpdir(), 'scim-conform-'));
  try {
    if (!opts.url) {
      // Loaded on demand: fastify and SQLite are not needed to test a remote target.
      const { startEmbedded } = await import('../embedded.js');
      embedded = await startEmbedded(opts.token);
      ctx.redactor.addSecret(embedded.oauth.clientSecret);
      say(ctx, 'stdout', `Testing the embedded reference app at ${embedded.url}`);
    } else {
      say(ctx, 'stdout', `Testing ${opts.url.href}`);
    }
    const access = accessOf(opts, embedded);
    const startedAt = new Date().toISOString();
    const config: RunConfig = {
      url: access.url,
      profile: opts.profile,
      ...(opts.okta ? { okta: opts.okta } : {}),
      embedded: embedded !== undefined,
      outDir: opts.outDir,
      runPrefix,
      seed: opts.seed,
      dialect: opts.dialect,
      matchingAttribute: opts.matchingAttribute,
      groups: opts.groups,
      manager: opts.manager ?? embedded !== undefined,
      roles: opts.roles ?? embedded !== undefined,
      ...(opts.attributesFile ? { attributesFile: opts.attributesFile } : {}),
      timeoutMs: opts.timeoutMs,
      workers: opts.workers,
      only: opts.only,
      skip: opts.skip,
      ...(access.oauth ? { oauth: { tokenUrl: access.oauth.tokenUrl, clientId: access.oauth.clientId } } : {}),
      ...(opts.caFile ? { caFile: opts.caFile } : {}),
      ...(opts.waiversFile ? { waivers: opts.waiversFile } : {}),
      insecure: opts.insecure,
      journalFile,
      startedAt,
    };
    const configFile = join(tmp, 'run-config.json');
    writeFileSync(configFile, JSON.stringify(config, null, 2), { mode: 0o600 });
    startJournal(journalFile, { op: 'run', url: access.url, runPrefix, embedded: config.embedded, at: startedAt }, carried);
    // A report left by an earlier run must never pass for this run's (Playwright clears test-results itself).
    rmSync(join(opts.outDir, REPORT_FILES.json), { force: true });
    rmSync(join(opts.outDir, ALLURE_RESULTS), { recursive: true, force: true });

    const pw = spawnPlaywright(
      playwrightTestArgs(opts),
      childEnv(ctx.io.env, runEnv({ configFile, token: access.token, clientSecret: access.oauth?.clientSecret, tty: process.stdout.isTTY })),
      ctx.io,
      ctx.redactor,
    );
    const { code, interrupted } = await supervise(ctx, pw, Math.min(60_000, Math.max(10_000, 2 * opts.timeoutMs)));

    if (!embedded) {
      // After an interrupt a create may have succeeded without its answer reaching us: search by prefix too.
      await sweepLeftovers(ctx, access, journalFile, interrupted ? { prefix: runPrefix } : {});
    }
    if (interrupted) {
      say(ctx, 'stderr', `scim-conform: interrupted; partial results (if any) in ${opts.outDir}`);
      return EXIT.interrupted;
    }
    applyVerdictsToAllure(join(opts.outDir, ALLURE_RESULTS));
    const report = readReport(opts.outDir);
    if (!report) {
      say(ctx, 'stderr', `scim-conform: Playwright ended (exit ${code}) without writing ${REPORT_FILES.json}; its output above says why`);
      return EXIT.failed;
    }
    if (report.checks.length === 0) {
      // Not a pass: nothing was judged. The selection (or the shard) is what needs fixing.
      say(ctx, 'stderr', 'scim-conform: no check matches the selection; "scim-conform list" with the same --only/--skip previews it');
      return EXIT.usage;
    }
    if (existsSync(join(opts.outDir, ALLURE_RESULTS))) writeAllureEnvironment(report, join(opts.outDir, ALLURE_RESULTS));
    for (const line of summaryLines(report, opts.outDir)) say(ctx, 'stdout', line);
    if (opts.baseline) say(ctx, 'stdout', `\nCompared with --baseline ${args.baseline}:\n${formatDiff(diffReports(opts.baseline, report))}`);
    return exitCodeFor(report);
  } finally {
    await embedded?.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

function accessOf(opts: RunOptions, embedded: EmbeddedTarget | undefined): TargetAccess & { url: string } {
  return {
    url: embedded ? embedded.url : (opts.url as URL).href,
    token: embedded ? embedded.token : opts.token,
    // The embedded app also issues OAuth client-credentials tokens, so AUTH-OAUTH-CC is proven against it too.
    oauth: embedded ? embedded.oauth : opts.oauth,
    caFile: opts.caFile,
    insecure: opts.insecure,
    timeoutMs: opts.timeoutMs,
  };
}

/**
 * Waits for Playwright. The first SIGINT/SIGTERM is passed on as SIGINT (Playwright stops and its fixtures clean
 * up); if it has not ended after `graceMs`, or on a second signal, the process group is killed.
 */
async function supervise(ctx: CliContext, pw: PlaywrightProcess, graceMs: number): Promise<{ code: number; interrupted: boolean }> {
  let signals = 0;
  let killTimer: NodeJS.Timeout | undefined;
  const onSignal = (): void => {
    signals++;
    if (signals === 1) {
      say(ctx, 'stderr', 'scim-conform: stopping; the checks clean up what they created (a second Ctrl-C stops at once)');
      pw.signal('SIGINT');
      killTimer = setTimeout(() => pw.signal('SIGKILL'), graceMs);
    } else {
      pw.signal('SIGKILL');
    }
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const code = await pw.exited;
    return { code, interrupted: signals > 0 };
  } finally {
    clearTimeout(killTimer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
