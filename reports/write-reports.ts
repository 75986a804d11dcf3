/** Writes every report format into the output folder. The only file-writing step of the report stage. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComplianceReport } from './model.js';
import { renderJson } from './render-json.js';

export const REPORT_FILES = {
  json: 'compliance.json',
} as const;

/** Returns the paths written. */
export function writeReports(report: ComplianceReport, outDir: string): string[] {
  mkdirSync(outDir, { recursive: true });
  const files: [string, string][] = [[REPORT_FILES.json, renderJson(report)]];
  return files.map(([name, text]) => {
    const path = join(outDir, name);
    writeFileSync(path, text);
    return path;
  });
}
