/**
 * Playwright config for the defect matrix: the real suites against every reference-app instance (clean, and one
 * per defect) in ONE project, so two workers serve all instances instead of each instance starting its own.
 * check() declares each check once per target named in SCIM_CONFORM_MATRIX (title suffix `⟨target⟩`); the
 * grep below keeps, per target, the checks citing its defect's requirements.
 */
import { defineConfig } from '@playwright/test';
import { readFileSync } from 'node:fs';

interface Matrix {
  targets: Record<string, string>;
  /** Targets that run the 10-second RATE-25RPS load (the clean one and the rate defect's). */
  rateTargets: string[];
  /** Per target: the requirement IDs whose checks it runs; absent = every check (the full matrix). */
  scope?: Record<string, string[]>;
  out: string;
}

const matrix = JSON.parse(readFileSync(process.env.SCIM_CONFORM_MATRIX ?? '', 'utf8')) as Matrix;

// Lookaheads, so the order in which Playwright joins title and tags does not matter.
const tagged = (ids: string[]): string => `(?=.*@(?:${ids.join('|')})(?![\\w-]))`;
const on = (target: string): string => `(?=.*⟨${target}⟩)`;
const selected = Object.keys(matrix.targets).map((t) => {
  const scope = matrix.scope?.[t];
  return new RegExp(`^${on(t)}${scope ? tagged(scope) : ''}`);
});
const rateElsewhere = new RegExp(`^${tagged(['RATE-25RPS'])}(?!.*⟨(?:${matrix.rateTargets.join('|')})⟩)`);

export default defineConfig({
  testDir: '../../suites',
  testMatch: '**/*.spec.ts',
  outputDir: `${matrix.out}/test-results`,
  fullyParallel: true,
  workers: 2,
  timeout: 60_000,
  use: { trace: 'off' },
  reporter: [['./matrix-reporter.ts', { outputFile: `${matrix.out}/matrix.jsonl` }]],
  grep: selected,
  grepInvert: rateElsewhere,
});
