/**
 * Progress while the suites run. On a TTY: one live line, `[12/48] users · Sends POST /Users …`. Elsewhere (pipes,
 * CI=true): quiet and line-oriented — a start line, one line per check that did not pass, and a closing count.
 */
import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestResult } from '@playwright/test/reporter';
import { areaOf } from '../core/check-id.js';
import { ANNOTATION, EVIDENCE_ATTACHMENT, type CheckStatus } from '../core/evidence.js';
import { RUN_ENV } from '../core/run-config.js';

export interface ProgressOptions {
  /** Where to write; defaults to process.stdout. */
  stream?: { write(text: string): unknown; isTTY?: boolean; columns?: number };
  env?: NodeJS.ProcessEnv;
}

/** The check's area: the part of its declared ID before the slash. */
function areaOfTest(test: TestCase): string {
  const id = test.annotations.find((a) => a.type === ANNOTATION.checkId)?.description;
  return id ? areaOf(id) : '?';
}

function statusOf(result: TestResult): CheckStatus {
  const att = result.attachments.find((a) => a.name === EVIDENCE_ATTACHMENT && a.body);
  if (att?.body) {
    try {
      return (JSON.parse(att.body.toString('utf8')) as { status: CheckStatus }).status;
    } catch {
      // An unreadable record is reported by the main reporter; count it as an error here.
    }
  }
  return result.status === 'skipped' ? 'na' : 'error';
}

export default class ProgressReporter implements Reporter {
  private readonly stream: NonNullable<ProgressOptions['stream']>;
  private readonly live: boolean;
  private total = 0;
  /** Last status per test ID: a retry is the same check again. */
  private readonly statuses = new Map<string, CheckStatus>();

  constructor(options: ProgressOptions = {}) {
    this.stream = options.stream ?? process.stdout;
    const env = options.env ?? process.env;
    // The CLI pipes Playwright's output through its redactor, so the stream is never a TTY there: the CLI sets
    // SCIM_CONFORM_TTY=1 (RUN_ENV.tty) when its own stdout is one.
    const tty = Boolean(this.stream.isTTY) || env[RUN_ENV.tty] === '1';
    this.live = tty && env.CI !== 'true' && env.CI !== '1';
  }

  printsToStdio(): boolean {
    return true;
  }

  onBegin(_config: FullConfig, suite: Suite): void {
    this.total = suite.allTests().length;
    if (!this.live) this.stream.write(`scim-conform: running ${this.total} checks\n`);
  }

  onTestBegin(test: TestCase): void {
    if (this.live) this.line(`${areaOfTest(test)} · ${test.title}`);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const status = statusOf(result);
    this.statuses.set(test.id, status);
    if (!this.live && (status === 'fail' || status === 'error')) {
      this.stream.write(`  ${status.toUpperCase()} ${areaOfTest(test)} · ${test.title}\n`);
    }
  }

  onEnd(_result: FullResult): void {
    const counts = new Map<CheckStatus, number>();
    for (const s of this.statuses.values()) counts.set(s, (counts.get(s) ?? 0) + 1);
    const parts = [...counts].map(([s, n]) => `${n} ${s}`).join(', ');
    if (this.live) this.stream.write('\r\u001b[2K');
    this.stream.write(`scim-conform: ${this.statuses.size}/${this.total} checks done${parts ? ` (${parts})` : ''}\n`);
  }

  private line(current: string): void {
    const width = Math.max(20, (this.stream.columns ?? 100) - 1);
    const text = `[${this.statuses.size}/${this.total}] ${current}`;
    // \r + clear line: rewrite the same line; cut to the terminal width so it never wraps.
    this.stream.write(`\r\u001b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
  }
}
