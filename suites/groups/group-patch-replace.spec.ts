/**
 * Replacing group attributes. Entra's default dialect sends `Replace` with a path (docs/entra-behaviour.md §2.2.4); the
 * aadOptscim062020 dialect, like the Microsoft SCIM Validator, sends a path-less `replace` whose value object
 * holds the attribute (§3.3.3; validator tests 20 and 21 byte for byte). Both shapes run whatever --dialect says:
 * GROUP-PATCH-REPLACE requires both.
 */
import type { Dialect } from '../../core/run-config.js';
import { check, expectScim, expectValue } from '../_harness/index.js';
import { send } from '../_harness/wire.js';
import { readGroupWithMembers } from './group-steps.js';

const SHAPES: Array<{ dialect: Dialect; title: string; counterparts: string[] }> = [
  {
    dialect: 'default',
    title: 'Replaces externalId and displayName with PATCH Replace by path',
    counterparts: ['Gallery 9: Update_Group_Test'],
  },
  {
    dialect: 'aadOptscim062020',
    title: 'Replaces externalId and displayName with path-less PATCH replace',
    counterparts: ['MSV 20: Patch Group - Replace Attributes', 'MSV 21: Update Group displayName', 'Gallery 20: SCIM_Group_Update_Test'],
  },
];

for (const shape of SHAPES) {
  check({
    id: 'groups/replace-attributes',
    title: shape.title,
    requirements: ['GROUP-PATCH-REPLACE'],
    counterparts: shape.counterparts,
    dialect: shape.dialect,
    applies: (caps) => caps.groupsNaReason,
  }, async (ctx) => {
    const group = await ctx.setup.group();
    const externalId = ctx.data.guid();
    const displayName = ctx.data.group().displayName;
    // One attribute per PATCH, as the validator's tests 20 and 21 send them.
    for (const change of [{ path: 'externalId', value: externalId }, { path: 'displayName', value: displayName }]) {
      const res = await send(ctx, ctx.entra.updateGroup(group.id, [{ ...change, kind: 'replace' }]));
      expectScim(res).toHaveStatus(200, 204);
    }
    const read = await readGroupWithMembers(ctx, group.id);
    expectValue(read.res, read.group, 'externalId', externalId);
    expectValue(read.res, read.group, 'displayName', displayName);
  });
}
