/**
 * What the CYCLE-* checks share: a mock-IdP job on an in-memory state that sends through the check's recorded
 * client (every request is evidence) and journals what it creates for cleanup; Entra's default mapping adapted
 * to the run (matching attribute, manager, groups); small run-prefixed directories; read-back assertions.
 */
import { MANAGER_PATH } from '../../core/entra-default-mapping.js';
import type { Dialect } from '../../core/run-config.js';
import type { ScimResponse } from '../../core/client/scim-client.js';
import { readPath, toBoolean } from '../../core/filter/index.js';
import type {
  CompiledMappings, CycleSummary, Db, DirectoryGroup, DirectoryInput, DirectoryUser, MappingsInput, ProvisioningJob,
} from '../../mock-idp/index.js';
import { expectScim, fail } from '../_harness/index.js';
import type { CheckContext } from '../_harness/index.js';
import { emulator, type Emulator } from '../_harness/lazy.js';


/**
 * Entra's default non-gallery mapping as an admin would keep it for this endpoint: only targets the endpoint
 * declares (the attribute set), the run's matching attribute, and manager/groups only when tested.
 */
export function runMappings(ctx: CheckContext, idp: Emulator): CompiledMappings {
  const input: MappingsInput = idp.defaultMappingsInput();
  const matchOn = ctx.config.matchingAttribute === 'email' ? 'emails[type eq "work"].value' : ctx.config.matchingAttribute;
  const tested = input.user.attributes.filter((a) => a.target !== MANAGER_PATH || ctx.caps.managerNaReason === undefined);
  const declared = new Set(ctx.attrs.declared(tested.map((a) => a.target)));
  input.user.attributes = tested
    .filter((a) => declared.has(a.target) || a.target === matchOn)
    .map((a) => {
      const { matchingPrecedence: _drop, ...rest } = a;
      return a.target === matchOn ? { ...rest, matchingPrecedence: 1 } : rest;
    });
  if (input.group) input.group.enabled = ctx.caps.groupsNaReason === undefined;
  return idp.compileMappings(input, 'default mapping (adapted to the run)');
}

export interface Lifecycle {
  /** The emulator's front door, loaded (lazy.ts): its job API for what a check does beside the job's cycles. */
  idp: Emulator;
  job: ProvisioningJob;
  /** The IdP state (for on-demand provisioning, which runs its own job on it). */
  db: Db;
  mappings: CompiledMappings;
  groups: boolean;
  manager: boolean;
  /** Imports `dir` and runs one cycle inside a boxed step; any failed object fails the check. */
  sync(step: string, dir: DirectoryInput): Promise<CycleSummary>;
  /** Target id of a source object (fails the check when it was never provisioned). */
  targetId(type: 'user' | 'group', sourceId: string): string;
}

export async function lifecycle(ctx: CheckContext, dialect: Dialect, requirement: string): Promise<Lifecycle> {
  const idp = await emulator();
  const mappings = runMappings(ctx, idp);
  const db = idp.openDb(':memory:');
  const job = new idp.ProvisioningJob({
    db,
    client: ctx.scim,
    shareClient: true,
    mappings,
    dialect,
    baseUrl: ctx.config.url,
    concurrency: 4,
    onLinked: (type, targetId, name) => ctx.ledger.track(type === 'user' ? 'User' : 'Group', targetId, name),
  });
  return {
    idp,
    job,
    db,
    mappings,
    groups: ctx.caps.groupsNaReason === undefined,
    manager: ctx.caps.managerNaReason === undefined,
    sync: (step, dir) => ctx.step(step, async () => {
      job.importDirectory(dir);
      const s = await job.runCycle();
      if (s.failed > 0 || s.aborted) {
        const failures = job.provisioningLogs({ cycleId: s.cycleId, status: 'failure' })
          .map((l) => `${l.sourceIdentity.displayName} (${l.provisioningAction}): ${l.provisioningStatusInfo.errorInformation?.errorCode} ${l.provisioningStatusInfo.errorInformation?.reason}`);
        fail('SCIM_STATUS', `the ${s.kind} cycle could not provision ${s.failed} object(s)${s.aborted ? ` and stopped: ${s.aborted}` : ''}`, {
          expected: 'every request of the cycle answered with success',
          actual: failures.slice(0, 5).join('; ') || (s.aborted ?? ''),
          requirement,
        });
      }
      return s;
    }),
    targetId: (type, sourceId) => {
      const targetId = job.targetIdOf(type, sourceId);
      if (!targetId) fail('SCIM_MISSING', `${type} ${sourceId} was never provisioned`, { expected: 'a linked target object', actual: 'none', requirement });
      return targetId;
    },
  };
}

/** A run-prefixed directory of `n` Graph users (managers point at earlier users), nothing assigned yet. */
export async function directory(ctx: CheckContext, tag: string, n: number): Promise<{ prefix: string; users: DirectoryUser[] }> {
  const prefix = `${ctx.config.runPrefix}${tag}${ctx.data.guid().slice(0, 4)}-`;
  const generate = await (await emulator()).loadDirectoryGenerator();
  return { prefix, users: generate({ users: n, groups: 0, seed: ctx.config.seed, prefix }).users };
}

/** The users without their manager references (for checks about other things). */
export function withoutManagers(users: DirectoryUser[]): DirectoryUser[] {
  return users.map(({ manager: _manager, ...u }) => u);
}

export function group(prefix: string, name: string, members: DirectoryUser[]): DirectoryGroup {
  return { id: `${prefix}${name}`, displayName: `${prefix}${name}`, securityEnabled: true, members: members.map((m) => m.id) };
}

export const copy = (d: DirectoryInput): DirectoryInput => JSON.parse(JSON.stringify(d)) as DirectoryInput;

/** Entra's matching query for a user, read back: the resources it returns. */
export async function findUser(ctx: CheckContext, lc: Lifecycle, user: DirectoryUser, requirement: string): Promise<{ res: ScimResponse; found: Array<Record<string, unknown>> }> {
  const attr = lc.mappings.user.matching[0]?.target ?? 'userName';
  const values = lc.idp.evaluateMappings(lc.mappings.user, { get: lc.idp.userSource(user, { isSoftDeleted: false, appRoles: [] }), now: () => new Date() }, { create: true });
  const res = await ctx.scim.send(ctx.entra.findUser(attr, String(values[attr])));
  const found = expectScim(res, requirement).toHaveStatus(200).resources();
  return { res, found };
}

export async function getUser(ctx: CheckContext, id: string, requirement: string): Promise<{ res: ScimResponse; user: Record<string, unknown> }> {
  const res = await ctx.scim.send(ctx.entra.getUser(id));
  return { res, user: expectScim(res, requirement).toHaveStatus(200).json() };
}

/** Booleans and "True"/"False" compare as one value; anything else as its JSON. */
const norm = (v: unknown): string => {
  const b = toBoolean(v);
  return b !== undefined ? String(b) : JSON.stringify(v) ?? 'undefined';
};

/** The target user holds every mapped value of the source user (and the manager, when mapped). */
export function expectMappedValues(lc: Lifecycle, source: DirectoryUser, target: Record<string, unknown>, res: ScimResponse, requirement: string, opts: { active?: boolean } = {}): void {
  const values = lc.idp.evaluateMappings(lc.mappings.user, { get: lc.idp.userSource(source, { isSoftDeleted: opts.active === false, appRoles: [] }), now: () => new Date() }, { create: true });
  for (const [path, v] of Object.entries(values)) {
    if (v === null || v === undefined || v === '') continue;
    const actual = readPath(target, path);
    if (norm(actual) !== norm(v)) {
      fail('SCIM_VALUE', `${source.userPrincipalName}: ${path} did not reach the target`, { expected: JSON.stringify(v), actual: JSON.stringify(actual), res, requirement });
    }
  }
  if (lc.manager && source.manager) {
    const want = lc.job.targetIdOf('user', source.manager);
    const got = lc.idp.managerIdOf(target);
    if (want && got !== want) fail('SCIM_VALUE', `${source.userPrincipalName}: the manager did not reach the target`, { expected: want, actual: String(got), res, requirement });
  }
}

/** GET /Groups/{id} with members: the member ids the target holds. */
export async function groupMembers(ctx: CheckContext, id: string, requirement: string): Promise<{ res: ScimResponse; members: string[] }> {
  const res = await ctx.scim.send(ctx.entra.getGroup(id, { excludeMembers: false }));
  const body = expectScim(res, requirement).toHaveStatus(200).json();
  const members = Array.isArray(body.members) ? (body.members as Array<{ value?: unknown }>).map((m) => String(m.value)) : [];
  return { res, members: members.sort() };
}

export function expectSameSet(what: string, actual: string[], expected: string[], res: ScimResponse, requirement: string): void {
  const a = [...actual].sort();
  const e = [...expected].sort();
  if (JSON.stringify(a) !== JSON.stringify(e)) fail('SCIM_VALUE', what, { expected: e.join(', ') || '(none)', actual: a.join(', ') || '(none)', res, requirement });
}

