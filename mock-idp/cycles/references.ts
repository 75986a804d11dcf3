/**
 * The reference processors (docs/entra-behaviour.md §4.5): memberships and managers flow once the objects they point at exist
 * in the target, always as target ids.
 */
import { userSource } from '../directory/source-view.js';
import { newObjectRun, objectLog, type CycleContext } from './context.js';
import { clearEscrow, failed } from './quarantine.js';
import type { Outcome } from './types.js';
import { evalContext, listOf, str } from './values.js';

/** Memberships of one provisioned group: adds and removes in batched PATCHes, using member target ids. */
export async function processMembers(ctx: CycleContext, groupId: string): Promise<Outcome> {
  const { dir, state, builder, mappings } = ctx.job;
  if (!mappings.group.members) return 'none';
  const link = state.link('group', groupId);
  const group = dir.getGroup(groupId);
  if (!link || !group) return 'none';
  const desired = new Map<string, string>();
  for (const m of dir.membersOf(groupId)) {
    const ml = state.link('user', m);
    if (ml && ml.state !== 'unmanaged') desired.set(m, ml.targetId);
  }
  const current = state.targetMembers(groupId);
  const add = [...desired.keys()].filter((m) => !current.has(m));
  const remove = [...current].filter((m) => !desired.has(m));
  if (add.length === 0 && remove.length === 0) {
    clearEscrow(ctx, 'group', groupId, 'members');
    return 'none';
  }
  const run = newObjectRun(ctx);
  run.step('referenceResolution', 'success', `${add.length} member(s) to add, ${remove.length} to remove`);
  const batch = mappings.settings.memberBatchSize;
  let added = 0;
  let removed = 0;
  const log = objectLog(ctx, run, { type: 'group', id: groupId, name: group.displayName });
  const logMembers: typeof log = (action, status, extra = {}) => {
    run.modified.push({ displayName: 'members', oldValue: null, newValue: `added ${added}, removed ${removed}` });
    log(action, status, { targetId: link.targetId, ...extra });
  };
  try {
    for (let i = 0; i < add.length; i += batch) {
      const part = add.slice(i, i + batch);
      await run.send(builder.addMembers(link.targetId, part.map((m) => desired.get(m) as string)), [200, 204], { byId: true, reference: true });
      state.recordMembers(groupId, part, []);
      added += part.length;
    }
    for (let i = 0; i < remove.length; i += batch) {
      const part = remove.slice(i, i + batch);
      const targets = part.map((m) => state.link('user', m)?.targetId).filter((t): t is string => t !== undefined);
      if (targets.length) await run.send(builder.removeMembers(link.targetId, targets), [200, 204], { byId: true, reference: true });
      state.recordMembers(groupId, [], part);
      removed += part.length;
    }
    run.step('export', 'success', `Added ${added} and removed ${removed} member(s)`);
    clearEscrow(ctx, 'group', groupId, 'members');
    logMembers('update', 'success');
    return 'reference';
  } catch (err) {
    return failed(ctx, 'group', groupId, 'members', err, run, (code, reason) => logMembers('update', 'failure', { errorCode: code, errorReason: reason }));
  }
}

/** The manager reference, once both users exist (§4.5): add/replace with the manager's target id, or remove. */
export async function processManager(ctx: CycleContext, userId: string): Promise<Outcome> {
  const { dir, state, builder, mappings, opts } = ctx.job;
  const mapping = mappings.user.manager;
  const link = state.link('user', userId);
  const user = dir.getUser(userId);
  if (!mapping || !link || link.state === 'unmanaged' || !user) return 'none';
  const facts = ctx.scope.userFacts(user);
  const source = str(mapping.evaluate(evalContext(userSource(user, facts), ctx.now)));
  const ml = source ? state.link('user', source) : undefined;
  const desired = ml && ml.state !== 'unmanaged' ? ml.targetId : null;
  // A manager out of scope is not fixed until a restart (§4.5): leave the target alone.
  if (source && !desired) return 'none';
  if (desired === link.managerTarget) {
    clearEscrow(ctx, 'user', userId, 'manager');
    return 'none';
  }
  const run = newObjectRun(ctx);
  run.modified.push({ displayName: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', oldValue: link.managerTarget, newValue: desired });
  const log = objectLog(ctx, run, { type: 'user', id: userId, name: user.displayName ?? user.userPrincipalName });
  try {
    if (desired && opts.referenceCheck) {
      const res = await run.send(builder.referenceCheck(link.targetId, desired), [200], { reference: true });
      if (listOf(res).length === 1) {
        state.setManagerTarget(userId, desired);
        return 'none';
      }
    }
    if (desired) await run.send(builder.setManager(link.targetId, desired, link.managerTarget ? 'replace' : 'add', mappings.settings.managerStyle), [200, 204], { byId: true, reference: true });
    else await run.send(builder.removeManager(link.targetId), [200, 204], { byId: true, reference: true });
    run.step('referenceResolution', 'success', desired ? `Set the manager to ${desired}` : 'Removed the manager');
    state.setManagerTarget(userId, desired);
    clearEscrow(ctx, 'user', userId, 'manager');
    log('update', 'success', { targetId: link.targetId });
    return 'reference';
  } catch (err) {
    return failed(ctx, 'user', userId, 'manager', err, run, (code, reason) => log('update', 'failure', { targetId: link.targetId, errorCode: code, errorReason: reason }));
  }
}
