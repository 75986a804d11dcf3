/** Paging /Groups with startIndex and count=5 (gallery suite test 24), with Entra's excludedAttributes=members. */
import { check } from '../_harness/index.js';
import { expectPagesHoldEachOnce, POPULATION } from './paging.js';

check({
  id: 'pagination/groups',
  title: 'Pages GET /Groups with startIndex and count=5 over 11 groups it created',
  requirements: ['LIST-GROUP-PAGINATION', 'LIST-RESPONSE'],
  counterparts: ['Gallery 24: SCIM_Group_Pagination_Test'],
  applies: (caps) => caps.groupsNaReason,
}, async (ctx) => {
  const prefix = `${ctx.data.prefix}pg${ctx.data.guid().slice(0, 8)}-`;
  const groups = await Promise.all(
    Array.from({ length: POPULATION }, (_, i) => ctx.setup.group({ displayName: `${prefix}${i + 1}` })),
  );
  await expectPagesHoldEachOnce(ctx, {
    requirement: 'LIST-GROUP-PAGINATION',
    path: '/Groups',
    noun: 'groups',
    attribute: 'displayName',
    prefix,
    ids: groups.map((g) => g.id),
    query: [['excludedAttributes', 'members']],
  });
});
