/**
 * action.yml and action/run.js agree (what install.test.ts cannot see, since it runs the script without the
 * runner): every input reaches the script under the INPUT_* name it reads, every output names what it writes, the
 * report is uploaded even after a failure. The README's example uses inputs that exist.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { CHECK_STATUSES } from '../../reports/build-report.js';

interface Step { id?: string; uses?: string; if?: string; env?: Record<string, string>; with?: Record<string, string>; run?: string }
interface Action {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string; value: string }>;
  runs: { using: string; steps: Step[] };
}

const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const action = parse(read('action.yml')) as Action;
/** Inputs the composite's own steps use rather than the script. */
const STEP_INPUTS = ['artifact-name', 'package', 'node-version'];

test('action.yml hands every input to the script as the INPUT_* variable it reads, and exposes what it writes', () => {
  assert.equal(action.runs.using, 'composite', 'a composite action');
  for (const [name, input] of Object.entries(action.inputs)) assert.ok(input.description, `input ${name} is described`);
  const run = action.runs.steps.find((s) => s.id === 'run');
  assert.ok(run?.run?.includes('action/run.js'), 'the run step calls action/run.js');
  const expected = Object.keys(action.inputs).filter((n) => !STEP_INPUTS.includes(n))
    .map((n) => [`INPUT_${n.toUpperCase().replace(/-/g, '_')}`, `\${{ inputs.${n} }}`]);
  const mapped = Object.entries(run?.env ?? {}).filter(([k]) => k.startsWith('INPUT_'));
  assert.deepEqual(mapped.sort(), expected.sort(), 'each script input is mapped from its action input');
  const script = read('action/run.js');
  for (const [, name = ''] of script.matchAll(/\b(?:input|list)\('([a-z-]+)'\)/g)) {
    assert.ok(action.inputs[name] && !STEP_INPUTS.includes(name), `the script's input ${name} is an action input the run step maps`);
  }

  const written = ['verdict', 'exit-code', 'report-dir', ...CHECK_STATUSES];
  assert.deepEqual(Object.keys(action.outputs).sort(), [...written].sort(), 'the outputs are the verdict, exit code, report folder and every count');
  for (const [name, output] of Object.entries(action.outputs)) assert.equal(output.value, `\${{ steps.run.outputs.${name} }}`, `output ${name} comes from the run step`);

  const upload = action.runs.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
  assert.equal(upload?.if, 'always()', 'the report is uploaded even when the run failed');
  assert.equal(upload?.with?.path, '${{ inputs.out }}', 'the uploaded folder is --out');
});

test('the README\'s GitHub Actions example uses this action with inputs it has', () => {
  const readme = read('README.md');
  const block = /```yaml\n(scim-conformance:[\s\S]*?)```/.exec(readme)?.[1];
  assert.ok(block, 'the README has the job example');
  const job = parse(block) as { 'scim-conformance': { steps: Step[] } };
  const step = job['scim-conformance'].steps.find((s) => s.uses?.includes('/scim-conform@'));
  assert.ok(step, 'a step uses the scim-conform action');
  for (const key of Object.keys(step.with ?? {})) assert.ok(action.inputs[key], `the example's input ${key} exists`);
  const commented = block.split('\n').filter((l) => l.includes('#')).flatMap((l) => [...l.slice(l.indexOf('#')).matchAll(/(?:#\s*|\s)([a-z-]+):(?=\s)/g)].map((m) => m[1] ?? ''));
  assert.ok(commented.length >= 5, `the commented inputs are read (${commented.join(', ')})`);
  for (const key of commented) assert.ok(action.inputs[key], `the example's commented input ${key} exists`);
});
