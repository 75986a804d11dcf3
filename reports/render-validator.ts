/**
 * validator-results.json: this run's checks in the Microsoft SCIM Validator's result-file shape (docs/entra-behaviour.md §5.4),
 * one test per validator test a check names as counterpart (`MSV 2: …`, `MSV P3: …`). It is a prediction of what
 * the validator would say, and says so in WarningMessage: Microsoft asks for a real validator run.
 */
import { createHash } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Exchange } from '../core/evidence.js';
import type { ComplianceReport, ReportCheck } from './model.js';

interface ValidatorTest { name: string; description: string; preview: boolean }

/** docs/entra-behaviour.md §5.3: scored tests 1–24 (Category 0) and preview tests P1–P7 (Category 1). */
const INVENTORY: Record<string, ValidatorTest> = Object.fromEntries(([
  ['1', 'POST /Users', 'Create a new User'],
  ['2', 'POST /Users', 'Create a duplicate User'],
  ['3', 'Get /Users filter', 'Filter for an existing user'],
  ['4', 'Get /Users filter', 'Filter for a non-existing user'],
  ['5', 'Get /Users filter', 'Filter for an existing user with a different case'],
  ['6', 'PATCH /Users/Id', 'Patch User - Replace Attributes'],
  ['7', 'PATCH /Users/Id', 'Update User userName'],
  ['8', 'PATCH /Users/Id', 'Patch User - Disable User'],
  ['9', 'PATCH /Users/Id', 'Patch User - Add Manager'],
  ['10', 'PATCH /Users/Id', 'Patch User - Replace Manager'],
  ['11', 'PATCH /Users/Id', 'Patch User - Remove Manager'],
  ['12', 'DELETE /Users/Id', 'Delete a User'],
  ['13', 'GET /Groups/Id', 'Get group by id excluding members'],
  ['14', 'Get /Groups filter', 'Filter for an existing group by displayName excluding members'],
  ['15', 'Get /Groups filter', 'Filter for an existing group'],
  ['16', 'Get /Groups filter', 'Filter for a non-existing group'],
  ['17', 'Get /Groups filter', 'Filter for an existing group with a different case'],
  ['18', 'POST /Groups', 'Create a new Group'],
  ['19', 'POST /Groups', 'Create a duplicate Group'],
  ['20', 'PATCH /Groups/Id', 'Patch Group - Replace Attributes'],
  ['21', 'PATCH /Groups/Id', 'Update Group displayName'],
  ['22', 'PATCH /Groups/Id', 'Patch Group - Add Member'],
  ['23', 'PATCH /Groups/Id', 'Patch Group - Remove Member'],
  ['24', 'DELETE /Groups/Id', 'Delete a Group'],
  ['P1', 'PATCH /Users/Id', 'Patch User - Multiple Operations on different attributes'],
  ['P2', 'PATCH /Users/Id', 'Patch User - Multiple Operations on same attribute'],
  ['P3', 'DELETE /Users/Id', 'Delete a non-existent User'],
  ['P4', 'DELETE /Users/Id', 'Delete the same User twice'],
  ['P5', 'PATCH /Groups/Id', 'Patch Group - Multiple Operations on same attribute'],
  ['P6', 'DELETE /Groups/Id', 'Delete a non-existent Group'],
  ['P7', 'DELETE /Groups/Id', 'Delete the same Group twice'],
] as const).map(([key, name, description]) => [key, { name, description, preview: key.startsWith('P') }]));

/** The validator-test key a counterpart names (`MSV 2: …` → `2`), if it names one we know. */
export function validatorKey(counterpart: string): string | undefined {
  const key = /^MSV\s+(P?\d+)\b/i.exec(counterpart)?.[1]?.toUpperCase();
  return key !== undefined && key in INVENTORY ? key : undefined;
}

/** .NET HttpStatusCode style, as the validator prints it: "404 NotFound". */
function statusText(status: number): string {
  return `${status} ${(STATUS_CODES[status] ?? 'Unknown').replace(/[^A-Za-z]/g, '')}`;
}

function body(value: unknown): string {
  return value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
}

/** The validator's raw request text: `<METHOD> <url> 1.1\r\nHost: …\r\n<headers>\r\n<body>\r\n`. */
function rawRequest(e: Exchange): string {
  let host = '';
  try {
    host = new URL(e.request.url).host;
  } catch {
    // A relative or odd URL: leave Host empty rather than guess.
  }
  // The validator's captures carry only Host and Content-Type (docs/entra-behaviour.md §5.3).
  const headers = Object.entries(e.request.headers).filter(([k]) => k.toLowerCase() === 'content-type').map(([, v]) => `Content-Type: ${v}\r\n`).join('');
  return `${e.request.method} ${e.request.url} 1.1\r\nHost: ${host}\r\n${headers}${body(e.request.body)}\r\n`;
}

function guid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

type Bucket = 'PassedTests' | 'FailedTests' | 'Warnings' | 'PreviewTests';

export function renderValidator(report: ComplianceReport): string {
  const byKey = new Map<string, ReportCheck[]>();
  for (const c of report.checks) {
    for (const key of new Set((c.counterparts ?? []).map(validatorKey).filter((k): k is string => k !== undefined))) {
      byKey.set(key, [...(byKey.get(key) ?? []), c]);
    }
  }
  let nextId = 1;
  const ref = (): string => String(nextId++);
  const rootId = ref();
  const dataId = ref();
  const buckets: Record<Bucket, unknown[]> = { PassedTests: [], FailedTests: [], Warnings: [], PreviewTests: [] };
  let scoredFailed = false;

  for (const [key, test] of Object.entries(INVENTORY)) {
    // A test whose checks were all n/a (manager not mapped, groups off) is not run by the validator either.
    const checks = (byKey.get(key) ?? []).filter((c) => c.status !== 'na');
    if (checks.length === 0) continue;
    // The validator knows no waivers, blocked or errored tests: anything but a judged success fails.
    const passed = checks.every((c) => c.status === 'pass' || c.status === 'info' || c.status === 'warn');
    const warned = passed && checks.some((c) => c.status === 'warn');
    const exchanges = checks[0]?.exchanges ?? [];
    const last = exchanges[exchanges.length - 1];
    const initial = exchanges.slice(0, -1);
    const entry = {
      $id: ref(),
      Description: test.description,
      Name: test.name,
      Results: checks.map((c) => ({
        $id: ref(),
        Message: c.status === 'pass' || c.status === 'info' ? `${c.title}: passed` : `${c.title}: ${c.message ?? c.status}`,
        Outcome: c.status === 'pass' || c.status === 'info' || c.status === 'warn' ? 0 : 1,
        MoreInformation: c.hint ?? null,
      })),
      ResponseHeaders: last?.response ? Object.entries(last.response.headers).map(([k, v]) => `${k}: ${v}`).join('\r\n') : null,
      ResponseStatus: last?.response ? statusText(last.response.status) : null,
      ResponseBody: last?.response ? body(last.response.body) : null,
      InitialRequestBodies: initial.map(rawRequest),
      InitialResponseStatuses: initial.map((e) => (e.response ? statusText(e.response.status) : (e.error?.code ?? ''))),
      InitialResponses: initial.map((e) => body(e.response?.body)),
      RequestBody: last ? rawRequest(last) : null,
      SFComplianceOptional: test.preview,
      HasTestPassed: passed,
      TestexecutionTime: checks.reduce((sum, c) => sum + c.durationMs, 0),
      Category: test.preview ? 1 : 0,
    };
    if (test.preview) buckets.PreviewTests.push(entry);
    else if (!passed) {
      scoredFailed = true;
      buckets.FailedTests.push(entry);
    } else buckets[warned ? 'Warnings' : 'PassedTests'].push(entry);
  }

  const correlationId = guid(`${report.startedAt} ${report.target.url}`);
  const result = {
    results: {
      $id: rootId,
      data: {
        $id: dataId,
        CorrelationId: correlationId,
        InvalidCredentials: false,
        Message: null,
        WarningMessage: `Predicted by ${report.tool.name} ${report.tool.version} from its own run against ${report.target.url}; this is not a Microsoft SCIM Validator result.`,
        ErrorTrace: null,
        SFComplianceFailed: scoredFailed,
        ...buckets,
      },
      message: null,
      errorTrace: null,
      success: true,
      correlationId,
      timestamp: report.startedAt,
    },
  };
  return `${JSON.stringify(result, null, 2)}\n`;
}
