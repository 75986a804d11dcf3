/**
 * The verdict and the submission checklist(s) for Allure: `environment.properties` in the results folder, which
 * Allure shows on its overview page (the checks themselves come from allure-playwright or allure-results.ts).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GALLERY_OF } from '../core/profile.js';
import { GALLERY_LABEL, verdictTitle } from './legend.js';
import type { ComplianceReport } from './model.js';

/** `key=value` with the characters .properties treats specially escaped. */
function property(key: string, value: string): string {
  const esc = (s: string, isKey: boolean): string => s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(isKey ? /[=: ]/g : /^ /, (c) => `\\${c}`);
  return `${esc(key, true)}=${esc(value, false)}`;
}

export function allureEnvironment(report: ComplianceReport): string {
  const galleries = report.galleries?.length
    ? report.galleries
    : [{ profile: report.profile ?? 'entra', gallery: GALLERY_OF[report.profile ?? 'entra'], verdict: report.verdict, checklist: report.gallery ?? [] }];
  const lines: string[] = [];
  for (const g of galleries) {
    lines.push(property(`Verdict ${g.gallery}`, verdictTitle(g.verdict, g.profile)));
    for (const item of g.checklist) lines.push(property(`${g.profile} ${item.id}`, `${GALLERY_LABEL[item.status]} — ${item.title}`));
  }
  return `${lines.join('\n')}\n`;
}

export function writeAllureEnvironment(report: ComplianceReport, resultsDir: string): void {
  writeFileSync(join(resultsDir, 'environment.properties'), allureEnvironment(report));
}
