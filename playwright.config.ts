/**
 * Playwright Test configuration for the conformance suites. Started by `scim-conform run`, which passes the run
 * configuration through SCIM_CONFORM_CONFIG (see core/run-config.ts); the output folder comes from there too.
 */
import { defineConfig } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNNING_EXT, runnableModule } from './core/package-files.js';

function outDir(): string {
  const file = process.env.SCIM_CONFORM_CONFIG;
  if (!file) return 'scim-conform-report';
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { outDir?: string }).outDir ?? 'scim-conform-report';
  } catch {
    return 'scim-conform-report';
  }
}

const out = outDir();

export default defineConfig({
  testDir: './suites',
  // From a clone the .spec.ts sources; in the published package their compiled .spec.js (dist/suites)
  testMatch: `**/*.spec${RUNNING_EXT}`,
  outputDir: join(out, 'test-results'),
  fullyParallel: true,
  workers: process.env.SCIM_CONFORM_WORKERS ? Number(process.env.SCIM_CONFORM_WORKERS) : 2,
  timeout: 60_000,
  retries: 0,
  forbidOnly: true,
  // Traces would hold raw request headers; evidence is recorded (redacted) by the harness instead.
  use: { trace: 'off', screenshot: 'off', video: 'off' },
  // ajv's generated validators are plain CommonJS: Babel has nothing to do there but slow every worker down.
  // Compiled (dist/), nothing of ours needs Babel either: Playwright transforms every file it loads outside
  // node_modules, so a build run from its own folder paid for transforming all of dist/ in the runner and in every
  // worker (installed, dist/ is inside node_modules and never transformed).
  build: { external: ['**/core/schemas/validators.generated.cjs', ...(RUNNING_EXT === '.js' ? [join(dirname(fileURLToPath(import.meta.url)), '**')] : [])] },
  reporter: [
    [runnableModule('./reports/playwright-reporter.ts', import.meta.url)],
    [runnableModule('./reports/progress-reporter.ts', import.meta.url)],
    [runnableModule('./reports/allure-reporter.ts', import.meta.url), { resultsDir: join(out, 'allure-results'), detail: false, suiteTitle: false }],
  ],
});
