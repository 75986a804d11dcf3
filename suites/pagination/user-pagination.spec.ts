/** Paging /Users with startIndex and count=5 (gallery suite test 23; Postman "Paginate"). */
import { check } from '../_harness/index.js';
import { expectPagesHoldEachOnce, POPULATION } from './paging.js';

check({
  id: 'pagination/users',
  title: 'Pages GET /Users with startIndex and count=5 over 11 users it created',
  requirements: ['LIST-PAGINATION', 'LIST-RESPONSE'],
  counterparts: ['Gallery 23: SCIM_User_Pagination_Test'],
}, async (ctx) => {
  // A prefix only this check's users carry: other checks of the run create users with the run prefix meanwhile.
  const prefix = `${ctx.data.prefix}pg${ctx.data.guid().slice(0, 8)}-`;
  const users = await Promise.all(
    Array.from({ length: POPULATION }, (_, i) => ctx.setup.user({ userName: `${prefix}${i + 1}@contoso.example` })),
  );
  await expectPagesHoldEachOnce(ctx, { requirement: 'LIST-PAGINATION', path: '/Users', noun: 'users', attribute: 'userName', prefix, ids: users.map((u) => u.id) });
});
