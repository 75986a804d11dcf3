/**
 * The import rules each folder's README states, as a machine checks them: .dependency-cruiser.cjs run over the
 * whole tree (every top-level folder holding code, so a new folder is cruised too), failing with the list of
 * violations; and a fixture tree with one deliberate breach per kind of rule, each caught.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult, type IFlattenedRuleSet, type IForbiddenRuleType } from 'dependency-cruiser';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BREACH = fileURLToPath(new URL('./fixtures/breach/', import.meta.url));
const config = createRequire(import.meta.url)(join(ROOT, '.dependency-cruiser.cjs')) as { forbidden: IForbiddenRuleType[]; options: Record<string, unknown> };
const CODE = /\.(ts|js|mjs|cjs)$/;

/**
 * The top-level folders and root files of `base` that hold code git tracks or would track (ignored output such as
 * scim-conform-report/ or dist/ aside; hidden entries like this rule file too).
 */
function codeEntries(base: string): string[] {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: base, encoding: 'utf8' }).split('\n');
  const tops = files.filter((f) => CODE.test(f) && !f.startsWith('.')).map((f) => f.split('/')[0] ?? f);
  return [...new Set(tops)].sort();
}

async function cruiseTree(base: string): Promise<ICruiseResult> {
  const ruleSet: IFlattenedRuleSet = { forbidden: config.forbidden };
  const { output } = await cruise(codeEntries(base), { ...config.options, baseDir: base, validate: true, ruleSet, tsConfig: { fileName: join(ROOT, 'tsconfig.json') } });
  assert.equal(typeof output, 'object', 'dependency-cruiser returns its result as an object');
  return output as ICruiseResult;
}

/** `rule: from → to` per violation, plus every module outside the known folders (one with no imports breaks no rule). */
function violations(result: ICruiseResult): string[] {
  const known = (config.forbidden.find((r) => r.name === 'unknown-folder')?.from as { pathNot: string[] }).pathNot.map((p) => new RegExp(p));
  const strays = result.modules
    .filter((m) => !m.source.includes('node_modules/') && !m.coreModule && !m.couldNotResolve && !known.some((re) => re.test(m.source)))
    .map((m) => `unknown-folder: ${m.source}`);
  const broken = result.summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`);
  return [...new Set([...broken, ...strays])].sort();
}

test('the tree keeps the import rules its READMEs state (.dependency-cruiser.cjs)', { timeout: 120_000 }, async () => {
  const result = await cruiseTree(ROOT);
  assert.ok(result.summary.totalCruised > 300, `the whole tree was cruised (${result.summary.totalCruised} modules)`);
  const sources = new Set(result.modules.map((m) => m.source.split('/')[0]));
  for (const folder of ['core', 'suites', 'mock-idp', 'reference-app', 'cli', 'tests']) assert.ok(sources.has(folder), `${folder}/ was cruised`);
  assert.deepEqual(violations(result), [], 'no import breaks a rule (each rule\'s comment names the README it enforces)');
});

test('a deliberate breach of each kind of rule is caught, and a folder without rules is refused', { timeout: 60_000 }, async () => {
  const found = violations(await cruiseTree(BREACH));
  const expected = [
    'core-imports-of-ours: core/uses-suites.ts → suites/spec.ts',
    'core-packages: core/uses-playwright.ts → ',
    'mock-idp-front-door: suites/spec.ts → mock-idp/cycles/job.ts',
    'reference-app-routes-imports: reference-app/routes/users.ts → reference-app/store/rows.ts',
    'unknown-folder: gadgets/widget.ts',
  ];
  for (const e of expected) assert.ok(found.some((f) => f.startsWith(e)), `caught: ${e}\n(found: ${found.join('; ')})`);
  assert.equal(found.length, expected.length, `nothing else is reported: ${found.join('; ')}`);
});
