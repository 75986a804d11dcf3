/**
 * What would work from a clone and break only in the published package: a run-time module naming a file of ours
 * by a path relative to itself. A .ts path must go through core/package-files.ts's runnableModule (dist/ holds .js);
 * any other file must be one scripts/build.js copies into dist/ (.json, .cjs). Cheap, so it runs before the
 * install test would find the same thing the slow way.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const COPIED = new Set(['.json', '.cjs']);
// new URL('<relative path>', import.meta.url), and createRequire(import.meta.url)'s load('./…') in core/schemas
const RELATIVE = /(?:new URL\(\s*|load\(\s*)(['"`])(\.{1,2}\/[^'"`$]*)\1/g;

function runtimeSources(): string[] {
  const { include } = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
  return include.flatMap((entry) => {
    const path = join(ROOT, entry);
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')).map((f) => join(path, f));
  });
}

test('run-time modules name no .ts file by path, and read only files the build copies into dist/', () => {
  const problems: string[] = [];
  const sources = runtimeSources();
  assert.ok(sources.length > 100, `the run-time sources are found (${sources.length})`);
  for (const file of sources) {
    for (const [, , rel = ''] of readFileSync(file, 'utf8').matchAll(RELATIVE)) {
      const ext = extname(rel);
      if (ext === '.ts') problems.push(`${file}: '${rel}' is .js in dist/: use runnableModule('${rel}', import.meta.url)`);
      else if (ext !== '' && ext !== '.js' && !COPIED.has(ext)) problems.push(`${file}: '${rel}' is not copied into dist/ by scripts/build.js`);
    }
  }
  assert.deepEqual(problems, [], 'every relative file reference works from dist/ too');
});
