/**
 * Playwright Test configuration for the conformance suites. Started by `scim-conform run`, which passes the run
 * configuration through SCIM_CONFORM_CONFIG (see core/run-config.ts): the output folder and the worker count come
 * from there. Without it (`playwright test` alone) the suites refuse to load, naming the variable.
 */
import { defineConfig } from '@playwright/test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNNING_EXT, runnableModule } from './core/package-files.js';
import { DEFAULT_WORKERS, RUN_ENV, loadRunConfig } from './core/run-config.js';

const configFile = process.env[RUN_ENV.config];
const run = configFile ? loadRunConfig(configFile) : undefined;
const out = run?.outDir ?? 'scim-conform-report';
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * Files Playwright must not transform. Regular expressions, not globs: Playwright matches every module it resolves
 * against these, in the runner and in every worker, and builds a new minimatch matcher for each glob on each call
 * (about 0.1 ms each, a few hundred ms a process); it tests a RegExp as it is (createFileMatcher in
 * playwright/lib/common accepts both, though its types name only strings, hence the cast).
 */
const EXTERNAL = [
  /[\\/]core[\\/]schemas[\\/]validators\.generated\.cjs$/,
  ...(RUNNING_EXT === '.js' ? [new RegExp(`^${escapeRegExp(dirname(fileURLToPath(import.meta.url)))}[\\\\/]`)] : []),
] as unknown as string[];

export default defineConfig({
  testDir: './suites',
  // From a clone the .spec.ts sources; in the published package their compiled .spec.js (dist/suites)
  testMatch: `**/*.spec${RUNNING_EXT}`,
  outputDir: join(out, 'test-results'),
  fullyParallel: true,
  workers: run?.workers ?? DEFAULT_WORKERS.loopback,
  timeout: 60_000,
  retries: 0,
  forbidOnly: true,
  // Traces would hold raw request headers; evidence is recorded (redacted) by the harness instead.
  use: { trace: 'off', screenshot: 'off', video: 'off' },
  // ajv's generated validators are plain CommonJS: Babel has nothing to do there but slow every worker down.
  // Compiled (dist/), nothing of ours needs Babel either: Playwright transforms every file it loads outside
  // node_modules, so a build run from its own folder paid for transforming all of dist/ in the runner and in every
  // worker (installed, dist/ is inside node_modules and never transformed).
  build: { external: EXTERNAL },
  reporter: [
    [runnableModule('./reports/playwright-reporter.ts', import.meta.url)],
    [runnableModule('./reports/progress-reporter.ts', import.meta.url)],
    [runnableModule('./reports/allure-reporter.ts', import.meta.url), { resultsDir: join(out, 'allure-results'), detail: false, suiteTitle: false }],
  ],
});
