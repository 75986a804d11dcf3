/**
 * Playwright reporter: collects one CheckRecord per test (from the check() wrapper's evidence attachment, or
 * synthesized when a test died without one) and, at the end, writes every report format into the output folder.
 *
 * Use: `reporter: [['./reports/playwright-reporter.ts', { outputDir }]]`. Options override the run configuration
 * (SCIM_CONFORM_CONFIG), so self-tests can drive the reporter without the CLI.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { FullConfig, FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import type { AttributeSetJson } from '../core/attributes/attribute-set.js';
import { ANNOTATION, ATTRIBUTES_ATTACHMENT, EVIDENCE_ATTACHMENT, type CheckRecord } from '../core/evidence.js';
import { HarnessError } from '../core/errors.js';
import { PACKAGE_VERSION } from '../core/package-files.js';
import { RUN_ENV, readRunConfig, type RunConfig } from '../core/run-config.js';
import { buildReport, CHECK_STATUSES } from './build-report.js';
import type { ComplianceReport } from './model.js';
import { readWaivers, type Waiver } from './waivers.js';
import { writeReports } from './write-reports.js';

export interface ScimConformReporterOptions {
  /** Output folder; defaults to the run configuration's outDir. Relative paths resolve against the config dir. */
  outputDir?: string;
  /** Target URL and whether it is the embedded reference app; default to the run configuration. */
  url?: string;
  embedded?: boolean;
  /** Waiver file (JSON, see reports/waivers.ts); defaults to the run configuration's `waivers`. */
  waivers?: string;
  /** Path of $GITHUB_STEP_SUMMARY; defaults to the environment's. */
  githubStepSummary?: string;
  /** Environment to read the run configuration from (tests); defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** ISO time used as "today" for waiver expiry (tests). */
  now?: string;
  /** Set by Playwright: the folder of the config file. */
  configDir?: string;
}

// Playwright error messages carry terminal colours; reports must not.
const ANSI = /\u001b\[[0-9;]*m/g;

type Annotation = { type: string; description?: string };

function annotationValues(annotations: readonly Annotation[], type: string): string[] {
  return [...new Set(annotations.filter((a) => a.type === type && a.description).map((a) => a.description as string))];
}

function isCheckRecord(v: unknown): v is CheckRecord {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Partial<CheckRecord>;
  return typeof r.id === 'string' && typeof r.title === 'string' && Array.isArray(r.requirements)
    && Array.isArray(r.exchanges) && typeof r.status === 'string' && CHECK_STATUSES.includes(r.status);
}

function readEvidence(result: TestResult): CheckRecord | string | undefined {
  const att = [...result.attachments].reverse().find((a) => a.name === EVIDENCE_ATTACHMENT);
  if (!att) return undefined;
  try {
    const text = att.body ? att.body.toString('utf8') : att.path ? readFileSync(att.path, 'utf8') : '';
    const data: unknown = JSON.parse(text);
    return isCheckRecord(data) ? data : 'the evidence attachment is not a CheckRecord';
  } catch (err) {
    return `the evidence attachment cannot be read: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** The attribute set a worker attached (once per worker), when this result carries it. */
function readAttributeSet(result: TestResult): AttributeSetJson | undefined {
  const att = result.attachments.find((a) => a.name === ATTRIBUTES_ATTACHMENT && a.body);
  if (!att?.body) return undefined;
  try {
    const data = JSON.parse(att.body.toString('utf8')) as AttributeSetJson;
    return Array.isArray(data.user) && Array.isArray(data.group) && typeof data.source === 'string' ? data : undefined;
  } catch {
    return undefined;
  }
}

/** A record for a test that ended without evidence: crashed, timed out, interrupted, or skipped before its body ran. */
export function synthesizeRecord(test: TestCase, result: TestResult, problem?: string): CheckRecord {
  const annotations: Annotation[] = [...test.annotations, ...result.annotations];
  const dialect = annotationValues(annotations, ANNOTATION.dialect)[0];
  const record: CheckRecord = {
    // Every check declares its ID; a test without one is not ours, and its title is all there is to name it by.
    id: annotationValues(annotations, ANNOTATION.checkId)[0] ?? test.title,
    title: test.title,
    requirements: annotationValues(annotations, ANNOTATION.requirement),
    status: 'error',
    exchanges: [],
    durationMs: result.duration,
  };
  const counterparts = annotationValues(annotations, ANNOTATION.counterpart);
  if (counterparts.length > 0) record.counterparts = counterparts;
  if (dialect) record.dialect = dialect;
  const skip = annotationValues(annotations, 'skip')[0];
  if (!problem && result.status === 'skipped') {
    // Skipped before the body ran: "blocked by <check-id> …" marks a blocked check, anything else is n/a.
    const blocked = skip ? /^blocked by ([^\s:;,]+)/i.exec(skip) : null;
    if (blocked?.[1]) return { ...record, status: 'blocked', blockedBy: blocked[1], reason: skip, message: skip };
    return { ...record, status: 'na', reason: skip ?? 'skipped' };
  }
  const error = (result.error?.message ?? '').replace(ANSI, '').trim();
  const why: Record<TestResult['status'], [string, string]> = {
    timedOut: ['TARGET_TIMEOUT', `the check timed out after ${result.duration} ms`],
    interrupted: ['HARNESS_INTERRUPTED', 'the run was interrupted before the check finished'],
    failed: ['HARNESS_INTERNAL', 'the check crashed before recording its evidence'],
    passed: ['HARNESS_INTERNAL', 'the check passed but recorded no evidence'],
    skipped: ['HARNESS_INTERNAL', 'the check was skipped'],
  };
  const [code, text] = why[result.status];
  record.errorCode = problem ? 'HARNESS_INTERNAL' : code;
  record.message = [problem ?? text, error].filter(Boolean).join(': ');
  return record;
}

export default class ScimConformReporter implements Reporter {
  private readonly options: ScimConformReporterOptions;
  private readonly runConfig: RunConfig | undefined;
  private readonly waivers: Waiver[];
  /** Keyed by Playwright test ID: a retry replaces the earlier attempt. */
  private readonly records = new Map<string, CheckRecord>();
  private shard: string | undefined;
  /** The run's attribute set, from the first worker that shared it. */
  private attributes: AttributeSetJson | undefined;
  private startedAt = new Date();

  constructor(options: ScimConformReporterOptions = {}) {
    this.options = options;
    const env = options.env ?? process.env;
    this.runConfig = env[RUN_ENV.config] ? readRunConfig(env).config : undefined;
    const waivers = options.waivers ?? this.runConfig?.waivers;
    this.waivers = waivers ? readWaivers(waivers) : [];
  }

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig): void {
    this.startedAt = new Date();
    if (config.shard) this.shard = `${config.shard.current}/${config.shard.total}`;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.attributes ??= readAttributeSet(result);
    const evidence = readEvidence(result);
    const record = typeof evidence === 'object' ? evidence : synthesizeRecord(test, result, evidence);
    this.records.set(test.id, record);
  }

  private report(result: FullResult): ComplianceReport {
    const cfg = this.runConfig;
    const options: NonNullable<ComplianceReport['options']> = {};
    if (cfg) {
      options.dialect = cfg.dialect;
      options.seed = cfg.seed;
      options.only = cfg.only;
      options.skip = cfg.skip;
      options.insecure = cfg.insecure;
      if (cfg.okta) options.okta = { ...cfg.okta };
    }
    if (this.shard) options.shard = this.shard;
    const notices: string[] = [];
    if (result.status === 'interrupted') notices.push('The run was interrupted: checks that did not finish are errors, checks that did not start are untested.');
    if (result.status === 'timedout') notices.push('The run hit its global time limit: checks that did not start are untested.');
    return buildReport([...this.records.values()], {
      tool: { name: 'scim-conform', version: PACKAGE_VERSION },
      ...(cfg ? { profile: cfg.profile } : {}),
      target: { url: this.options.url ?? cfg?.url ?? 'unknown', embedded: this.options.embedded ?? cfg?.embedded ?? false },
      startedAt: cfg?.startedAt ?? this.startedAt.toISOString(),
      durationMs: Math.round(result.duration),
      options,
      notices,
      waivers: this.waivers,
      ...(this.attributes ? { attributes: this.attributes } : {}),
      ...(this.options.now ? { now: new Date(this.options.now) } : {}),
    });
  }

  private outputDir(): string {
    const dir = this.options.outputDir ?? this.runConfig?.outDir;
    if (!dir) throw new HarnessError('HARNESS_CONFIG', 'scim-conform reporter: no output folder (set the outputDir option or run through the CLI)');
    return isAbsolute(dir) ? dir : resolve(this.options.configDir ?? process.cwd(), dir);
  }

  async onEnd(result: FullResult): Promise<{ status: FullResult['status'] } | undefined> {
    try {
      const summary = this.options.githubStepSummary ?? (this.options.env ?? process.env).GITHUB_STEP_SUMMARY;
      writeReports(this.report(result), this.outputDir(), summary ? { githubStepSummary: summary } : {});
      return undefined;
    } catch (err) {
      process.stderr.write(`scim-conform reporter: could not write the reports: ${err instanceof Error ? err.message : String(err)}\n`);
      return { status: 'failed' };
    }
  }
}
