/**
 * The group processor: what one cycle does with one source group (docs/entra-behaviour.md §4.1) — skip it, match and link or
 * create it without members (they follow as references), update it, delete it.
 */
import { OperationFailure } from '../escrow/error-codes.js';
import type { DirectoryGroup } from '../directory/types.js';
import { groupSource } from '../directory/source-view.js';
import { evaluateMappings } from '../mappings/mappings.js';
import { diffForPatch } from '../request-builder.js';
import { newObjectRun, objectLog, type CycleContext } from './context.js';
import { DELETIONS } from './decide.js';
import { match } from './matching.js';
import { patch } from './patching.js';
import { clearEscrow, failed, stageDeletion } from './quarantine.js';
import type { Link } from './state.js';
import type { Outcome } from './types.js';
import { evalContext, str } from './values.js';

export async function processGroup(ctx: CycleContext, id: string): Promise<Outcome> {
  const { dir, state, builder, mappings, opts } = ctx.job;
  const group = dir.getGroup(id);
  const link = state.link('group', id);
  const decision = ctx.scope.decideGroup(group, link);
  if (decision === 'none' || decision === 'skipDisabledMapping') return 'none';
  const name = group?.displayName ?? id;
  const run = newObjectRun(ctx);
  run.step('import', 'success', group ? `Retrieved group ${name} from the source` : 'The group was deleted in the source');
  const log = objectLog(ctx, run, { type: 'group', id, name });
  if (ctx.stage && DELETIONS.has(decision)) return stageDeletion(ctx, 'group', id, name, link, run);
  try {
    if (decision === 'skipOutOfScope') {
      log('other', 'skipped', { errorCode: 'EntrySynchronizationSkipped', errorReason: `Not provisioned: the group is ${group ? ctx.scope.groupInScope(group).reason : 'gone'}` });
      return 'skipped';
    }
    if (decision === 'skipDeleteAction') {
      state.dropLink('group', id);
      log('other', 'skipped', { errorCode: 'EntrySynchronizationSkipped', errorReason: 'Deleted or out of scope; the Delete target object action is off' });
      return 'skipped';
    }
    if (decision === 'delete') {
      const l = link as Link;
      await run.send(builder.deleteGroup(l.targetId), [200, 204, 404], { byId: true });
      run.step('export', 'success', `DELETE /Groups/${l.targetId}`);
      state.dropLink('group', id);
      clearEscrow(ctx, 'group', id, 'object');
      log('delete', 'success', { targetId: l.targetId });
      return 'deleted';
    }
    const g = group as DirectoryGroup;
    const values = evaluateMappings(mappings.group, evalContext(groupSource(g), ctx.now), { create: decision === 'provision' });
    if (decision === 'provision') {
      const matched = await match(ctx, run, 'group', values, (attr, v) => (attr === 'displayName' ? builder.findGroup(v) : builder.findGroupBy(attr, v)));
      if (matched === 'skipped') {
        log('other', 'skipped', { errorCode: 'ImportSkipped', errorReason: 'The group has no value for its matching attribute: the group and its members are not provisioned' });
        return 'skipped';
      }
      let current: Record<string, unknown>;
      let outcome: Outcome;
      if (matched) {
        current = matched;
        outcome = 'unchanged';
      } else {
        if (!mappings.group.actions.create) {
          log('other', 'skipped', { errorCode: 'EntrySynchronizationSkipped', errorReason: 'No match, and the Create target object action is off' });
          return 'skipped';
        }
        const displayName = str(values.displayName);
        if (!displayName) throw new OperationFailure('MandatoryFieldsMissing', 'no value for displayName');
        const externalId = str(values.externalId);
        const res = await run.send(builder.createGroup({ displayName, ...(externalId ? { externalId } : {}) }), [200, 201]);
        current = (res.body ?? {}) as Record<string, unknown>;
        if (typeof current.id !== 'string' || !current.id) throw new OperationFailure('SystemForCrossDomainIdentityManagementServiceIncompatible', `POST /Groups answered ${res.status} without an id`);
        for (const [k, v] of Object.entries(values)) if (v !== null && v !== undefined && v !== '') run.modified.push({ displayName: k, oldValue: null, newValue: str(v) });
        run.step('export', 'success', `Created the group without members (POST /Groups → ${res.status})`);
        outcome = 'created';
        // The create body holds displayName and externalId only; anything else follows as a PATCH below.
        delete values.displayName;
        delete values.externalId;
      }
      const targetId = String(current.id);
      state.setLink('group', id, { targetId, state: 'active', managerTarget: null });
      opts.onLinked?.('group', targetId, name);
      ctx.membershipGroups.add(id);
      const patched = await patch(run, diffForPatch(current, values), current, (c) => builder.updateGroup(targetId, c), { byId: true });
      if (outcome === 'unchanged' && patched === 'updated') outcome = 'updated';
      clearEscrow(ctx, 'group', id, 'object');
      log(outcome === 'created' ? 'create' : outcome === 'updated' ? 'update' : 'other', outcome === 'unchanged' ? 'skipped' : 'success', { targetId, ...(outcome === 'unchanged' ? { errorCode: 'EntrySynchronizationSkipped' as const, errorReason: 'Matched an existing group whose values already match' } : {}) });
      return outcome;
    }
    const l = link as Link;
    const res = await run.send(builder.getGroup(l.targetId), [200], { byId: true });
    const current = res.body as Record<string, unknown>;
    const outcome = await patch(run, diffForPatch(current, values), current, (c) => builder.updateGroup(l.targetId, c), { byId: true });
    ctx.membershipGroups.add(id);
    clearEscrow(ctx, 'group', id, 'object');
    log(outcome === 'unchanged' ? 'other' : 'update', outcome === 'unchanged' ? 'skipped' : 'success', { targetId: l.targetId, ...(outcome === 'unchanged' ? { errorCode: 'EntrySynchronizationSkipped' as const, errorReason: 'Source and target already match' } : {}) });
    return outcome;
  } catch (err) {
    return failed(ctx, 'group', id, 'object', err, run, (code, reason) => log(decision === 'delete' ? 'delete' : link ? 'update' : 'create', 'failure', { ...(link ? { targetId: link.targetId } : {}), errorCode: code, errorReason: reason }));
  }
}
