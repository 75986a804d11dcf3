/** Writes every report format into the output folder. The only file-writing step of the report stage. */
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComplianceReport } from './model.js';
import { renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import { renderJunit } from './render-junit.js';
import { renderMarkdown } from './render-markdown.js';
import { renderValidator } from './render-validator.js';

export const REPORT_FILES = {
  json: 'compliance.json',
  html: 'compliance.html',
  markdown: 'compliance.md',
  junit: 'junit.xml',
  validator: 'validator-results.json',
} as const;

export interface WriteOptions {
  /** Path of $GITHUB_STEP_SUMMARY when the caller runs in GitHub Actions: the Markdown report is appended. */
  githubStepSummary?: string;
}

/** Returns the paths written. */
export function writeReports(report: ComplianceReport, outDir: string, opts: WriteOptions = {}): string[] {
  mkdirSync(outDir, { recursive: true });
  const markdown = renderMarkdown(report);
  const files: [string, string][] = [
    [REPORT_FILES.json, renderJson(report)],
    [REPORT_FILES.html, renderHtml(report)],
    [REPORT_FILES.markdown, markdown],
    [REPORT_FILES.junit, renderJunit(report)],
    [REPORT_FILES.validator, renderValidator(report)],
  ];
  const written = files.map(([name, text]) => {
    const path = join(outDir, name);
    writeFileSync(path, text);
    return path;
  });
  if (opts.githubStepSummary) appendFileSync(opts.githubStepSummary, `${markdown}\n`);
  return written;
}
