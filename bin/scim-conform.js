#!/usr/bin/env node
// Entry point. The published package ships no TypeScript (its `files` leave the sources out): it runs the
// compiled dist/ (npm run build). A clone has the sources, and runs them as they are through tsx, a dev
// dependency, so an edit needs no build and a stale dist/ is never what runs.
import { existsSync } from 'node:fs';

const source = new URL('../cli/main.ts', import.meta.url);
if (existsSync(source)) {
  const { register } = await import('tsx/esm/api');
  register();
  await import(source.href);
} else {
  await import('../dist/cli/main.js');
}
