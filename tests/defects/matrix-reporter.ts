/** Writes one JSON line per check and project: {project, id, status, requirements, ms} from the evidence record. */
import { appendFileSync, writeFileSync } from 'node:fs';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { EVIDENCE_ATTACHMENT, type CheckRecord } from '../../core/evidence.js';

export default class MatrixReporter implements Reporter {
  constructor(private readonly opts: { outputFile: string }) {
    writeFileSync(opts.outputFile, '');
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const att = result.attachments.find((a) => a.name === EVIDENCE_ATTACHMENT);
    const project = test.parent.project()?.name ?? '';
    const line = att?.body
      ? (() => {
          const r = JSON.parse(att.body.toString('utf8')) as CheckRecord;
          return { project, id: r.id, status: r.status, requirements: r.requirements, ms: result.duration, message: r.message?.split('\n')[1]?.trim() };
        })()
      : { project, id: test.title, status: 'error', requirements: [], ms: result.duration, message: result.error?.message?.slice(0, 200) ?? `no evidence (${result.status})` };
    appendFileSync(this.opts.outputFile, `${JSON.stringify(line)}\n`);
  }
}
