/**
 * Okta's push of one directory user (docs/okta-behaviour.md §1.1): assign (a userName lookup; no hit → POST with
 * Okta's body and a placeholder password, one hit → link), profile update (GET, then PUT of the object read plus
 * the profile; or one path-less PATCH), deactivate on unassign, block or delete, reactivate on re-assign
 * (path-less PATCH of `active`; App Integration Wizard apps: GET, then PUT). Okta never deletes users.
 */
import type { DirectoryUser } from '../directory/types.js';
import { OperationFailure } from '../escrow/error-codes.js';
import type { ObjectRun } from '../cycles/object-run.js';
import type { Outcome } from '../cycles/types.js';
import { listOf } from '../cycles/values.js';
import { changedValues, profileOf, profileValues, valuesIn, type ProfileValues } from './app-profile.js';
import { failed, newObjectRun, objectLog, type OktaObjectLog, type OktaRun } from './context.js';
import type { ScimObject } from './requests.js';

const same = (a: ProfileValues | undefined, b: ProfileValues): boolean => a !== undefined && Object.keys(changedValues(a, b)).length === 0;

export async function pushUser(run: OktaRun, id: string): Promise<Outcome> {
  const { dir, state, pushed } = run.job;
  const user = dir.getUser(id);
  const link = state.link('user', id);
  const wanted = run.scope.wantsActive(user);
  if (!link && !wanted) return 'none';
  if (link && !wanted && link.state !== 'active') return 'none';
  const values = user ? profileValues(profileOf(user)) : undefined;
  if (link?.state === 'active' && wanted && same(pushed.get('user', id), values as ProfileValues)) return 'none';

  const obj = newObjectRun(run);
  const log = objectLog(run, obj, { type: 'user', id, name: user?.displayName ?? user?.userPrincipalName ?? id });
  obj.step('import', 'success', user ? `Read user ${user.userPrincipalName} from the directory` : 'The user was deleted in the directory');
  try {
    if (!link) return await assign(run, obj, user as DirectoryUser, values as ProfileValues, log);
    if (!wanted) {
      await setActive(run, obj, link.targetId, false);
      state.setLinkState('user', id, 'disabled');
      obj.step('export', 'success', `Deactivated the user: it is ${!user ? 'deleted in the directory' : user.accountEnabled === false || user.deletedDateTime ? 'deactivated in Okta' : 'unassigned from the app'}`);
      log('disable', 'success', { targetId: link.targetId });
      return 'disabled';
    }
    const reactivate = link.state !== 'active';
    if (reactivate) {
      await setActive(run, obj, link.targetId, true);
      state.setLinkState('user', id, 'active');
      obj.step('export', 'success', 'Reactivated the user: it is assigned and active again');
    }
    const changed = await pushProfile(run, obj, id, link.targetId, values as ProfileValues);
    return logged(log, link.targetId, changed || reactivate, 'The target user already holds the profile');
  } catch (err) {
    const action = !link ? 'create' : !wanted ? 'disable' : 'update';
    return failed(run, obj, err, (code, reason) => log(action, 'failure', { ...(link ? { targetId: link.targetId } : {}), errorCode: code, errorReason: reason }));
  }
}

function logged(log: OktaObjectLog, targetId: string, changed: boolean, unchangedReason: string): Outcome {
  if (changed) log('update', 'success', { targetId });
  else log('other', 'skipped', { targetId, errorCode: 'EntrySynchronizationSkipped', errorReason: unchangedReason });
  return changed ? 'updated' : 'unchanged';
}

/** An assignment: the userName lookup (404 counts as no hit, as Okta's reference allows), then a link or a create. */
async function assign(run: OktaRun, obj: ObjectRun, user: DirectoryUser, values: ProfileValues, log: OktaObjectLog): Promise<Outcome> {
  const { builder, state, pushed, opts } = run.job;
  pushed.drop('user', user.id); // a new link: nothing is known to be pushed to it (a reset may have left a record)
  const res = await obj.send(builder.findUser(user.userPrincipalName), [200, 404]);
  const found = res.status === 404 ? [] : listOf(res);
  const total = (res.body as { totalResults?: unknown } | undefined)?.totalResults;
  if (found.length > 1 || (typeof total === 'number' && total > 1)) {
    throw new OperationFailure('DuplicateTargetEntries', `${Math.max(found.length, Number(total))} target users match userName eq "${user.userPrincipalName}"`);
  }
  const hit = found[0];
  if (hit) {
    if (typeof hit.id !== 'string' || !hit.id) throw new OperationFailure('SystemForCrossDomainIdentityManagementServiceIncompatible', `the user matching userName eq "${user.userPrincipalName}" came back without an id`);
    const targetId = hit.id;
    obj.step('matching', 'success', `Linked to target user ${targetId} found by userName`);
    state.setLink('user', user.id, { targetId, state: 'active', managerTarget: null });
    opts.onLinked?.('user', targetId, user.userPrincipalName);
    const reactivate = hit.active === false;
    if (reactivate) await setActive(run, obj, targetId, true);
    const changed = await pushProfile(run, obj, user.id, targetId, values, hit);
    return logged(log, targetId, changed || reactivate, 'Linked to an existing user that already holds the profile');
  }
  obj.step('matching', 'success', `No user matched userName eq "${user.userPrincipalName}"`);
  const created = await obj.send(builder.createUser(profileOf(user)), [200, 201]);
  const targetId = (created.body as { id?: unknown } | undefined)?.id;
  if (typeof targetId !== 'string' || !targetId) {
    // Okta's console shows "Create new user returned empty user" (docs/okta-behaviour.md §1.1).
    throw new OperationFailure('SystemForCrossDomainIdentityManagementServiceIncompatible', `POST /Users answered ${created.status} without a user id: Okta reports "Create new user returned empty user"`);
  }
  state.setLink('user', user.id, { targetId, state: 'active', managerTarget: null });
  opts.onLinked?.('user', targetId, user.userPrincipalName);
  pushed.set('user', user.id, values);
  for (const [path, v] of Object.entries(values)) obj.modified.push({ displayName: path, oldValue: null, newValue: v });
  obj.step('export', 'success', `Created the user (POST /Users → ${created.status})`);
  log('create', 'success', { targetId });
  return 'created';
}

/** Deactivate or reactivate: a path-less PATCH of `active`; in AIW mode a GET, then a PUT of the object read. */
async function setActive(run: OktaRun, obj: ObjectRun, targetId: string, active: boolean): Promise<void> {
  const { builder } = run.job;
  const fetched = builder.mode === 'aiw' ? ((await obj.send(builder.getUser(targetId), [200], { byId: true })).body as ScimObject) : undefined;
  obj.modified.push({ displayName: 'active', oldValue: String(!active), newValue: String(active) });
  await obj.send(builder.setActive(targetId, active, fetched), [200, 204], { byId: true });
}

/**
 * Pushes the profile when it differs from what was pushed last. PUT (the default, and AIW): GET, then PUT of the
 * object read with every profile value written in. PATCH: the values that changed, in one path-less replace.
 * Without a record of the last push (a user linked by a lookup or an import), the target's values stand for it,
 * and nothing is sent when they already match. True when a request was sent.
 */
async function pushProfile(run: OktaRun, obj: ObjectRun, sourceId: string, targetId: string, values: ProfileValues, matched?: ScimObject): Promise<boolean> {
  const { builder, pushed } = run.job;
  const previous = pushed.get('user', sourceId);
  if (same(previous, values)) {
    obj.step('processing', 'skipped', 'The profile is as pushed last: no update');
    return false;
  }
  const usePatch = builder.mode === 'oin' && builder.userUpdates === 'patch';
  const read = usePatch ? matched : ((await obj.send(builder.getUser(targetId), [200], { byId: true })).body as ScimObject);
  const held = read ? valuesIn(read, Object.keys(values)) : undefined;
  const changes = changedValues(previous ?? held, values);
  if (Object.keys(changes).length === 0) {
    pushed.set('user', sourceId, values);
    obj.step('processing', 'skipped', 'The target already holds the profile: no update');
    return false;
  }
  for (const [path, v] of Object.entries(changes)) obj.modified.push({ displayName: path, oldValue: held?.[path] ?? previous?.[path] ?? null, newValue: v });
  await obj.send(builder.updateUser(targetId, read ?? {}, usePatch ? changes : values), [200, 204], { byId: true });
  pushed.set('user', sourceId, values);
  obj.step('export', 'success', `Pushed the profile (${usePatch ? 'PATCH' : 'PUT'}): ${Object.keys(changes).join(', ')}`);
  return true;
}
