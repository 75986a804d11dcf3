/**
 * `scim-conform merge DIR… --out DIR`. Shards run with `--reporter=blob`; mergeBlobReports hands their blob
 * reports to `playwright merge-reports` with our reporter, which rebuilds one report under the same verdict rules.
 * mergeComplianceReports does the same from the shards' compliance.json files, for shards run without blobs.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CheckRecord } from '../core/evidence.js';
import { runnableModule } from '../core/package-files.js';
import { GALLERY_OF, type Profile } from '../core/profile.js';
import { buildReport, verdictOf, type BuildContext } from './build-report.js';
import type { ComplianceReport, ReportCheck } from './model.js';
import type { ScimConformReporterOptions } from './playwright-reporter.js';

const REPORTER = runnableModule('./playwright-reporter.ts', import.meta.url);
const PLAYWRIGHT_CLI = fileURLToPath(new URL('./cli.js', import.meta.resolve('@playwright/test')));

/** Back to the evidence: what buildReport derives (level, area, waiver) is derived again. */
function toRecord(c: ReportCheck): CheckRecord {
  const { level: _level, area: _area, waiver: _waiver, ...record } = c;
  return record;
}

/**
 * Shards of one run merge into one report under the same rules. Runs of several profiles (an Entra run and an Okta
 * run) merge per profile first, then into one report with a verdict per gallery (`galleries`); the overall verdict
 * is the worst of them, since the catalogues are disjoint.
 */
export function mergeComplianceReports(
  reports: readonly ComplianceReport[],
  ctx: Pick<BuildContext, 'waivers' | 'now' | 'catalogue'> = {},
): ComplianceReport {
  const first = reports[0];
  if (!first) throw new Error('nothing to merge: no compliance reports given');
  const profileOf = (r: ComplianceReport): Profile => r.profile ?? 'entra';
  const profiles = [...new Set(reports.map(profileOf))];
  if (profiles.length > 1) {
    return mergeProfiles(profiles.map((p) => mergeShards(reports.filter((r) => profileOf(r) === p), p, ctx)));
  }
  return mergeShards(reports, profileOf(first), ctx);
}

function mergeShards(reports: readonly ComplianceReport[], profile: Profile, ctx: Pick<BuildContext, 'waivers' | 'now' | 'catalogue'>): ComplianceReport {
  const first = reports[0];
  if (!first) throw new Error(`nothing to merge for profile ${profile}`);
  const notices: string[] = [`Merged from ${reports.length} shard report(s).`];
  const targets = [...new Set(reports.map((r) => r.target.url))];
  if (targets.length > 1) notices.push(`The shards ran against different targets: ${targets.join(', ')}.`);
  const seen = new Map<string, CheckRecord>();
  for (const c of reports.flatMap((r) => r.checks)) {
    const key = `${c.id}\u0000${c.dialect ?? ''}`;
    if (seen.has(key)) notices.push(`Check ${c.id}${c.dialect ? ` [${c.dialect}]` : ''} ran in more than one shard; the last result is kept.`);
    seen.set(key, toRecord(c));
  }
  const starts = reports.map((r) => Date.parse(r.startedAt));
  const start = Math.min(...starts);
  const end = Math.max(...reports.map((r, i) => (starts[i] ?? start) + r.durationMs));
  const { shard: _shard, ...options } = first.options ?? {};
  if (reports.some((r) => r.options?.insecure)) options.insecure = true;
  return buildReport([...seen.values()], {
    tool: first.tool,
    target: first.target,
    startedAt: new Date(start).toISOString(),
    durationMs: end - start,
    options,
    notices,
    ...(first.attributes ? { attributes: first.attributes } : {}),
    profile,
    ...ctx,
  });
}

/** One report of the per-profile reports: every check and requirement, each gallery's verdict and checklist. */
function mergeProfiles(parts: readonly ComplianceReport[]): ComplianceReport {
  const [first] = parts;
  if (!first) throw new Error('nothing to merge');
  const requirements = parts.flatMap((p) => p.requirements);
  const sum = <K extends string>(pick: (r: ComplianceReport) => Partial<Record<K, number>> | undefined): Record<K, number> => {
    const out = {} as Record<K, number>;
    for (const p of parts) for (const [k, v] of Object.entries(pick(p) ?? {}) as Array<[K, number]>) out[k] = (out[k] ?? 0) + v;
    return out;
  };
  const starts = parts.map((p) => Date.parse(p.startedAt));
  const start = Math.min(...starts);
  const end = Math.max(...parts.map((p, i) => (starts[i] ?? start) + p.durationMs));
  const galleries = parts.map((p) => ({ profile: p.profile ?? 'entra', gallery: GALLERY_OF[p.profile ?? 'entra'], verdict: p.verdict, checklist: p.gallery ?? [] }));
  const notices = [
    `Merged runs of ${galleries.length} profiles (${galleries.map((g) => g.profile).join(', ')}): one verdict per gallery; the overall verdict is the worst of them.`,
    ...parts.flatMap((p) => (p.notices ?? []).map((n) => `[${p.profile ?? 'entra'}] ${n}`)),
  ];
  const report: ComplianceReport = {
    schemaVersion: 1,
    tool: first.tool,
    target: first.target,
    startedAt: new Date(start).toISOString(),
    durationMs: end - start,
    verdict: verdictOf(requirements),
    summary: sum((p) => p.summary) as ComplianceReport['summary'],
    requirements,
    checks: parts.flatMap((p) => p.checks).sort((a, b) => a.id.localeCompare(b.id) || (a.dialect ?? '').localeCompare(b.dialect ?? '')),
    requirementSummary: sum((p) => p.requirementSummary) as NonNullable<ComplianceReport['requirementSummary']>,
    galleries,
    notices,
  };
  if (first.options) report.options = first.options;
  return report;
}

export interface BlobMergeOptions {
  /** Folders holding the shards' blob reports (`report-*.zip`). */
  blobDirs: readonly string[];
  /** Where the merged compliance.json, compliance.html … go. */
  outDir: string;
  /** Passed to our reporter (url, embedded, waivers …); outputDir is set from outDir. */
  reporterOptions?: Omit<ScimConformReporterOptions, 'outputDir' | 'env' | 'configDir'>;
  /** Also regenerate allure-results from the merged events. */
  allureResultsDir?: string;
  env?: NodeJS.ProcessEnv;
}

/** Runs `playwright merge-reports` with our reporter; resolves to Playwright's exit code. */
export async function mergeBlobReports(opts: BlobMergeOptions): Promise<number> {
  const work = mkdtempSync(join(tmpdir(), 'scim-conform-merge-'));
  try {
    // merge-reports reads one folder: copy every shard's zips in, prefixed so equal names cannot collide.
    const blobs = join(work, 'blobs');
    const zips = opts.blobDirs.flatMap((dir, i) =>
      readdirSync(dir).filter((f) => f.endsWith('.zip')).map((f) => [join(dir, f), join(blobs, `${i + 1}-${f}`)] as const));
    if (zips.length === 0) throw new Error(`no blob reports (*.zip) in ${opts.blobDirs.join(', ')}`);
    mkdirSync(blobs);
    for (const [from, to] of zips) copyFileSync(from, to);
    const reporters: [string, unknown][] = [[REPORTER, { ...opts.reporterOptions, outputDir: opts.outDir }]];
    if (opts.allureResultsDir) reporters.push(['allure-playwright', { resultsDir: opts.allureResultsDir, detail: false, suiteTitle: false }]);
    const config = join(work, 'merge.config.mjs');
    writeFileSync(config, `export default ${JSON.stringify({ reporter: reporters })};\n`);
    return await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, [PLAYWRIGHT_CLI, 'merge-reports', '--config', config, blobs], {
        env: opts.env ?? process.env,
        stdio: 'inherit',
      });
      child.on('error', reject);
      child.on('close', (code) => resolve(code ?? 1));
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
