/**
 * The mock IdP's front door: everything other folders may use of the Entra provisioning emulator. suites/, cli/,
 * bench/ and reports/ import mock-idp through this file only (or through request-shapes.ts, for the request shapes
 * alone); tests/ may reach past it to unit-test a module.
 *
 * - Entra's request shapes (the request builder, both PATCH dialects) and the SCIM path helpers they rest on.
 * - Okta's request shapes (okta/requests.ts; OIN and App Integration Wizard modes, PUT or PATCH profile updates)
 *   and Okta's provisioning job on the same state (okta/job.ts: Test API Credentials, import, sync).
 * - The job API: a ProvisioningJob on a state file and a target — test connection, run cycle, provision on
 *   demand, links and logs — and what the state file answers without a target (import, status, restart, logs).
 * - The directory and the attribute mappings a job reads; the job's mappings saved in the state (job-mappings.ts).
 * - Paged reads and single edits for a user interface (browse.ts, preview.ts; the provisioning console uses them).
 */

// Entra's and Okta's request shapes (also a front door of their own, for what loads them without the emulator)
export * from './request-shapes.js';

// Okta's provisioning: the job (okta/README.md)
export { OktaProvisioningJob } from './okta/job.js';
export type { OktaJobOptions } from './okta/context.js';
export type { ImportCounts, OktaImportResult } from './okta/import.js';

// The job API
export { ProvisioningJob } from './cycles/job.js';
export type { CycleSummary, JobOptions, Outcome, Progress, TestConnectionResult } from './cycles/types.js';
export { managerIdOf } from './cycles/values.js';
export { provisionOnDemand, type OnDemandResult, type OnDemandSubject } from './on-demand.js';
export {
  editDirectory, importDirectory, jobStatus, nextCycleKind, readLogs, restartJob,
  type DirectoryEdit, type JobStatus, type LogSelection,
} from './state-file.js';
export { adoptMappingsFile, jobMappings, savedMappings, saveMappings, type JobMappings } from './job-mappings.js';
export { STOPPED } from './cycles/cycle.js';
export { DEFAULT_CONCURRENCY } from './cycles/pool.js';
export { openDb, type Db } from './db.js';
export { renderLogs, type LogFormat } from './logs/export.js';
export type { LogFilter, ProvisioningAction, ProvisioningObjectSummary, ProvisioningStatus } from './logs/store.js';
export type { RateLimitMode } from './escrow/rate-limit.js';
export { parseDuration } from './escrow/schedule.js';

// Paged reads and single edits for a user interface
export { directoryPage, groupMembers, logPage, selectLogs, MAX_PAGE, type DirectoryPageQuery, type DirectoryRow } from './browse.js';
export { previewAttribute, type PreviewResult } from './preview.js';
export { ON_DEMAND_MAX_MEMBERS } from './on-demand.js';
export { OPERATORS as SCOPING_OPERATORS } from './scoping/filter.js';

// The directory and the mappings
export { readDirectoryFile } from './directory/directory-file.js';
export { readCsvDirectory } from './directory/csv-file.js';
export { readJsonDirectory } from './directory/json-file.js';
export { writeJsonDirectory } from './directory/json-file.js';
export { loadDirectoryGenerator } from './directory/load-generator.js';
export type { GenerateOptions } from './directory/generate.js';
export type { ImportSummary } from './directory/store.js';
export type { DirectoryGroup, DirectoryInput, DirectoryUser } from './directory/types.js';
export { userSource } from './directory/source-view.js';
export {
  compileMappings, defaultMappingsInput, evaluateMappings, loadMappings, DEFAULT_MAPPINGS_FILE,
  type AttributeMappingInput, type CompiledMappings, type MappingsInput,
} from './mappings/mappings.js';
