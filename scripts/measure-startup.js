#!/usr/bin/env node
// Start-up of the CLI, measured like hyperfine would: `--help` wall time, and the time from spawning
// `run --url … --only CONN-TEST` to its first request reaching the target (a pass-through proxy in front of a
// `serve` notes it), plus that run's whole wall time. One unmeasured round, then N rounds; each --bin given runs
// once per round, in turn, so a machine's changing load falls on every bin alike. Prints median and range.
//   node scripts/measure-startup.js [--bin PATH_TO_scim-conform.js]… [--runs N]
// The default bin is this clone's (the TypeScript sources through tsx); an installed package's is
// node_modules/scim-conform/bin/scim-conform.js (the compiled dist/).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { bin: { type: 'string', multiple: true }, runs: { type: 'string', default: '7' } } });
const bins = values.bin ?? [fileURLToPath(new URL('../bin/scim-conform.js', import.meta.url))];
const runs = Number(values.runs);
const TOKEN = 'measure-token-0123456789';
const out = mkdtempSync(join(tmpdir(), 'measure-startup-'));

/** Spawns a CLI; resolves at its end, or as soon as it printed `lines` lines (then it is left running). */
function cli(bin, args, { lines = 0 } = {}) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.setEncoding('utf8').on('data', (c) => {
      text += c;
      if (lines > 0 && text.split('\n').length > lines) resolve({ child, head: text.split('\n').slice(0, lines) });
    });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, ms: performance.now() - started, text, started }));
  });
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return `median ${Math.round(median)} ms (${Math.round(s[0])}–${Math.round(s.at(-1))}, n=${s.length})`;
}

const served = await cli(bins[0], ['serve', '--token', TOKEN], { lines: 1 });
const target = new URL(served.head[0]);
let firstRequestAt;
const proxy = createServer((req, res) => {
  firstRequestAt ??= performance.now();
  const upstream = request({ host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    up.pipe(res);
  });
  req.pipe(upstream);
});
await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${proxy.address().port}${target.pathname}`;

/** One measurement of each figure for one bin. */
async function once(bin) {
  const help = await cli(bin, ['--help']);
  if (help.code !== 0) throw new Error(`${bin} --help exited ${help.code}`);
  firstRequestAt = undefined;
  const run = await cli(bin, ['run', '--url', base, '--token', TOKEN, '--only', 'CONN-TEST', '--out', out]);
  if (run.code !== 0 || firstRequestAt === undefined) throw new Error(`${bin} run exited ${run.code}:\n${run.text}`);
  return { help: help.ms, firstRequest: firstRequestAt - run.started, wall: run.ms };
}

try {
  const figures = new Map(bins.map((b) => [b, []]));
  for (let round = 0; round <= runs; round++) {
    for (const bin of bins) {
      const f = await once(bin);
      if (round > 0) figures.get(bin).push(f);
    }
  }
  for (const [bin, fs] of figures) {
    console.log(bin);
    console.log(`  --help wall time:                              ${stats(fs.map((f) => f.help))}`);
    console.log(`  run --url --only CONN-TEST, spawn to 1st request: ${stats(fs.map((f) => f.firstRequest))}`);
    console.log(`  run --url --only CONN-TEST, wall time:           ${stats(fs.map((f) => f.wall))}`);
  }
} finally {
  proxy.close();
  served.child.kill('SIGINT');
  rmSync(out, { recursive: true, force: true });
}
