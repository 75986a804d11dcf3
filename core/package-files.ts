/**
 * Where this package's own files are, in either form it runs in: from a clone the TypeScript sources run as they
 * are (tsx, Playwright's transform); the published package ships them compiled to dist/ (npm run build), one
 * level deeper than package.json and with .js for .ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HarnessError } from './errors.js';

/** '.ts' when the sources run as they are, '.js' when compiled: every module of ours runs in the same form. */
export const RUNNING_EXT = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/**
 * The file of one of our TypeScript modules, named by its source path relative to `base` (an import.meta.url),
 * in the form it runs as (for what is handed to Playwright by path: configs, reporters).
 */
export function runnableModule(sourcePath: string, base: string): string {
  return fileURLToPath(new URL(sourcePath.replace(/\.ts$/, RUNNING_EXT), base));
}

/** The folder holding our package.json: the clone's root, or node_modules/scim-conform. */
const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

function findPackageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new HarnessError('HARNESS_INTERNAL', `no package.json above ${from}: this scim-conform install is incomplete, install it again`);
  }
}

export const PACKAGE_VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
