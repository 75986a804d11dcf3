/** compliance.json: the report model itself, pretty-printed so diffs in CI artefacts stay readable. */
import type { ComplianceReport } from './model.js';

export function renderJson(report: ComplianceReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** Reads a compliance.json back; rejects files that are not schemaVersion 1 reports. */
export function parseReport(text: string, source: string): ComplianceReport {
  const data = JSON.parse(text) as Partial<ComplianceReport>;
  if (data.schemaVersion !== 1 || !Array.isArray(data.requirements) || !Array.isArray(data.checks)) {
    throw new Error(`${source} is not a scim-conform compliance.json (schemaVersion 1)`);
  }
  return data as ComplianceReport;
}
