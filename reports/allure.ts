/**
 * Allure glue: statuses put right in the allure-results folder that allure-playwright writes beside our reporter,
 * and Allure HTML from it. The HTML comes from the Allure 3 npm CLI (`allure generate`, no Java). Allure's
 * "awesome" report embeds a Google Analytics tag unconditionally; a compliance report must not call out to anyone
 * when a vendor opens it, so the tag is removed from every page.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ALLURE_ATTRIBUTES_LABEL, ALLURE_VERDICT_LABEL, type CheckStatus } from '../core/evidence.js';

const ALLURE_CLI = fileURLToPath(new URL('../cli.js', import.meta.resolve('allure')));

/** Removes the analytics loader and its inline gtag() configuration script. */
export function stripAnalytics(html: string): string {
  return html
    .replace(/<script[^>]*src="https:\/\/www\.googletagmanager\.com\/[^"]*"[^>]*><\/script>\s*/g, '')
    .replace(/<script>(?:(?!<\/script>)[\s\S])*?gtag\((?:(?!<\/script>)[\s\S])*<\/script>\s*/g, '');
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : []);
}

export interface AllureOptions {
  reportName?: string;
  /** Milliseconds before the CLI is killed. */
  timeoutMs?: number;
}

/** Generates the Allure report of `resultsDir` into `outDir`; rejects with the CLI's output on failure. */
export async function generateAllureHtml(resultsDir: string, outDir: string, opts: AllureOptions = {}): Promise<void> {
  const args = [ALLURE_CLI, 'generate', resultsDir, '--output', outDir, '--report-name', opts.reportName ?? 'scim-conform'];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      // Where the plugins honour it, analytics are off at the source too.
      env: { ...process.env, ALLURE_NO_ANALYTICS: 'true', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: opts.timeoutMs ?? 120_000,
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { output += d.toString(); });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`allure generate failed (${signal ?? `exit ${code}`}): ${output.trim()}`));
    });
  });
  for (const file of htmlFiles(outDir)) writeFileSync(file, stripAnalytics(readFileSync(file, 'utf8')));
}

/** Allure's status for each verdict the harness declares an expected failure (see suites/_harness/check.ts). */
const ALLURE_STATUS: Partial<Record<CheckStatus, string>> = { fail: 'failed', error: 'broken' };

interface AllureResult {
  status?: string;
  labels?: Array<{ name: string; value: string }>;
  parameters?: Array<{ name: string; value: string }>;
}

/** The attributes a check wrote, shown as a parameter (Allure lists parameters with each test, not custom labels). */
function withAttributes(result: AllureResult): AllureResult {
  const attributes = result.labels?.find((l) => l.name === ALLURE_ATTRIBUTES_LABEL)?.value;
  if (!attributes || result.parameters?.some((p) => p.name === 'attributes')) return result;
  return { ...result, parameters: [...(result.parameters ?? []), { name: 'attributes', value: attributes }] };
}

/**
 * Gives every Allure result of a failed or erroring check its real status back: allure-playwright reads
 * "failed as expected" as passed; and shows the attributes a check wrote as a parameter. Returns how many results
 * it changed; unreadable files are left as they are.
 */
export function applyVerdictsToAllure(resultsDir: string): number {
  if (!existsSync(resultsDir)) return 0;
  let changed = 0;
  for (const name of readdirSync(resultsDir).filter((n) => n.endsWith('-result.json'))) {
    const file = join(resultsDir, name);
    let result: AllureResult;
    try {
      result = JSON.parse(readFileSync(file, 'utf8')) as AllureResult;
    } catch {
      continue;
    }
    const verdict = result.labels?.find((l) => l.name === ALLURE_VERDICT_LABEL)?.value as CheckStatus | undefined;
    const status = verdict && ALLURE_STATUS[verdict];
    const fixed = withAttributes(status ? { ...result, status } : result);
    if (fixed.status !== result.status || fixed.parameters !== result.parameters) {
      writeFileSync(file, JSON.stringify(fixed));
      changed++;
    }
  }
  return changed;
}
