/**
 * `scim-conform list`: every check with its requirement IDs and validator/gallery counterparts, read from
 * `playwright test --list --reporter=json` (nothing runs, no request is sent), in both PATCH dialects.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { ANNOTATION } from '../../core/evidence.js';
import { HarnessError } from '../../core/errors.js';
import { DEFAULT_WORKERS, runEnv, type RunConfig } from '../../core/run-config.js';
import { say, type CliContext } from '../context.js';
import { PLAYWRIGHT_CWD, childEnv, playwrightCli, playwrightTestArgs } from '../playwright.js';
import { splitGlobs, validateGlobs } from '../select.js';
import { profileOptions, resolveProfile, type ProfileArgs } from '../profile-options.js';
import type { Profile } from '../../core/profile.js';

interface ListArgs extends ProfileArgs {
  json?: boolean | undefined;
  only?: string[] | undefined;
  skip?: string[] | undefined;
}

export interface ListedCheck {
  id: string;
  title: string;
  /** The spec file under suites/. */
  file: string;
  /** `file:line` of the check's declaration. */
  location?: string;
  level: string;
  requirements: string[];
  counterparts: string[];
  dialect?: string;
}

interface JsonSpec {
  title: string;
  file: string;
  tests: Array<{ annotations: Array<{ type: string; description?: string }> }>;
}
interface JsonSuite {
  /** For a top-level suite: the spec file (spec.file is the wrapper that called test(): suites/_harness/check.ts). */
  file?: string;
  specs?: JsonSpec[];
  suites?: JsonSuite[];
}
interface JsonListing {
  suites?: JsonSuite[];
  errors?: Array<{ message?: string }>;
}

/** Flattens Playwright's JSON listing into one entry per check (a spec has one test per project; we have one). */
export function checksFromListing(listing: JsonListing): ListedCheck[] {
  const out: ListedCheck[] = [];
  const walk = (suite: JsonSuite, specFile: string): void => {
    for (const spec of suite.specs ?? []) {
      const annotations = spec.tests[0]?.annotations ?? [];
      const values = (type: string): string[] => annotations.filter((a) => a.type === type && a.description).map((a) => a.description as string);
      const dialect = values(ANNOTATION.dialect)[0];
      const location = values(ANNOTATION.location)[0];
      out.push({
        id: values(ANNOTATION.checkId)[0] ?? spec.title,
        title: spec.title,
        file: specFile,
        ...(location ? { location } : {}),
        level: values(ANNOTATION.level)[0] ?? '?',
        requirements: values(ANNOTATION.requirement),
        counterparts: values(ANNOTATION.counterpart),
        ...(dialect ? { dialect } : {}),
      });
    }
    for (const child of suite.suites ?? []) walk(child, specFile);
  };
  for (const suite of listing.suites ?? []) walk(suite, suite.file ?? '');
  return out;
}

/**
 * Runs the listing with a placeholder run configuration: the spec files read one at load time, and its profile
 * decides which checks are declared (Entra's or Okta's).
 */
export async function listChecks(env: NodeJS.ProcessEnv, only: string[], skip: string[], profile: Profile = 'entra'): Promise<ListedCheck[]> {
  const tmp = mkdtempSync(join(tmpdir(), 'scim-conform-list-'));
  try {
    const config: RunConfig = {
      url: 'http://127.0.0.1:9/', // discard port: never contacted, listing sends nothing
      profile,
      embedded: false,
      outDir: join(tmp, 'out'),
      runPrefix: 'scr-list00-',
      seed: 1,
      dialect: 'both',
      matchingAttribute: 'userName',
      groups: true,
      manager: true,
      roles: true,
      timeoutMs: 1000,
      workers: DEFAULT_WORKERS.loopback, // --list starts no worker
      only,
      skip,
      insecure: false,
      journalFile: join(tmp, 'journal.jsonl'),
      startedAt: new Date().toISOString(),
    };
    const configFile = join(tmp, 'run-config.json');
    writeFileSync(configFile, JSON.stringify(config));
    const child = spawn(process.execPath, [playwrightCli(), ...playwrightTestArgs({ only, skip }, ['--list', '--reporter=json'])], {
      cwd: PLAYWRIGHT_CWD,
      env: childEnv(env, runEnv({ configFile })),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    const code = await new Promise<number>((resolveCode, reject) => {
      child.once('error', reject);
      child.once('close', (c) => resolveCode(c ?? 1));
    });
    let listing: JsonListing;
    try {
      listing = JSON.parse(stdout) as JsonListing;
    } catch {
      throw new HarnessError('HARNESS_INTERNAL', `playwright --list exited ${code} without a listing: ${stderr.trim().split('\n')[0] ?? ''}`);
    }
    const errors = (listing.errors ?? []).map((e) => e.message ?? '').filter(Boolean);
    // With --grep matching nothing Playwright reports "No tests found": that is an empty selection, not an error.
    if (errors.length > 0 && !errors.every((e) => /no tests found/i.test(e))) {
      throw new HarnessError('HARNESS_INTERNAL', `the suites do not load: ${errors[0]?.split('\n')[0]}`);
    }
    return checksFromListing(listing);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

export function listCommand(ctx: CliContext): CommandModule<object, ListArgs> {
  return {
    command: 'list',
    describe: 'List every check of a profile with its requirement IDs and validator/gallery counterparts (sends nothing)',
    builder: (y: Argv) =>
      profileOptions(y).options({
        json: { type: 'boolean', default: false, describe: 'Print JSON (an array of checks)' },
        only: { type: 'string', array: true, describe: 'Only checks citing these requirement IDs (globs)' },
        skip: { type: 'string', array: true, describe: 'Leave out checks citing these requirement IDs (globs)' },
      }),
    handler: async (args) => {
      const { profile } = resolveProfile(args);
      const only = splitGlobs(args.only);
      const skip = splitGlobs(args.skip);
      validateGlobs(only, '--only', profile);
      validateGlobs(skip, '--skip', profile);
      const checks = await listChecks(ctx.io.env, only, skip, profile);
      if (args.json) {
        ctx.io.stdout.write(`${JSON.stringify(checks, null, 2)}\n`);
        return;
      }
      for (const c of checks) {
        say(ctx, 'stdout', `${c.level.padEnd(6)} ${c.id}  [${c.requirements.join(', ')}]`);
        say(ctx, 'stdout', `       ${c.title}${c.counterparts.length ? `  ↔ ${c.counterparts.join('; ')}` : ''}`);
        if (c.location) say(ctx, 'stdout', `       suites/${c.location}`);
      }
      say(ctx, 'stdout', `${checks.length} checks`);
    },
  };
}
