/**
 * Playwright config for the defect matrix: the real suites, one project per reference-app instance (clean, and one
 * per defect), in a single invocation so the matrix costs one start-up. Projects come from SCIM_CONFORM_MATRIX.
 */
import { defineConfig } from '@playwright/test';
import { readFileSync } from 'node:fs';

interface Matrix {
  projects: Record<string, string>;
  /** Projects that run the 10-second RATE-25RPS load (the clean one and the rate defect's). */
  rateProjects: string[];
  /** Per project: the requirement IDs whose checks it runs; absent = every check (the full matrix). */
  scope?: Record<string, string[]>;
  out: string;
}

const tagsOf = (ids: string[]): RegExp => new RegExp(ids.map((id) => `@${id}(?![\\w-])`).join('|'));

const matrix = JSON.parse(readFileSync(process.env.SCIM_CONFORM_MATRIX ?? '', 'utf8')) as Matrix;

export default defineConfig({
  testDir: '../../suites',
  testMatch: '**/*.spec.ts',
  outputDir: `${matrix.out}/test-results`,
  fullyParallel: true,
  workers: 2,
  timeout: 60_000,
  use: { trace: 'off' },
  reporter: [['./matrix-reporter.ts', { outputFile: `${matrix.out}/matrix.jsonl` }]],
  projects: Object.keys(matrix.projects).map((name) => {
    const scope = matrix.scope?.[name];
    return {
      name,
      ...(scope ? { grep: tagsOf(scope) } : {}),
      ...(matrix.rateProjects.includes(name) ? {} : { grepInvert: /@RATE-25RPS/ }),
    };
  }),
});
