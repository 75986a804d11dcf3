/**
 * Group queries as Entra sends them (docs/entra-behaviour.md §2.2.3): `excludedAttributes=members&filter=displayName eq "…"`,
 * matched case-insensitively (validator tests 15, 17), and the empty answer for a name no group has (test 16).
 */
import { check, CHECK, expectScim, fail } from '../_harness/index.js';
import { send } from '../_harness/wire.js';

for (const variant of [
  { id: CHECK.findGroup, title: 'Sends GET /Groups?filter=displayName eq with the exact name', query: (name: string) => name, counterparts: ['MSV 15: Filter for an existing group', 'Gallery 8: Create_Group_Test'] },
  { id: 'groups/filter-display-name-case', title: 'Sends GET /Groups?filter=displayName eq with the name in upper case', query: (name: string) => name.toUpperCase(), counterparts: ['MSV 17: Filter for an existing group with a different case'] },
]) {
  check({
    id: variant.id,
    title: variant.title,
    requirements: ['GROUP-FILTER-DISPLAYNAME'],
    counterparts: variant.counterparts,
    applies: (caps) => caps.groupsNaReason,
  }, async (ctx) => {
    const group = await ctx.setup.group();
    const res = await send(ctx, ctx.entra.findGroup(variant.query(group.payload.displayName)));
    expectScim(res).toHaveStatus(200);
    const ids = expectScim(res).resources().map((r) => r.id);
    // Our displayName is unique to this check, so exactly one group may match.
    if (ids.length !== 1 || ids[0] !== group.id) {
      fail('SCIM_VALUE', 'the filter did not return exactly the group with that displayName', {
        expected: `one resource, id ${group.id}`,
        actual: ids.length ? `${ids.length} resources: ${ids.map((i) => JSON.stringify(i)).join(', ')}` : 'no resources',
        res,
      });
    }
    expectScim(res).toHaveTotalResults(1);
  });
}

check({
  id: CHECK.groupNoMatch,
  title: 'Sends GET /Groups?filter=displayName eq a name no group has',
  requirements: ['FILTER-NO-MATCH'],
  counterparts: ['MSV 16: Filter for a non-existing group'],
  applies: (caps) => caps.groupsNaReason,
}, async (ctx) => {
  // The validator's probe shape: `nonexistent<12 hex>_<name>` (§5.3).
  const name = `nonexistent${ctx.data.guid().replace(/-/g, '').slice(0, 12)}_${ctx.data.group().displayName}`;
  const res = await send(ctx, ctx.entra.findGroup(name));
  expectScim(res).toHaveStatus(200);
  expectScim(res).toHaveTotalResults(0);
  const resources = expectScim(res).resources();
  if (resources.length > 0) {
    fail('SCIM_UNEXPECTED', 'an empty result carries resources', { expected: 'Resources absent or []', actual: `${resources.length} resources`, res });
  }
});
