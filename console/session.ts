/**
 * What one console process holds over its state file: the admin credentials (the tenant URL in the state, the
 * secret token in this process's memory only), the mappings in force, and the cycle running now with its
 * progress. Every action builds the same ProvisioningJob the CLI builds, so the page and `idp sync` agree.
 */
import { DEFAULT_TIMEOUT_MS } from '../core/client/defaults.js';
import { createAgent, createScimClient, type ScimClient } from '../core/client/scim-client.js';
import { staticToken } from '../core/client/oauth.js';
import type { Dialect } from '../core/run-config.js';
import { createRedactor, type Redactor } from '../core/redact.js';
import {
  DEFAULT_CONCURRENCY, jobMappings, jobStatus, ProvisioningJob, restartJob, saveMappings,
  type CompiledMappings, type CycleSummary, type Db, type JobMappings, type JobOptions, type MappingsInput, type Progress,
} from '../mock-idp/index.js';
import { ConsoleError } from './errors.js';
import { cycleProgress, type RunView } from './progress.js';

export interface ConsoleOptions {
  db: Db;
  /** The state file's name, shown on the page. */
  stateName: string;
  /** Admin credentials to start with (from --url/--token or SCIM_URL/SCIM_TOKEN); the page can change them. */
  tenantUrl?: string;
  token?: string;
  concurrency?: number;
  timeoutMs?: number;
  /** Every secret the process knows already (the CLI's redactor): the token typed into the page joins them. */
  redactor?: Redactor;
}

/** The state key holding the tenant URL: not a secret (a URL with credentials in it is refused). */
const TENANT_URL_KEY = 'consoleTenantUrl';

export class ConsoleSession {
  readonly db: Db;
  readonly stateName: string;
  readonly redactor: Redactor;
  private token: string | undefined;
  private readonly opts: ConsoleOptions;
  private run: { controller: AbortController; progress: Progress | undefined; kind: 'initial' | 'incremental'; startedAt: number; done: Promise<void> } | undefined;
  private lastError: string | undefined;

  constructor(opts: ConsoleOptions) {
    this.opts = opts;
    this.db = opts.db;
    this.stateName = opts.stateName;
    this.redactor = opts.redactor ?? createRedactor();
    jobStatus(this.db); // creates the state's tables on a new file, so every read below finds them
    if (opts.tenantUrl) this.setCredentials(opts.tenantUrl, opts.token);
    else if (opts.token) this.setToken(opts.token);
  }

  // --- credentials -------------------------------------------------------------------------------------------

  tenantUrl(): string | undefined {
    return this.db.prepare<[string], string>('SELECT value FROM job WHERE key = ?').pluck().get(TENANT_URL_KEY);
  }
  hasToken(): boolean {
    return this.token !== undefined;
  }

  /** Saves the tenant URL (in the state) and, when given, the token (in memory: the state file stores no secret). */
  setCredentials(url: string, token?: string): void {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new ConsoleError('CONSOLE_BAD_INPUT', `the tenant URL ${JSON.stringify(url)} is not a URL: expected e.g. https://api.example.com/scim/v2`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ConsoleError('CONSOLE_BAD_INPUT', `the tenant URL must be http or https, not ${parsed.protocol}`);
    if (parsed.username || parsed.password) throw new ConsoleError('CONSOLE_BAD_INPUT', 'the tenant URL carries a user name or password: put the credential in the Secret Token field instead');
    this.db.prepare('INSERT INTO job (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(TENANT_URL_KEY, parsed.toString());
    if (token !== undefined && token !== '') this.setToken(token);
  }

  private setToken(token: string): void {
    this.redactor.addSecret(token);
    this.token = token;
  }

  // --- mappings -----------------------------------------------------------------------------------------------

  /** The job's mappings: those saved in the state (by this page or an `idp` command's --mappings), else Entra's default. */
  mappings(): JobMappings {
    return jobMappings(this.db);
  }

  saveMappings(input: MappingsInput): CompiledMappings {
    this.assertIdle('save mappings');
    return saveMappings(this.db, input);
  }

  // --- jobs ---------------------------------------------------------------------------------------------------

  /** The options of a job against the saved target: what the CLI's --url/--token give `idp sync`; the same mappings. */
  jobOptions(o: { shareClient?: boolean } = {}): JobOptions & { client: ScimClient } {
    const url = this.tenantUrl();
    if (!url) throw new ConsoleError('CONSOLE_NO_CREDENTIALS', 'no tenant URL yet: enter it under Admin credentials');
    if (this.token === undefined) throw new ConsoleError('CONSOLE_NO_CREDENTIALS', 'no secret token in this console session: enter it under Admin credentials (it is kept in memory only, so a restarted console asks again)');
    const flagged = new URL(url).searchParams.has('aadOptscim062020');
    const dialect: Dialect = flagged ? 'aadOptscim062020' : 'default';
    const concurrency = this.opts.concurrency ?? DEFAULT_CONCURRENCY;
    const client = createScimClient({
      baseUrl: url,
      token: staticToken(this.token),
      secrets: [this.token],
      redactor: this.redactor,
      timeoutMs: this.opts.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      dispatcher: createAgent({ connections: concurrency }),
    });
    return {
      db: this.db,
      client,
      mappings: this.mappings().compiled,
      dialect,
      concurrency,
      baseUrl: client.baseUrl,
      ...(o.shareClient ? { shareClient: true } : {}),
    };
  }

  job(o: { shareClient?: boolean; onProgress?: (p: Progress) => void } = {}): ProvisioningJob {
    return new ProvisioningJob({ ...this.jobOptions(o), ...(o.onProgress ? { onProgress: o.onProgress } : {}) });
  }

  running(): boolean {
    return this.run !== undefined;
  }

  /** Refuses what would race the running cycle on the same state. */
  assertIdle(what: string): void {
    if (this.run) throw new ConsoleError('CONSOLE_BUSY', `a cycle is running: stop it or wait for it to finish before you ${what}`);
  }

  /** Starts a cycle in the background (Start provisioning, or Allow deletes); the overview polls its progress. */
  startCycle(o: { allowDeletes?: boolean } = {}): void {
    this.assertIdle('start another cycle');
    const controller = new AbortController();
    const job = this.job({ onProgress: (p) => { if (this.run) this.run.progress = p; } });
    const kind = job.nextCycleKind();
    this.lastError = undefined;
    const done = job.runCycle({ allowDeletes: o.allowDeletes ?? false, signal: controller.signal })
      .then((_: CycleSummary) => undefined, (err: unknown) => {
        this.lastError = this.redactor.text(err instanceof Error ? err.message : String(err));
      })
      .finally(() => { this.run = undefined; });
    this.run = { controller, progress: undefined, kind, startedAt: Date.now(), done };
  }

  /** Restart provisioning (docs/entra-behaviour.md §4.1): clears watermark, escrow and quarantine, as `idp restart` does. */
  restart(reset: boolean): void {
    this.assertIdle('restart provisioning');
    restartJob(this.db, reset);
  }

  /** Stop provisioning: the running cycle ends between objects; its watermark stays, nothing is quarantined. */
  stop(): boolean {
    if (!this.run) return false;
    this.run.controller.abort();
    return true;
  }

  /** Waits for the running cycle, if any (tests and shutdown). */
  async settled(): Promise<void> {
    await this.run?.done;
  }

  runView(): RunView | undefined {
    if (!this.run) return undefined;
    return { kind: this.run.kind, startedAt: new Date(this.run.startedAt).toISOString(), stopping: this.run.controller.signal.aborted, ...cycleProgress(this.run.progress) };
  }

  /** Why the last cycle this console started could not run (a disabled job, an unreachable target), if it could not. */
  lastRunError(): string | undefined {
    return this.lastError;
  }
}
