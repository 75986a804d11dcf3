/**
 * `--seed` repeats a run: two runs of the whole suite with the same seed send the same requests, check by check
 * and in order, once what the run cannot choose is set aside — the run prefix (random per run, so two runs never
 * touch each other's resources), the embedded app's port, and the ids the server assigns. A third run with
 * another seed proves the comparison can tell runs apart. RATE-25RPS is left out: its request count follows the
 * clock, by design.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ComplianceReport } from '../../reports/model.js';
import type { Exchange } from '../../core/evidence.js';
import { REPORT_FILES } from '../../reports/write-reports.js';
import { runCliProcess } from './cli-process.js';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/**
 * Server-assigned ids of one check, each named by the resource it belongs to (its userName or displayName), so
 * the name does not depend on the order in which the server handed them out.
 */
function serverIds(exchanges: Exchange[]): Map<string, string> {
  const ids = new Map<string, string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const name = o.userName ?? o.displayName;
      if (typeof o.id === 'string' && !ids.has(o.id)) ids.set(o.id, typeof name === 'string' ? name.toLowerCase() : `#${ids.size}`);
      Object.values(o).forEach(visit);
    }
  };
  for (const e of exchanges) visit(e.response?.body);
  return ids;
}

/**
 * Check id → its requests as `METHOD url body`, with prefix, origin and server ids replaced by placeholders.
 * A lifecycle check's requests come sorted: the emulator, like Entra, works on several objects at once, so the
 * order within a cycle follows the endpoint's answers; which requests it sends does not. Other checks keep the
 * order of their steps.
 */
function requestsByCheck(report: ComplianceReport): Map<string, string[]> {
  const origin = new URL(report.target.url).origin;
  const out = new Map<string, string[]>();
  for (const c of report.checks) {
    if (c.requirements.includes('RATE-25RPS')) continue;
    const ids = serverIds(c.exchanges);
    const normalise = (s: string): string =>
      s.replace(UUID, (u) => (ids.has(u) ? `{id of ${ids.get(u)}}` : u))
        .split(origin).join('{origin}')
        .replace(/scr-[0-9a-z]{6}-/gi, '{prefix}');
    const line = (e: Exchange): string => normalise(`${e.request.method} ${e.request.url} ${JSON.stringify(e.request.body ?? null)}`);
    if (c.requirements.some((r) => r.startsWith('CYCLE-'))) {
      out.set(c.id, c.exchanges.map(line).sort());
      continue;
    }
    // Set-up requests may be sent at once (a group and three users, eleven groups to page through): a run of
    // them is sorted; every other step keeps its place.
    const stepOf = (e: Exchange): string | undefined => (e.step?.startsWith('setup:') ? 'setup' : e.step);
    const steps: string[][] = [];
    c.exchanges.forEach((e, i) => {
      const previous = c.exchanges[i - 1];
      if (!previous || stepOf(e) !== stepOf(previous)) steps.push([]);
      steps[steps.length - 1]?.push(line(e));
    });
    out.set(c.id, steps.flatMap((s) => s.sort()));
  }
  return out;
}

async function runWithSeed(seed: number, extra: string[] = []): Promise<ComplianceReport> {
  const dir = mkdtempSync(join(tmpdir(), 'seed-e2e-'));
  try {
    const res = await runCliProcess(['run', '--seed', String(seed), '--skip', 'RATE-25RPS', '--out', dir, ...extra], { limitMs: 240_000 });
    assert.ok(res.code === 0, `the run with --seed ${seed} passes (exit ${res.code}; stderr: ${res.stderr.slice(0, 500)})`);
    return JSON.parse(readFileSync(join(dir, REPORT_FILES.json), 'utf8')) as ComplianceReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the same --seed sends the same requests in every check; another seed does not', { timeout: 480_000 }, async () => {
  const first = requestsByCheck(await runWithSeed(4242));
  const second = requestsByCheck(await runWithSeed(4242));
  assert.ok(first.size > 50, `the whole suite ran (${first.size} checks compared)`);
  assert.deepEqual([...second.keys()].sort(), [...first.keys()].sort(), 'the same checks ran');
  const differing = [...first].flatMap(([id, reqs]) => {
    const again = second.get(id) ?? [];
    const at = reqs.findIndex((r, i) => r !== again[i]);
    if (at === -1 && reqs.length === again.length) return [];
    return [`${id}: request ${at === -1 ? reqs.length : at} was ${reqs[at] ?? '(none)'}, then ${again[at === -1 ? reqs.length : at] ?? '(none)'}`];
  });
  assert.deepEqual(differing, [], 'every check sent the same requests in the same order');
  assert.ok([...first.values()].reduce((n, r) => n + r.length, 0) > 300, 'hundreds of requests were compared');

  const other = requestsByCheck(await runWithSeed(4243, ['--only', 'USER-CREATE']));
  const changed = [...other].filter(([id, reqs]) => JSON.stringify(reqs) !== JSON.stringify(first.get(id)));
  assert.ok(other.size > 0 && changed.length === other.size, `another seed changes the data of every create check (${changed.length}/${other.size})`);
});
