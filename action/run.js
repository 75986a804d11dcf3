#!/usr/bin/env node
// The GitHub Action's run step (action.yml): the action's inputs arrive as INPUT_* variables, as the runner
// passes them to a JavaScript action (action.yml maps them so), and the installed CLI's path as SCIM_CONFORM_BIN.
// It runs `scim-conform run` with them, the token in the environment (never on a command line), then writes the
// verdict and the counts to $GITHUB_OUTPUT and exits with the CLI's own exit code, so the step fails exactly
// when the CLI does. The CLI itself appends compliance.md to $GITHUB_STEP_SUMMARY; when it wrote no report,
// this script says why there instead. Plain JavaScript on purpose: the action runs it from its own checkout,
// where nothing is built or installed.
import { spawn } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const env = process.env;
// The runner keeps an input's hyphens (INPUT_ACCEPT-SIDE-EFFECTS); action.yml's env block spells them with _.
const input = (name) => (env[`INPUT_${name.toUpperCase()}`] ?? env[`INPUT_${name.toUpperCase().replace(/-/g, '_')}`] ?? '').trim();
/** A list input: comma-, space- or line-separated requirement globs. */
const list = (name) => input(name).split(/[\s,]+/).filter(Boolean);

const bin = env.SCIM_CONFORM_BIN;
if (!bin) {
  console.error('scim-conform action: SCIM_CONFORM_BIN is not set (action.yml installs the package and sets it)');
  process.exit(2);
}
const token = input('token');
// Masked in the log even when the token did not come from a secret (the runner masks what follows add-mask).
if (token) console.log(`::add-mask::${token}`);

const out = input('out') || 'scim-conform-report';
const args = ['run', '--out', out];
if (input('url')) args.push('--url', input('url'));
if (input('dialect')) args.push('--dialect', input('dialect'));
for (const id of list('only')) args.push('--only', id);
for (const id of list('skip')) args.push('--skip', id);
if (input('waivers')) args.push('--waivers', input('waivers'));
if (input('baseline')) args.push('--baseline', input('baseline'));
if (input('accept-side-effects') === 'true') args.push('--accept-side-effects');

const childEnv = { ...env, ...(token ? { SCIM_TOKEN: token } : {}) };
for (const key of Object.keys(childEnv)) if (key.startsWith('INPUT_')) delete childEnv[key];
const code = await new Promise((done) => {
  const child = spawn(process.execPath, [bin, ...args], { env: childEnv, stdio: 'inherit' });
  child.once('error', (err) => {
    console.error(`scim-conform action: could not start ${bin}: ${err.message}`);
    done(2);
  });
  child.once('close', (c, signal) => done(c ?? (signal ? 1 : 0)));
});

const outDir = resolve(out);
const outputs = { 'exit-code': String(code), 'report-dir': outDir };
let report;
try {
  report = JSON.parse(readFileSync(resolve(outDir, 'compliance.json'), 'utf8'));
} catch {
  report = undefined;
}
if (report) {
  outputs.verdict = report.verdict;
  for (const [status, n] of Object.entries(report.summary)) outputs[status] = String(n);
} else if (env.GITHUB_STEP_SUMMARY) {
  appendFileSync(env.GITHUB_STEP_SUMMARY, `### scim-conform: no report\n\nThe run ended with exit code ${code} before writing \`compliance.json\`; the step's log says why.\n`);
}
if (env.GITHUB_OUTPUT) {
  appendFileSync(env.GITHUB_OUTPUT, Object.entries(outputs).map(([k, v]) => `${k}=${v}\n`).join(''));
}
process.exit(code);
