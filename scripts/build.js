#!/usr/bin/env node
// `npm run build` (npm pack and npm publish run it as prepack): compiles the run-time sources that
// tsconfig.build.json includes to dist/, same tree, .js for .ts, and copies beside them the files they read at run
// time that are not TypeScript (ajv's generated validators, the emulator's default mappings, the console's page). The published
// package runs dist/ with no TypeScript transform; a clone runs the sources through tsx (see bin/scim-conform.js).
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const config = JSON.parse(readFileSync(join(root, 'tsconfig.build.json'), 'utf8'));
const out = join(root, config.compilerOptions.outDir);
// The console's page is plain browser modules, served as they are: copied, never compiled.
const ASSETS = /\.(cjs|json)$|[\\/]console[\\/]page[\\/][^\\/]+\.(js|css|html)$/;

rmSync(out, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (compiled.status !== 0) {
  console.error(`build: tsc failed (exit ${compiled.status}); dist/ is incomplete`);
  process.exit(1);
}
for (const entry of config.include) {
  const from = join(root, entry);
  if (!statSync(from).isDirectory()) continue;
  cpSync(from, join(out, entry), { recursive: true, filter: (src) => statSync(src).isDirectory() || ASSETS.test(src) });
}
console.log(`build: ${config.include.join(', ')} compiled to ${config.compilerOptions.outDir}/`);
