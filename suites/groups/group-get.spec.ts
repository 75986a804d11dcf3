/** Reading one group by id (docs/entra-behaviour.md §2.2.2; RFC 7644 §3.4.1). */
import { check, CHECK, expectScim, expectValue } from '../_harness/index.js';
import { send } from '../_harness/wire.js';

check({
  id: CHECK.getGroup,
  title: 'Sends GET /Groups/{id} for a created group',
  requirements: ['GROUP-GET'],
  applies: (caps) => caps.groupsNaReason,
}, async (ctx) => {
  const group = await ctx.setup.group();
  // The plain read: Entra's own read adds excludedAttributes=members, which GROUP-EXCLUDE-MEMBERS judges.
  const res = await send(ctx, ctx.entra.getGroup(group.id, { excludeMembers: false }));
  expectScim(res).toHaveStatus(200);
  const body = expectScim(res).json();
  expectValue(res, body, 'id', group.id);
  expectValue(res, body, 'displayName', group.payload.displayName);
});
