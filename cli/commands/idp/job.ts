/**
 * A provisioning job from the target options: the tenant URL and token (or SCIM_URL, SCIM_TOKEN), dialect,
 * the job's mappings (the state's, or --mappings FILE saved into it) — Entra's job, or Okta's with its variants and 60 s timeout.
 */
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAgent, createScimClient, type ScimClient } from '../../../core/client/scim-client.js';
import { staticToken } from '../../../core/client/oauth.js';
import type { Exchange } from '../../../core/evidence.js';
import type { Dialect } from '../../../core/run-config.js';
import { DEFAULT_TIMEOUT_MS } from '../../../core/client/defaults.js';
import {
  adoptMappingsFile, jobMappings, loadMappings, OKTA_TIMEOUT_MS, OktaProvisioningJob, openDb, ProvisioningJob,
  type CompiledMappings, type Db, type JobOptions, type Progress, type RateLimitMode,
} from '../../../mock-idp/index.js';
import { say, usageError, type CliContext } from '../../context.js';
import type { OktaSettings, TargetArgs } from './options.js';

interface Target {
  client: ScimClient;
  dialect: Dialect;
  url: string;
}

/** The tenant URL may carry `?aadOptscim062020`, which selects the flagged PATCH dialect as it does in Entra. */
function target(ctx: CliContext, args: TargetArgs, defaultTimeoutMs = DEFAULT_TIMEOUT_MS): Target {
  const url = args.url ?? ctx.io.env.SCIM_URL;
  if (!url) throw usageError('--url is required: the tenant URL of the SCIM endpoint');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw usageError(`--url ${url} is not a URL`);
  }
  const token = args.token ?? ctx.io.env.SCIM_TOKEN;
  if (!token) throw usageError('--token is required (or SCIM_TOKEN): the secret token the IdP would send');
  ctx.redactor.addSecret(token);
  const flagged = parsed.searchParams.has('aadOptscim062020');
  const dialect = (args.dialect as Dialect | undefined) ?? (flagged ? 'aadOptscim062020' : 'default');
  const concurrency = args.concurrency;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw usageError('--concurrency must be a positive whole number');
  const client = createScimClient({
    baseUrl: url,
    token: staticToken(token),
    secrets: [token],
    redactor: ctx.redactor,
    timeoutMs: args.timeout ?? defaultTimeoutMs,
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
  if (!m || count < 1 || index < 1 || index > count) throw usageError(`--partition ${spec}: expected i/n with 1 ≤ i ≤ n`);
  return { index, count };
}

/**
 * The job's mappings on `db` (mock-idp/job-mappings.ts): --mappings FILE becomes them — saved into the state when it
 * differs from what the state holds, said in one line — and without it the state's saved mappings, else Entra's default.
 */
function adoptedMappings(ctx: CliContext, args: TargetArgs, db: Db): { compiled: CompiledMappings; saved: boolean } {
  if (!args.mappings) return { compiled: jobMappings(db).compiled, saved: false };
  return adoptMappingsFile(db, resolve(ctx.io.cwd, args.mappings));
}

/** The job on `db` and the options it was built from (on-demand provisioning builds its own job from them). */
export function jobFor(ctx: CliContext, args: TargetArgs, db: Db, onProgress?: (p: Progress) => void): { job: ProvisioningJob; options: JobOptions } {
  const t = target(ctx, args);
  const p = partition(args.partition);
  const mappings = adoptedMappings(ctx, args, db);
  const options: JobOptions = {
    db,
    client: t.client,
    mappings: mappings.compiled,
    dialect: t.dialect,
    concurrency: args.concurrency,
    rateLimit: args['rate-limit'] as RateLimitMode,
    baseUrl: t.url,
    ...(p ? { partition: p } : {}),
    ...(onProgress ? { onProgress } : {}),
  };
  const job = new ProvisioningJob(options);
  if (mappings.saved) {
    const next = job.nextCycleKind();
    say(ctx, 'stderr', `mappings: ${args.mappings} saved in the state as the job's mappings (the console and later commands use them); the next cycle is ${next === 'initial' ? 'initial' : 'still incremental: same attribute mappings and scope as the last cycle'}`);
  }
  return { job, options };
}

/**
 * Test Connection is a probe on a throwaway state: it runs with --mappings FILE without saving it, else with the
 * mappings saved in the --state file if that file exists (it is not created), else Entra's default.
 */
export function testConnectionJob(ctx: CliContext, args: TargetArgs, probe: Db): ProvisioningJob {
  const t = target(ctx, args);
  let mappings: CompiledMappings;
  if (args.mappings) mappings = loadMappings(resolve(ctx.io.cwd, args.mappings));
  else {
    const file = resolve(ctx.io.cwd, args.state);
    const state = existsSync(file) ? openDb(file) : undefined;
    try {
      mappings = state ? jobMappings(state).compiled : loadMappings();
    } finally {
      state?.close();
    }
  }
  return new ProvisioningJob({ db: probe, client: t.client, mappings, dialect: t.dialect, concurrency: args.concurrency, baseUrl: t.url });
}

/** Okta's job on `db`: Okta's request shapes and variants, Okta's 60 s timeout unless --timeout says otherwise. */
export function oktaJobFor(ctx: CliContext, args: TargetArgs, db: Db, okta: OktaSettings): OktaProvisioningJob {
  const t = target(ctx, args, OKTA_TIMEOUT_MS);
  return new OktaProvisioningJob({ db, client: t.client, concurrency: args.concurrency, ...okta });
}
