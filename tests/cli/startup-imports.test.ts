/**
 * The CLI's start loads nothing a command may not use: undici (about 140 ms) loads when a command sends a
 * request, not when the command list is built. Checked in a fresh process, where undici is CommonJS and so shows
 * in the module cache once anything imports it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PROGRAM = new URL('../../cli/program.ts', import.meta.url).href;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

test('importing the CLI program (every command registered) does not load undici', () => {
  const script = `await import(${JSON.stringify(PROGRAM)});
const { createRequire } = await import('node:module');
const cache = createRequire(import.meta.url)('module')._cache;
console.log(JSON.stringify(Object.keys(cache).filter((k) => k.includes('/node_modules/undici/')).length));`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 0, `the import ran: ${r.stderr}`);
  assert.equal(Number(r.stdout.trim()), 0, 'no undici module was loaded');
});
