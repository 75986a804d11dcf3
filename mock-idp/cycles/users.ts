/**
 * The user processor: what one cycle does with one source user (docs/entra-behaviour.md §4.1, §4.4) — skip it, match and link
 * or create it, update it, disable it when it leaves scope, delete it — and the reference work that follows
 * (memberships of its groups, managers of its reports).
 */
import { OperationFailure, type ErrorCode } from '../escrow/error-codes.js';
import type { DirectoryUser } from '../directory/types.js';
import { userSource } from '../directory/source-view.js';
import { evaluateMappings } from '../mappings/mappings.js';
import { diffForPatch } from '../request-builder.js';
import { buildResource, type MappedValues } from '../scim-paths.js';
import { newObjectRun, objectLog, type CycleContext, type ObjectLog } from './context.js';
import { DELETIONS, type ScopeFacts } from './decide.js';
import { match } from './matching.js';
import type { ObjectRun } from './object-run.js';
import { patch } from './patching.js';
import { clearEscrow, failed, stageDeletion } from './quarantine.js';
import type { Link } from './state.js';
import type { Outcome } from './types.js';
import { evalContext, managerIdOf, str } from './values.js';

export async function processUser(ctx: CycleContext, id: string): Promise<Outcome> {
  const { dir, state, builder } = ctx.job;
  const user = dir.getUser(id);
  const link = state.link('user', id);
  const facts = user ? ctx.scope.userFacts(user) : undefined;
  const decision = ctx.scope.decideUser(user, link, facts);
  if (decision === 'none') return 'none';
  const name = user?.displayName ?? user?.userPrincipalName ?? id;
  const run = newObjectRun(ctx);
  run.step('import', 'success', user ? `Retrieved user ${user.userPrincipalName} from the source` : 'The user was hard-deleted in the source');
  if (facts) run.step('scoping', facts.inScope ? 'success' : 'skipped', `The user is ${facts.reason}`, { assigned: String(facts.assigned), scopingFilters: String(facts.passesFilters), accountEnabled: String(facts.enabled) });
  const log = objectLog(ctx, run, { type: 'user', id, name });
  const skip = (reason: string, code: ErrorCode = 'EntrySynchronizationSkipped'): Outcome => {
    // In incremental cycles Entra only logs what changed; initial cycles log every evaluated object.
    // Initial cycles only read assigned objects (§4.1), so unassigned users leave no trace there.
    if (!ctx.initial || link || decision !== 'skipOutOfScope' || facts?.assigned) log('other', 'skipped', { ...(link ? { targetId: link.targetId } : {}), errorCode: code, errorReason: reason });
    return 'skipped';
  };
  if (ctx.stage && DELETIONS.has(decision)) return stageDeletion(ctx, 'user', id, name, link, run);
  try {
    switch (decision) {
      case 'skipOutOfScope': return skip(`Not provisioned: the user is ${facts?.reason}`);
      case 'skipDisabled': return skip('Not provisioned: the user is disabled or soft-deleted in the source (Entra does not provision disabled users)');
      case 'skipUnmanaged': return skip('The user left scope earlier and is no longer managed');
      case 'skipOutOfScopeDeletions': return skip('Out of scope, not disabled: SkipOutOfScopeDeletions is set');
      case 'skipNoActiveMapping': return skip('Out of scope, nothing sent: no mapping targets active');
      case 'skipDeleteAction': {
        state.dropLink('user', id);
        return skip('Hard-deleted in the source; the Delete target object action is off');
      }
      case 'forget': {
        state.dropLink('user', id);
        return skip('Hard-deleted after leaving scope: the user is no longer managed, nothing sent');
      }
      case 'markUnmanaged': {
        state.setLinkState('user', id, 'unmanaged');
        touchMemberships(ctx, id);
        return skip('Left scope while already inactive in the target: no longer managed');
      }
      case 'delete': {
        const l = link as Link;
        run.step('export', 'success', `DELETE /Users/${l.targetId}`);
        await run.send(builder.deleteUser(l.targetId), [200, 204, 404], { byId: true });
        touchMemberships(ctx, id);
        state.dropLink('user', id);
        clearEscrow(ctx, 'user', id, 'object');
        log('delete', 'success', { targetId: l.targetId });
        return 'deleted';
      }
      case 'deprovision': {
        const l = link as Link;
        run.modified.push({ displayName: 'active', oldValue: 'True', newValue: 'False' });
        await run.send(builder.setActive(l.targetId, false), [200, 204], { byId: true });
        run.step('export', 'success', 'Disabled the user: it left scope');
        state.setLinkState('user', id, 'unmanaged');
        touchMemberships(ctx, id);
        clearEscrow(ctx, 'user', id, 'object');
        log('disable', 'success', { targetId: l.targetId });
        return 'disabled';
      }
      case 'provision':
        return await provisionUser(ctx, run, user as DirectoryUser, facts as ScopeFacts, log);
      default:
        return await updateUser(ctx, run, user as DirectoryUser, facts as ScopeFacts, link as Link, log);
    }
  } catch (err) {
    return failed(ctx, 'user', id, 'object', err, run, (code, reason) => log(decision === 'delete' ? 'delete' : decision === 'deprovision' || decision === 'disable' ? 'disable' : link ? 'update' : 'create', 'failure', { ...(link ? { targetId: link.targetId } : {}), errorCode: code, errorReason: reason }));
  }
}

function userValues(ctx: CycleContext, user: DirectoryUser, facts: ScopeFacts, create: boolean): MappedValues {
  return evaluateMappings(ctx.job.mappings.user, evalContext(userSource(user, facts), ctx.now), { create });
}

/** A user with no link (or an unmanaged one back in scope): match it, else create it. */
async function provisionUser(ctx: CycleContext, run: ObjectRun, user: DirectoryUser, facts: ScopeFacts, log: ObjectLog): Promise<Outcome> {
  const { state, builder, mappings, opts } = ctx.job;
  const values = userValues(ctx, user, facts, true);
  const matched = await match(ctx, run, 'user', values, (attr, v) => builder.findUser(attr, v));
  if (matched === 'skipped') {
    log('other', 'skipped', { errorCode: 'ImportSkipped', errorReason: 'The user has no value for any matching attribute' });
    return 'skipped';
  }
  if (matched) {
    const targetId = String(matched.id);
    state.setLink('user', user.id, { targetId, state: 'active', managerTarget: managerIdOf(matched) });
    opts.onLinked?.('user', targetId, user.userPrincipalName);
    const changes = diffForPatch(matched, userValues(ctx, user, facts, false));
    const outcome = await patch(run, changes, matched, (c) => builder.updateUser(targetId, c), { byId: true });
    state.setLinkState('user', user.id, facts.enabled || !mappings.user.hasActive ? 'active' : 'disabled');
    afterProvision(ctx, user.id);
    log(outcome === 'unchanged' ? 'other' : 'update', outcome === 'unchanged' ? 'skipped' : 'success', { targetId, ...(outcome === 'unchanged' ? { errorCode: 'EntrySynchronizationSkipped' as const, errorReason: 'Matched an existing user whose values already match' } : {}) });
    return outcome;
  }
  if (!mappings.user.actions.create) {
    log('other', 'skipped', { errorCode: 'EntrySynchronizationSkipped', errorReason: 'No match, and the Create target object action is off' });
    return 'skipped';
  }
  const resource = buildResource(values);
  if (typeof resource.userName !== 'string') throw new OperationFailure('MandatoryFieldsMissing', 'no value for userName: the mapping of userName yielded nothing');
  const res = await run.send(builder.createUser(resource as { userName: string }), [200, 201]);
  const targetId = (res.body as { id?: unknown } | undefined)?.id;
  if (typeof targetId !== 'string' || !targetId) throw new OperationFailure('SystemForCrossDomainIdentityManagementServiceIncompatible', `POST /Users answered ${res.status} without an id`);
  state.setLink('user', user.id, { targetId, state: 'active', managerTarget: null });
  opts.onLinked?.('user', targetId, user.userPrincipalName);
  for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined && v !== '') run.modified.push({ displayName: k, oldValue: null, newValue: str(v) });
  run.step('export', 'success', `Created the user (POST /Users → ${res.status})`);
  afterProvision(ctx, user.id);
  clearEscrow(ctx, 'user', user.id, 'object');
  log('create', 'success', { targetId });
  return 'created';
}

/** A linked user: read it from the target and PATCH what differs (active=false alone is a disable). */
async function updateUser(ctx: CycleContext, run: ObjectRun, user: DirectoryUser, facts: ScopeFacts, link: Link, log: ObjectLog): Promise<Outcome> {
  const { state, builder, mappings } = ctx.job;
  const res = await run.send(builder.getUser(link.targetId), [200], { byId: true });
  const current = res.body as Record<string, unknown>;
  run.step('matching', 'success', `Read the linked user ${link.targetId} from the target`);
  if (!mappings.user.actions.update) {
    log('other', 'skipped', { targetId: link.targetId, errorCode: 'EntrySynchronizationSkipped', errorReason: 'The Update target object action is off' });
    return 'skipped';
  }
  const changes = diffForPatch(current, userValues(ctx, user, facts, false));
  const outcome = await patch(run, changes, current, (c) => builder.updateUser(link.targetId, c), { byId: true });
  const linkState = facts.enabled || !mappings.user.hasActive ? 'active' : 'disabled';
  if (linkState !== link.state) {
    state.setLinkState('user', user.id, linkState);
    touchMemberships(ctx, user.id);
  }
  state.setManagerTarget(user.id, managerIdOf(current));
  if (link.state === 'unmanaged') afterProvision(ctx, user.id);
  clearEscrow(ctx, 'user', user.id, 'object');
  const onlyDisable = changes.length > 0 && changes.every((c) => c.path === 'active') && linkState === 'disabled';
  if (outcome === 'unchanged') log('other', 'skipped', { targetId: link.targetId, errorCode: 'EntrySynchronizationSkipped', errorReason: 'Source and target already match' });
  else log(onlyDisable ? 'disable' : 'update', 'success', { targetId: link.targetId });
  return outcome === 'updated' && onlyDisable ? 'disabled' : outcome;
}

/** A created, matched or restored user: its groups' memberships and its reports' managers need a look. */
function afterProvision(ctx: CycleContext, userId: string): void {
  if (ctx.initial) return;
  touchMemberships(ctx, userId);
  ctx.managerUsers.add(userId);
  for (const r of ctx.job.dir.reportsOf(userId)) ctx.managerUsers.add(r);
}

function touchMemberships(ctx: CycleContext, userId: string): void {
  if (ctx.initial) return;
  for (const g of ctx.job.dir.groupsOf(userId)) ctx.membershipGroups.add(g);
  for (const g of ctx.job.state.groupsWithMember(userId)) ctx.membershipGroups.add(g);
}
