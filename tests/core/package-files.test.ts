/** core/package-files.ts from the sources (the compiled side is proven by tests/package/install.test.ts). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { PACKAGE_VERSION, RUNNING_EXT, runnableModule } from '../../core/package-files.js';

test('from the sources, modules are named as .ts files that exist, and the version is package.json\'s', () => {
  assert.equal(RUNNING_EXT, '.ts', 'tsx runs the .ts sources');
  const config = runnableModule('../playwright.config.ts', new URL('../../core/x.ts', import.meta.url).href);
  assert.ok(config.endsWith('/playwright.config.ts') && existsSync(config), `the Playwright config is found (${config})`);
  const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(PACKAGE_VERSION, version, 'the version is read from the package root');
});
