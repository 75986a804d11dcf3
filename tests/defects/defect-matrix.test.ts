/**
 * Every check is shown failing: the real suites run against the clean reference app and against one instance
 * per defect, all in one Playwright invocation and one project: a target set (suites/_harness/targets.ts) names
 * every instance, matrix.config.ts narrows each to its defect's checks. Asserted:
 * - against the clean app nothing fails, warns, errors or is blocked;
 * - against each defect, at least one check of every requirement the defect names goes red, and every red check
 *   cites one of the defect's requirements or is blocked by one that does;
 * - the whole defect → red checks map equals the committed tests/defects/expected-matrix.json
 *   (UPDATE_MATRIX=1 rewrites it after a deliberate change).
 * RATE-25RPS (a 10 s load) runs only against the clean instance and the rate defect's.
 *
 * Both profiles: Entra's checks run against `clean` and one instance per defect naming an Entra requirement (rows
 * keyed by the defect's name, as before profiles); Okta's checks against `clean.okta` and one instance per defect
 * naming an Okta requirement (rows keyed `<defect>.okta`). An instance runs and is judged on its profile's
 * requirements only. A defect that only an Okta variant meets (its `oktaVariant`: Okta's default never sends the
 * request it breaks) runs its Okta instance in that variant, keyed `<defect>.okta-patch` / `<defect>.okta-aiw`;
 * tests/e2e/okta-variants.test.ts shows it unblamed in the default.
 *
 * Each defect instance gets the checks citing the defect's requirements (the clean one gets everything): about
 * 390 checks, half a minute on 2 cores, part of `npm test`; `npm run test:defects` runs it alone.
 * DEFECT_MATRIX=full runs every check against every defect, proving that no check of another requirement goes
 * red (several minutes); DEFECTS_ONLY=name,… narrows either mode to some defects (a new one, say).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { DEFECTS, defectsByName } from '../../reference-app/defects/index.js';
import { startReferenceApp, type RunningReferenceApp } from '../../reference-app/server.js';
import { DEFAULT_WORKERS, RUN_ENV, type RunConfig } from '../../core/run-config.js';
import { MATRIX_PLAN_ENV, type MatrixPlan } from './matrix-plan.js';
import { PROFILES, type OktaVariant, type Profile } from '../../core/profile.js';
import { findRequirement, profileOf } from '../../core/requirements.js';

const TOKEN = 'matrix-token-0123456789';
const CLIENT = { id: 'matrix-client', secret: 'matrix-client-secret-0123456789' };
const CLEAN = 'clean';
const RATE_DEFECT = 'rate-limit-429';
const EXPECTED = fileURLToPath(new URL('./expected-matrix.json', import.meta.url));
const RED = new Set(['fail', 'warn', 'error', 'blocked']);
const FULL = process.env.DEFECT_MATRIX === 'full';
/** DEFECTS_ONLY=a,b: just these defects (and the clean app), compared with their rows of the committed matrix. */
const SELECTED = process.env.DEFECTS_ONLY ? defectsByName(process.env.DEFECTS_ONLY.split(',').map((n) => n.trim())) : DEFECTS;

/** One reference-app instance: a profile's clean app, or one defect judged on that profile's requirements. */
interface Instance { name: string; profile: Profile; okta?: OktaVariant; defects: string[]; requirements: string[] }

const ofProfile = (ids: readonly string[], profile: Profile): string[] => ids.filter((id) => {
  const r = findRequirement(id);
  return r !== undefined && profileOf(r) === profile;
});

/** The variant an instance name shows: `aiw` for an App Integration Wizard app, else `patch` for PATCH updates. */
const variantLabel = (v: OktaVariant): string => (v.mode === 'aiw' ? 'aiw' : v.userUpdates);

/** `clean` / `<defect>` for Entra, as before profiles; `clean.okta` / `<defect>.okta` (`.okta-<variant>`) for Okta. */
const instanceName = (base: string, profile: Profile, okta?: OktaVariant): string =>
  (profile === 'entra' ? base : `${base}.${profile}${okta ? `-${variantLabel(okta)}` : ''}`);

function instancesOf(defects: readonly (typeof DEFECTS)[number][]): Instance[] {
  return PROFILES.flatMap((profile) => [
    { name: instanceName(CLEAN, profile), profile, defects: [], requirements: [] },
    ...defects.map((d) => {
      const okta = profile === 'okta' ? d.oktaVariant : undefined;
      return { name: instanceName(d.name, profile, okta), profile, ...(okta ? { okta } : {}), defects: [d.name], requirements: ofProfile(d.requirements, profile) };
    }).filter((i) => i.requirements.length > 0),
  ]);
}

interface Line { target: string; id: string; status: string; requirements: string[]; blockedBy?: string; message?: string }

test('each defect turns exactly the checks citing its requirements red', { timeout: 1_200_000 }, async () => {
  const out = mkdtempSync(join(tmpdir(), 'scim-conform-matrix-'));
  const apps: RunningReferenceApp[] = [];
  let child: ChildProcess | undefined;
  try {
    const targets: Record<string, string> = {};
    const instances = instancesOf(SELECTED);
    const judged = instances.filter((i) => i.defects.length > 0);
    for (const inst of instances) {
      const tls = inst.name === 'tls-legacy-versions';
      const app = await startReferenceApp({
        tokens: [TOKEN], defects: inst.defects, host: '127.0.0.1', port: 0,
        oauth: { clients: [CLIENT] },
        ...(tls ? { tls: 'self-signed' as const } : {}),
      });
      apps.push(app);
      const config: RunConfig = {
        url: app.url, profile: inst.profile, ...(inst.okta ? { okta: inst.okta } : {}), embedded: true, outDir: join(out, inst.name), runPrefix: 'scr-matrix-', seed: 7,
        dialect: 'both', matchingAttribute: 'userName', groups: true, manager: true, roles: true, timeoutMs: 10_000, workers: DEFAULT_WORKERS.loopback,
        only: [], skip: [], insecure: tls, journalFile: join(out, `${inst.name}.journal.jsonl`),
        oauth: { tokenUrl: `${app.origin}/oauth/token`, clientId: CLIENT.id },
        startedAt: new Date().toISOString(),
      };
      const file = join(out, `${inst.name}.config.json`);
      writeFileSync(file, JSON.stringify(config));
      targets[inst.name] = file;
    }
    const targetsFile = join(out, 'targets.json');
    writeFileSync(targetsFile, JSON.stringify(targets));
    const planFile = join(out, 'matrix.json');
    const plan: MatrixPlan = {
      targets: Object.keys(targets), rateTargets: [CLEAN, RATE_DEFECT], out,
      ...(FULL ? {} : { scope: Object.fromEntries(judged.map((i) => [i.name, i.requirements])) }),
    };
    writeFileSync(planFile, JSON.stringify(plan));
    const cli = createRequire(import.meta.url).resolve('@playwright/test/cli');
    const config = fileURLToPath(new URL('./matrix.config.ts', import.meta.url));
    const code = await new Promise<number>((resolve, reject) => {
      child = spawn(process.execPath, [cli, 'test', '-c', config], {
        env: { ...process.env, [MATRIX_PLAN_ENV]: planFile, [RUN_ENV.targets]: targetsFile, [RUN_ENV.token]: TOKEN, [RUN_ENV.clientSecret]: CLIENT.secret },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      child.once('error', reject);
      child.once('close', (c) => resolve(c ?? 1));
    });
    assert.ok(code === 0 || code === 1, `Playwright ran the matrix (exit ${code})`);
    const lines = readFileSync(join(out, 'matrix.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Line);
    const red = (target: string): Line[] => lines.filter((l) => l.target === target && RED.has(l.status));

    for (const profile of PROFILES) {
      const cleanRed = red(instanceName(CLEAN, profile));
      assert.deepEqual(cleanRed.map((l) => `${l.id}: ${l.status} ${l.message ?? ''}`), [], `the clean reference app passes every ${profile} check`);
    }

    const actual: Record<string, string[]> = {};
    const problems: string[] = [];
    for (const d of judged) {
      const reds = red(d.name);
      actual[d.name] = reds.map((l) => `${l.id} ${l.status}`).sort();
      for (const r of d.requirements) {
        if (!reds.some((l) => l.requirements.includes(r) && l.status !== 'blocked')) problems.push(`${d.name}: no check of ${r} went red`);
      }
      for (const l of reds) {
        if (l.status !== 'blocked' && !l.requirements.some((r) => d.requirements.includes(r))) {
          problems.push(`${d.name}: ${l.id} (${l.requirements.join(', ')}) went ${l.status} but cites none of ${d.requirements.join(', ')} — ${l.message ?? ''}`);
        }
      }
    }
    assert.deepEqual(problems, [], 'every defect is caught by its own requirements\' checks and by no others');
    // A blocked check names a blocker that really broke: wherever the blocker ran against the same instance (in
    // the full matrix, always), it went red.
    const falseBlockers = lines.filter((l) => l.status === 'blocked').flatMap((l) => {
      const blocker = lines.find((b) => b.target === l.target && b.id === l.blockedBy);
      return blocker && !RED.has(blocker.status) ? [`${l.target}: ${l.id} is blocked by ${l.blockedBy}, which was ${blocker.status} — ${l.message ?? ''}`] : [];
    });
    assert.deepEqual(falseBlockers, [], 'every blocker that ran went red');
    // The committed matrix lists, per defect, its own requirements' red checks (the full run adds nothing to it).
    const own: Record<string, string[]> = Object.fromEntries(judged.map((d) => [d.name, (actual[d.name] ?? []).filter((entry) => {
      const line = red(d.name).find((l) => `${l.id} ${l.status}` === entry);
      return line?.requirements.some((r) => d.requirements.includes(r));
    })]));
    const committed = existsSync(EXPECTED) ? (JSON.parse(readFileSync(EXPECTED, 'utf8')) as Record<string, string[]>) : undefined;
    let expected = committed;
    if (process.env.UPDATE_MATRIX === '1') {
      const merged = { ...committed, ...own };
      expected = Object.fromEntries(instancesOf(DEFECTS).filter((i) => merged[i.name]).map((i) => [i.name, merged[i.name] ?? []]));
      writeFileSync(EXPECTED, `${JSON.stringify(expected, null, 2)}\n`);
    }
    assert.ok(expected, 'tests/defects/expected-matrix.json is committed (UPDATE_MATRIX=1 writes it)');
    const rows = SELECTED === DEFECTS ? expected : Object.fromEntries(judged.map((d) => [d.name, expected[d.name]]));
    assert.deepEqual(own, rows, 'the defect → red checks matrix equals the committed one');
  } finally {
    // A timed-out test must not leave Playwright running the matrix in the background.
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await Promise.all(apps.map((a) => a.close()));
    rmSync(out, { recursive: true, force: true });
  }
});
