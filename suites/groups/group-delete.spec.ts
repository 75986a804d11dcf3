/**
 * Deleting groups (docs/entra-behaviour.md §2.2.7; validator test 24 and previews P6, P7): 204, then 404 on GET (GROUP-DELETE,
 * MUST); 404 for a DELETE of an id that does not exist and for a second DELETE (GROUP-DELETE-UNKNOWN, a SHOULD
 * like its user counterpart USER-DELETE-UNKNOWN: Entra never deletes what it did not create).
 */
import { TargetError } from '../../core/errors.js';
import { check, expectScim } from '../_harness/index.js';
import { send } from '../_harness/wire.js';

check({
  id: 'groups/delete',
  title: 'Sends DELETE /Groups/{id} and then GET /Groups/{id}',
  requirements: ['GROUP-DELETE'],
  counterparts: ['MSV 24: Delete a Group', 'Gallery 10: Delete_Group_Test'],
  applies: (caps) => caps.groupsNaReason,
}, async (ctx) => {
  const group = await ctx.setup.group();
  // The ledger keeps the id: its cleanup DELETE answers 404 once the group is gone, and deletes it if not.
  const del = await send(ctx, ctx.entra.deleteGroup(group.id));
  expectScim(del).toHaveStatus(204);
  const get = await send(ctx, ctx.entra.getGroup(group.id, { excludeMembers: false }));
  expectScim(get).toHaveStatus(404);
});

check({
  id: 'groups/delete-unknown',
  title: 'Sends DELETE /Groups/{id} for an id that does not exist',
  requirements: ['GROUP-DELETE-UNKNOWN'],
  counterparts: ['MSV P6: Delete a non-existent Group'],
  applies: (caps) => caps.groupsNaReason,
}, async (ctx) => {
  // The validator deletes a random GUID. The endpoint may hold other people's groups, so make sure first that
  // no group has this id (a collision is practically impossible, but a DELETE must never risk one).
  const id = ctx.data.guid();
  const probe = await send(ctx, ctx.entra.getGroup(id, { excludeMembers: false }));
  if (probe.status >= 200 && probe.status < 300) {
    throw new TargetError('TARGET_SETUP', `a group with the random id ${id} exists; not deleting what this run did not create`);
  }
  const res = await send(ctx, ctx.entra.deleteGroup(id));
  expectScim(res).toHaveStatus(404);
});

check({
  id: 'groups/delete-twice',
  title: 'Sends DELETE /Groups/{id} twice',
  requirements: ['GROUP-DELETE', 'GROUP-DELETE-UNKNOWN'],
  counterparts: ['MSV P7: Delete the same Group twice'],
  applies: (caps) => caps.groupsNaReason,
}, async (ctx) => {
  const group = await ctx.setup.group();
  const first = await send(ctx, ctx.entra.deleteGroup(group.id));
  expectScim(first, 'GROUP-DELETE').toHaveStatus(204);
  const second = await send(ctx, ctx.entra.deleteGroup(group.id));
  expectScim(second, 'GROUP-DELETE-UNKNOWN').toHaveStatus(404);
});
