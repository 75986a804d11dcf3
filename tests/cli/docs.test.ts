/** docs/errors.md gives every error code its meaning and resolution; docs/cli.md names every command and flag. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { runCli } from '../../cli/program.js';
import { capture } from './io.js';

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

test('docs/errors.md has a section with meaning and resolution for every code of core/errors.ts', () => {
  const source = read('core/errors.ts');
  const codes = [...source.matchAll(/^\s*\|\s*'([A-Z_]+)'/gm)].map((m) => m[1] ?? '');
  assert.ok(codes.length >= 17, `the codes are found in core/errors.ts (${codes.length})`);
  const doc = read('docs/errors.md');
  for (const code of codes) {
    const section = doc.split(/^### /m).find((s) => s.startsWith(`${code}\n`));
    assert.ok(section, `docs/errors.md has a "### ${code}" section`);
    assert.match(section, /\*\*Meaning:\*\*/, `${code} says what it means`);
    assert.match(section, /\*\*Resolution:\*\*/, `${code} says how to resolve it`);
  }
});

test('docs/cli.md describes every command and every flag the CLI accepts', async () => {
  const doc = read('docs/cli.md');
  for (const command of ['run', 'serve', 'list', 'sweep', 'diff', 'merge', 'record', 'replay']) {
    assert.match(doc, new RegExp(`^## ${command}$`, 'm'), `a section for ${command}`);
    const io = capture();
    assert.equal(await runCli([command, '--help'], io), 0, `${command} --help works`);
    const flags = [...io.out().matchAll(/^\s+(?:-\w, )?(--[a-z-]+)/gm)].map((m) => m[1]).filter((f) => f !== '--help' && f !== '--version');
    const section = doc.split(/^## /m).find((s) => s.startsWith(`${command}\n`)) ?? '';
    for (const flag of flags) {
      const documented = flag === '--groups' ? '--no-groups' : flag;
      assert.ok(section.includes(`\`${documented}`), `docs/cli.md's ${command} section describes ${documented}`);
    }
  }
  for (const code of ['0', '1', '2', '130']) assert.match(doc, new RegExp(`^\\| ${code} \\|`, 'm'), `exit code ${code} is described`);
});
