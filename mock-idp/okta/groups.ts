/**
 * Okta's group push of one directory group (docs/okta-behaviour.md §1.1): `POST /Groups` with `members: []`; a
 * rename by a path-less replace of `{id, displayName}`, which Okta also sends with every membership update;
 * memberships in one PATCH mixing `remove` of `members[value eq "…"]` and `add` to `members`; `DELETE` only when
 * the admin asks for it (deleteGroups), else the group is only unlinked. App Integration Wizard apps: GET, then a
 * PUT of the group read with the new name and members.
 */
import type { DirectoryGroup } from '../directory/types.js';
import { OperationFailure } from '../escrow/error-codes.js';
import type { ObjectRun } from '../cycles/object-run.js';
import type { Outcome } from '../cycles/types.js';
import { memberDisplay } from './app-profile.js';
import { failed, newObjectRun, objectLog, type OktaRun } from './context.js';
import type { OktaMember, ScimObject } from './requests.js';

/** Members to push: the group's directory members that Okta has in the app (a link), against those pushed. */
interface MemberChange {
  desired: OktaMember[];
  add: Array<OktaMember & { sourceId: string }>;
  remove: Array<{ sourceId: string; targetId: string }>;
}

function memberChange(run: OktaRun, groupId: string): MemberChange {
  const { dir, state } = run.job;
  const current = state.targetMembers(groupId);
  const desired: OktaMember[] = [];
  const add: MemberChange['add'] = [];
  const wanted = new Set<string>();
  for (const m of dir.membersOf(groupId)) {
    const link = state.link('user', m);
    if (!link) continue;
    wanted.add(m);
    const display = memberDisplay(dir.getUser(m));
    const member = { value: link.targetId, ...(display ? { display } : {}) };
    desired.push(member);
    if (!current.has(m)) add.push({ ...member, sourceId: m });
  }
  const remove: MemberChange['remove'] = [];
  for (const m of current) {
    const targetId = state.link('user', m)?.targetId;
    if (!wanted.has(m) && targetId) remove.push({ sourceId: m, targetId });
  }
  return { desired, add, remove };
}

export async function pushGroup(run: OktaRun, id: string): Promise<Outcome> {
  const { dir, state, pushed, builder, opts } = run.job;
  const group = dir.getGroup(id);
  const link = state.link('group', id);
  const wanted = run.scope.pushes(group);
  if (!link && !wanted) return 'none';
  const members = wanted ? memberChange(run, id) : undefined;
  const renamed = link !== undefined && group !== undefined && pushed.get('group', id)?.displayName !== group.displayName;
  const membersChanged = members !== undefined && (members.add.length > 0 || members.remove.length > 0);
  if (link && wanted && !renamed && !membersChanged) return 'none';

  const obj = newObjectRun(run);
  const name = group?.displayName ?? id;
  const log = objectLog(run, obj, { type: 'group', id, name });
  obj.step('import', 'success', group ? `Read group ${name} from the directory` : 'The group was deleted in the directory');
  try {
    if (!wanted) {
      const l = link as NonNullable<typeof link>;
      if (opts.deleteGroups) await obj.send(builder.deleteGroup(l.targetId), [200, 204, 404], { byId: true });
      obj.step('export', 'success', opts.deleteGroups ? `Deleted the group (DELETE /Groups/${l.targetId})` : 'Unlinked the group; Okta leaves it in the app unless the admin asks to delete it');
      state.dropLink('group', id);
      pushed.drop('group', id);
      log(opts.deleteGroups ? 'delete' : 'other', 'success', { targetId: l.targetId });
      return opts.deleteGroups ? 'deleted' : 'skipped';
    }
    const g = group as DirectoryGroup;
    let targetId = link?.targetId;
    if (!targetId) {
      const res = await obj.send(builder.createGroup(g.displayName), [200, 201]);
      const created = (res.body as { id?: unknown } | undefined)?.id;
      if (typeof created !== 'string' || !created) throw new OperationFailure('SystemForCrossDomainIdentityManagementServiceIncompatible', `POST /Groups answered ${res.status} without an id`);
      targetId = created;
      state.setLink('group', id, { targetId, state: 'active', managerTarget: null });
      pushed.set('group', id, { displayName: g.displayName });
      opts.onLinked?.('group', targetId, g.displayName);
      obj.modified.push({ displayName: 'displayName', oldValue: null, newValue: g.displayName });
      obj.step('export', 'success', `Pushed the group (POST /Groups → ${res.status})`);
    }
    await pushChanges(run, obj, id, targetId, g.displayName, renamed, members as MemberChange);
    log(link ? 'update' : 'create', 'success', { targetId });
    return link ? 'updated' : 'created';
  } catch (err) {
    // A create whose POST went through but whose members failed is an update of the group now linked.
    const linked = state.link('group', id) ?? link;
    const action = !wanted ? (opts.deleteGroups ? 'delete' : 'other') : linked ? 'update' : 'create';
    return failed(run, obj, err, (code, reason) => log(action, 'failure', { ...(linked ? { targetId: linked.targetId } : {}), errorCode: code, errorReason: reason }));
  }
}

/** The rename and the membership update, as OIN (PATCHes) or AIW (GET, then one PUT) apps get them. */
async function pushChanges(run: OktaRun, obj: ObjectRun, id: string, targetId: string, displayName: string, renamed: boolean, m: MemberChange): Promise<void> {
  const { builder, state, pushed } = run.job;
  const membersChanged = m.add.length > 0 || m.remove.length > 0;
  if (!renamed && !membersChanged) return;
  if (renamed) obj.modified.push({ displayName: 'displayName', oldValue: pushed.get('group', id)?.displayName ?? null, newValue: displayName });
  if (membersChanged) obj.modified.push({ displayName: 'members', oldValue: m.remove.length ? `-${m.remove.length}` : null, newValue: m.add.length ? `+${m.add.length}` : null });
  if (builder.mode === 'aiw') {
    const fetched = (await obj.send(builder.getGroup(targetId), [200], { byId: true })).body as ScimObject;
    await obj.send(builder.putGroup(targetId, { ...fetched, displayName, members: m.desired }), [200, 204], { byId: true });
  } else {
    // Okta sends the path-less rename with every membership update, right after a create too (§1.1, §1.3).
    await obj.send(builder.renameGroup(targetId, displayName), [200, 204], { byId: true });
    if (membersChanged) {
      await obj.send(builder.updateMembers(targetId, { add: m.add.map(({ value, display }) => ({ value, ...(display ? { display } : {}) })), remove: m.remove.map((r) => r.targetId) }), [200, 204], { byId: true, reference: true });
    }
  }
  pushed.set('group', id, { displayName });
  if (membersChanged) state.recordMembers(id, m.add.map((a) => a.sourceId), m.remove.map((r) => r.sourceId));
  obj.step('export', 'success', `${renamed ? 'Renamed the group' : 'Sent the name'}${membersChanged ? `; members +${m.add.length} -${m.remove.length}` : ''}`);
}
