/**
 * `run` flags and environment → validated options. Every problem is a HARNESS_CONFIG error whose message is one
 * line naming the flag, so the CLI can print it and exit 2 before anything is started or sent.
 */
import { randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readAttributeMapping } from '../core/attributes/mapping-file.js';
import { DEFAULT_TIMEOUT_MS } from '../core/client/defaults.js';
import { OKTA_TIMEOUT_MS, type OktaVariant, type Profile } from '../core/profile.js';
import { defaultWorkers, DIALECT_CHOICES, MATCHING_ATTRIBUTES, type DialectChoice, type MatchingAttribute } from '../core/run-config.js';
import type { ComplianceReport } from '../reports/model.js';
import { readWaivers } from '../reports/waivers.js';
import { usageError } from './context.js';
import { loadReport } from './outcome.js';
import { splitGlobs, validateGlobs } from './select.js';
import { isLoopback, parseTargetUrl } from './target.js';
import { resolveProfile, type ProfileArgs } from './profile-options.js';

/** The flags as yargs hands them over (kebab-case keys are also present; these are the camelCase ones). */
export interface RunArgs extends Partial<ProfileArgs> {
  url?: string | undefined;
  token?: string | undefined;
  out?: string | undefined;
  only?: string[] | undefined;
  skip?: string[] | undefined;
  dialect?: string | undefined;
  seed?: number | undefined;
  groups?: boolean | undefined;
  matchingAttribute?: string | undefined;
  manager?: boolean | undefined;
  roles?: boolean | undefined;
  attributes?: string | undefined;
  oauthTokenUrl?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  workers?: number | undefined;
  timeout?: number | undefined;
  ca?: string | undefined;
  insecure?: boolean | undefined;
  acceptSideEffects?: boolean | undefined;
  waivers?: string | undefined;
  baseline?: string | undefined;
  shard?: string | undefined;
}

export interface RunOptions {
  /** The IdP the run acts like (`--profile`, default entra). */
  profile: Profile;
  /** With --profile okta: Okta's variant (`--okta-user-updates`, `--okta-aiw`). */
  okta: OktaVariant | undefined;
  /** Undefined: start the embedded reference app. */
  url: URL | undefined;
  token: string | undefined;
  oauth: { tokenUrl: string; clientId: string; clientSecret: string } | undefined;
  outDir: string;
  only: string[];
  skip: string[];
  dialect: DialectChoice;
  seed: number;
  groups: boolean;
  matchingAttribute: MatchingAttribute;
  /** Undefined: on for the embedded reference app (it maps the manager), off for other targets. */
  manager: boolean | undefined;
  /** Undefined: on for the embedded reference app (it declares roles), off for other targets. */
  roles: boolean | undefined;
  /** Absolute path of a validated attribute mapping. */
  attributesFile: string | undefined;
  /** Parallel Playwright workers (--workers, else `defaultWorkers`: 2 for a loopback or embedded target, 8 for a remote one). */
  workers: number;
  timeoutMs: number;
  caFile: string | undefined;
  insecure: boolean;
  acceptSideEffects: boolean;
  waiversFile: string | undefined;
  baseline: ComplianceReport | undefined;
  shard: string | undefined;
}

export const DEFAULT_OUT = 'scim-conform-report';
export const DIALECTS = DIALECT_CHOICES;
export const MATCHING = MATCHING_ATTRIBUTES;

function positiveInt(value: number | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1) throw usageError(`${flag} must be a positive whole number`);
  return value;
}

/** The absolute path of a file that can be read, or a HARNESS_CONFIG error naming the flag. */
export function readableFile(file: string | undefined, flag: string, cwd: string): string | undefined {
  if (file === undefined) return undefined;
  const path = resolve(cwd, file);
  try {
    readFileSync(path);
  } catch (err) {
    throw usageError(`${flag} ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return path;
}

export function resolveRunOptions(args: RunArgs, env: NodeJS.ProcessEnv, cwd: string): RunOptions {
  const rawUrl = args.url ?? (env.SCIM_URL || undefined);
  const url = rawUrl === undefined ? undefined : parseTargetUrl(rawUrl, args.url !== undefined ? '--url' : 'SCIM_URL');
  const token = args.token ?? (env.SCIM_TOKEN || undefined);

  const oauthParts = { '--oauth-token-url': args.oauthTokenUrl, '--client-id': args.clientId, '--client-secret': args.clientSecret ?? (env.SCIM_CLIENT_SECRET || undefined) };
  const given = Object.entries(oauthParts).filter(([, v]) => v !== undefined && v !== '');
  let oauth: RunOptions['oauth'];
  if (given.length > 0) {
    const missing = Object.entries(oauthParts).filter(([, v]) => v === undefined || v === '').map(([k]) => k);
    if (missing.length > 0) throw usageError(`OAuth client credentials need --oauth-token-url, --client-id and --client-secret (or SCIM_CLIENT_SECRET); missing ${missing.join(', ')}`);
    if (!url) throw usageError('OAuth client credentials need a target: pass --url (the embedded reference app uses a bearer token)');
    oauth = { tokenUrl: parseTargetUrl(args.oauthTokenUrl ?? '', '--oauth-token-url').toString(), clientId: args.clientId ?? '', clientSecret: oauthParts['--client-secret'] ?? '' };
  }
  if (url && !token && !oauth) throw usageError(`${args.url !== undefined ? '--url' : 'SCIM_URL'} needs credentials: pass --token or set SCIM_TOKEN (or give OAuth client credentials)`);

  // Flags that configure what Entra sends mean nothing to Okta: saying so beats ignoring them.
  const { profile, okta } = resolveProfile({ ...args, profile: args.profile ?? 'entra' }, {
    dialect: args.dialect === 'default' ? undefined : args.dialect,
    'matching-attribute': args.matchingAttribute === 'userName' ? undefined : args.matchingAttribute,
    manager: args.manager,
    roles: args.roles,
    attributes: args.attributes,
    'oauth-token-url': args.oauthTokenUrl,
  });

  const only = splitGlobs(args.only);
  const skip = splitGlobs(args.skip);
  validateGlobs(only, '--only', profile);
  validateGlobs(skip, '--skip', profile);

  // yargs has checked both against DIALECTS and MATCHING (its `choices`).
  const dialect = (args.dialect ?? 'default') as DialectChoice;
  const matchingAttribute = (args.matchingAttribute ?? 'userName') as MatchingAttribute;

  if (args.seed !== undefined && (!Number.isInteger(args.seed) || args.seed < 0)) throw usageError('--seed must be a whole number ≥ 0');
  if (args.shard !== undefined) {
    const m = /^(\d+)\/(\d+)$/.exec(args.shard);
    if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) throw usageError(`--shard ${args.shard}: expected i/n with 1 ≤ i ≤ n, e.g. 2/4`);
  }

  const attributesFile = readableFile(args.attributes, '--attributes', cwd);
  if (attributesFile) readAttributeMapping(attributesFile); // a malformed mapping fails now, with its entry named

  const waiversFile = readableFile(args.waivers, '--waivers', cwd);
  if (waiversFile) readWaivers(waiversFile); // malformed waivers are a configuration error now, not a surprise after the run

  return {
    profile,
    okta: okta ? { userUpdates: okta.userUpdates, mode: okta.mode } : undefined,
    url,
    token,
    oauth,
    outDir: resolve(cwd, args.out ?? DEFAULT_OUT),
    only,
    skip,
    dialect,
    // A run is reproducible from its report: a drawn seed is written there and printed.
    seed: args.seed ?? randomInt(1, 2 ** 31 - 1),
    groups: args.groups ?? true,
    matchingAttribute,
    manager: args.manager,
    roles: args.roles,
    attributesFile,
    workers: positiveInt(args.workers, '--workers') ?? defaultWorkers(url === undefined || isLoopback(url)),
    // Okta gives up after 60 s; a slower answer than Entra's default is still one Okta takes.
    timeoutMs: positiveInt(args.timeout, '--timeout') ?? (profile === 'okta' ? OKTA_TIMEOUT_MS : DEFAULT_TIMEOUT_MS),
    caFile: readableFile(args.ca, '--ca', cwd),
    insecure: args.insecure ?? false,
    acceptSideEffects: (args.acceptSideEffects ?? false) || env.SCIM_ACCEPT_SIDE_EFFECTS === '1',
    waiversFile,
    baseline: args.baseline === undefined ? undefined : loadReport(args.baseline, '--baseline', cwd),
    shard: args.shard,
  };
}
