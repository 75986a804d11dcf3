/**
 * The package as a user gets it: `npm pack` of this clone (cached under .tmp/packed/ by a hash of everything that
 * goes into the tarball, so an unchanged tree is packed once), installed into an empty project with no dev
 * dependencies.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cleanEnv } from '../e2e/cli-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CACHE = join(ROOT, '.tmp', 'packed');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };

/** Runs a command to its end; rejects with its output when it fails. */
export function exec(command: string, args: readonly string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; limitMs: number }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: opts.cwd, env: cleanEnv(opts.env), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
    const limit = setTimeout(() => child.kill('SIGKILL'), opts.limitMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(limit);
      if (code === 0) resolve(output);
      else reject(new Error(`${command} ${args.join(' ')} exited ${code} in ${opts.cwd}:\n${output}`));
    });
  });
}

/** What decides the tarball's contents: package.json, the build's inputs and everything `files` ships. */
function packInputs(): string[] {
  const build = JSON.parse(readFileSync(join(ROOT, 'tsconfig.build.json'), 'utf8')) as { include: string[] };
  const roots = ['package.json', 'README.md', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.js', 'bin', 'docs', ...build.include];
  return roots.flatMap((entry) => {
    const path = join(ROOT, entry);
    if (!statSync(path).isDirectory()) return [path];
    return readdirSync(path, { recursive: true, encoding: 'utf8' }).map((f) => join(path, f)).filter((f) => statSync(f).isFile());
  }).sort();
}

/** The path of scim-conform-<version>.tgz for the tree as it is now, packed (prepack builds dist/) only when it changed. */
export async function packedTarball(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of packInputs()) hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  const key = hash.digest('hex').slice(0, 16);
  const dir = join(CACHE, key);
  const tarball = join(dir, `${PKG.name}-${PKG.version}.tgz`);
  if (existsSync(tarball)) return tarball;
  for (const old of existsSync(CACHE) ? readdirSync(CACHE) : []) if (old !== 'prebuilds') rmSync(join(CACHE, old), { recursive: true, force: true });
  // Packed beside its key and renamed at the end: an interrupted pack never passes for a finished one.
  const staging = `${dir}.partial`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  await exec('npm', ['pack', '--pack-destination', staging], { cwd: ROOT, limitMs: 300_000 });
  renameSync(staging, dir);
  return tarball;
}

/**
 * A folder holding this clone's compiled better-sqlite3 as the prebuilt tarball prebuild-install looks for first
 * (npm_config_better_sqlite3_local_prebuilds): a user's install downloads that binary, this machine reaches no
 * download host and would compile for a minute and a half. A version the clone does not have compiles as usual.
 */
async function localPrebuilds(): Promise<string> {
  const moduleDir = join(ROOT, 'node_modules', 'better-sqlite3');
  const { version } = JSON.parse(readFileSync(join(moduleDir, 'package.json'), 'utf8')) as { version: string };
  const dir = join(CACHE, 'prebuilds');
  const tarball = join(dir, `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`);
  if (!existsSync(tarball)) {
    mkdirSync(dir, { recursive: true });
    await exec('tar', ['-czf', tarball, 'build/Release/better_sqlite3.node'], { cwd: moduleDir, limitMs: 60_000 });
  }
  return dir;
}

export interface InstalledPackage {
  /** The empty project it was installed into. */
  project: string;
  /** node_modules/scim-conform/bin/scim-conform.js */
  bin: string;
  /** What npm install printed. */
  installLog: string;
  remove(): void;
}

/**
 * `npm install --omit=dev <tarball>` into a new empty project whose package.json allows better-sqlite3's install
 * script, as the README tells users to; packages come from npm's cache when it has them.
 */
export async function installPacked(): Promise<InstalledPackage> {
  const tarball = await packedTarball();
  const project = mkdtempSync(join(tmpdir(), 'scim-conform-user-'));
  writeFileSync(join(project, 'package.json'), `${JSON.stringify({ name: 'user-project', private: true, allowScripts: { 'better-sqlite3': true } }, null, 2)}\n`);
  const installLog = await exec('npm', ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', tarball], {
    cwd: project,
    env: { npm_config_better_sqlite3_local_prebuilds: await localPrebuilds() },
    limitMs: 480_000,
  });
  return {
    project,
    bin: join(project, 'node_modules', PKG.name, 'bin', 'scim-conform.js'),
    installLog,
    remove: () => rmSync(project, { recursive: true, force: true }),
  };
}
