/**
 * The floor of the harness figure: an empty Playwright run with the suite's own configuration and workers (the
 * settings of playwright.config.ts), its test files and reporters replaced by `empty.spec.ts` and none. What a
 * run costs above this, and above a bare replay of its requests, is scim-conform's.
 */
import { defineConfig } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import suite from '../../playwright.config.js';

export default defineConfig({
  ...suite,
  testDir: '.',
  testMatch: 'empty.spec.ts',
  outputDir: join(tmpdir(), 'scim-conform-bench-floor'),
  reporter: [],
});
