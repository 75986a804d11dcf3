/**
 * The mock IdP's front door holds: outside mock-idp/ (and tests/) nothing imports a mock-idp module but
 * mock-idp/index.ts (or mock-idp/request-shapes.ts, the request shapes alone); mock-idp/ reads no argv or environment and never exits the process (cli/ does); and the CLI
 * reaches the emulator only through the lazily loaded `idp` command.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return name === 'node_modules' ? [] : sources(path);
    return /\.(ts|js|mjs)$/.test(name) ? [path] : [];
  });
}
const text = (file: string): string => readFileSync(join(ROOT, file), 'utf8');
/** Module specifiers of static imports/exports and dynamic import() calls. */
const specifiers = (src: string): string[] => [...src.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1] as string);

test('suites, cli, bench and reports import mock-idp only through mock-idp/index.ts or mock-idp/request-shapes.ts', () => {
  const offenders = ['suites', 'cli', 'bench', 'reports'].flatMap(sources)
    .flatMap((f) => specifiers(text(f)).filter((s) => /(^|\/)mock-idp\//.test(s) && !/(^|\/)mock-idp\/(index|request-shapes)\.js$/.test(s)).map((s) => `${f}: ${s}`));
  assert.deepEqual(offenders, []);
});

test('mock-idp reads no argv or environment, exits nothing and holds no yargs', () => {
  const offenders = sources('mock-idp').filter((f) => /process\.(argv|env|exit)|from 'yargs/.test(text(f)));
  assert.deepEqual(offenders, []);
});

test('the CLI loads the emulator only when `idp` runs', () => {
  const users = sources('cli').filter((f) => specifiers(text(f)).some((s) => s.includes('mock-idp/')));
  assert.ok(users.every((f) => f.startsWith(join('cli', 'commands', 'idp'))), `outside cli/commands/idp: ${users.join(', ')}`);
  const entry = text(join('cli', 'commands', 'idp', 'index.ts'));
  assert.match(entry, /await import\('\.\/subcommands\.js'\)/, 'the subcommands are imported when the idp builder runs');
  assert.deepEqual(specifiers(entry).filter((s) => !s.startsWith('yargs') && !s.startsWith('../../context') && s !== './subcommands.js'), [], 'nothing else is imported');
});
