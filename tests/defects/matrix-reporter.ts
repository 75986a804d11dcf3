/** Writes one JSON line per check and target: {target, id, status, requirements, blockedBy, ms} from the evidence record. */
import { appendFileSync, writeFileSync } from 'node:fs';
import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { ANNOTATION, EVIDENCE_ATTACHMENT, type CheckRecord } from '../../core/evidence.js';

export default class MatrixReporter implements Reporter {
  constructor(private readonly opts: { outputFile: string }) {
    writeFileSync(opts.outputFile, '');
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const att = result.attachments.find((a) => a.name === EVIDENCE_ATTACHMENT);
    const target = test.annotations.find((a) => a.type === ANNOTATION.target)?.description ?? '';
    const line = att?.body
      ? (() => {
          const r = JSON.parse(att.body.toString('utf8')) as CheckRecord;
          return { target, id: r.id, status: r.status, requirements: r.requirements, ...(r.blockedBy ? { blockedBy: r.blockedBy } : {}), ms: result.duration, message: r.message?.split('\n')[1]?.trim() };
        })()
      : { target, id: test.title, status: 'error', requirements: [], ms: result.duration, message: result.error?.message?.slice(0, 200) ?? `no evidence (${result.status})` };
    appendFileSync(this.opts.outputFile, `${JSON.stringify(line)}\n`);
  }
}
