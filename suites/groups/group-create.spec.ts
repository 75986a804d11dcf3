/**
 * Group creation as Entra sends it (docs/entra-behaviour.md §2.2.1): POST /Groups without members, with Entra's extra ADSCIM
 * schema URI and meta.resourceType, and the duplicate-displayName conflict the validator probes (§5.3 tests 18, 19).
 */
import type { ScimResponse } from '../../core/client/scim-client.js';
import { check, CHECK, expectScim, expectValue, fail, type CheckContext } from '../_harness/index.js';
import { send } from '../_harness/wire.js';
import { memberIds } from './group-steps.js';

/** Journals whatever a POST created, before any assertion can end the check, so cleanup deletes it. */
function trackCreated(ctx: CheckContext, res: ScimResponse, displayName: string): string | undefined {
  const id = (res.body as { id?: unknown } | undefined)?.id;
  if (res.status >= 200 && res.status < 300 && typeof id === 'string' && id.length > 0) {
    ctx.ledger.track('Group', id, displayName);
    return id;
  }
  return undefined;
}

check({
  id: CHECK.createGroup,
  title: 'Sends POST /Groups without members as Entra does',
  requirements: ['GROUP-CREATE'],
  counterparts: ['MSV 18: Create a new Group', 'Gallery 19: SCIM_Group_Create_Test'],
  applies: (caps) => caps.groupsNaReason,
}, async (ctx) => {
  const group = ctx.data.group();
  const res = await send(ctx, ctx.entra.createGroup(group));
  const id = trackCreated(ctx, res, group.displayName);
  expectScim(res).toHaveStatus(201);
  const body = expectScim(res).json();
  if (!id) fail('SCIM_MISSING', 'the created group has no id', { expected: 'a non-empty string id', actual: JSON.stringify(body.id) ?? '(absent)', res });
  expectValue(res, body, 'displayName', group.displayName);
  expectValue(res, body, 'externalId', group.externalId);
  // Entra creates groups empty and adds members by PATCH; an endpoint that invents members is wrong.
  if (memberIds(body).length > 0) {
    fail('SCIM_UNEXPECTED', 'the group was created with members although none were sent', { expected: 'no members, or members: []', actual: JSON.stringify(body.members), res });
  }
});

for (const variant of [
  { id: 'groups/create-duplicate', title: 'Sends POST /Groups with a displayName already in use', rename: (n: string) => n, counterparts: ['MSV 19: Create a duplicate Group'] },
  { id: 'groups/create-duplicate-case', title: 'Sends POST /Groups with a displayName already in use in another letter case', rename: (n: string) => n.toUpperCase(), counterparts: [] as string[] },
]) {
  check({
    id: variant.id,
    title: variant.title,
    requirements: ['GROUP-CREATE-DUPLICATE'],
    counterparts: variant.counterparts,
    applies: (caps) => caps.groupsNaReason,
  }, async (ctx) => {
    const existing = await ctx.setup.group();
    const duplicateName = variant.rename(existing.payload.displayName);
    const res = await send(ctx, ctx.entra.createGroup({ displayName: duplicateName, externalId: ctx.data.guid() }));
    trackCreated(ctx, res, duplicateName);
    expectScim(res).toHaveStatus(409);
  });
}
