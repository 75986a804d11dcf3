/**
 * Membership queries (GROUP-MEMBER-QUERY): `members.value eq "user"` and `id eq "group" and members.value eq
 * "user"`, each for a member (exactly our group) and for a user that is not a member (nothing). The request builder
 * has no such query, so the shapes are written here, with Entra's excludedAttributes=members and its encoding.
 */
import type { ScimRequest } from '../../core/client/request.js';
import { filterLiteral } from '../../mock-idp/request-shapes.js';
import { blocked, check, CHECK, describeResponse, expectScim, fail, type CheckContext } from '../_harness/index.js';
import { send } from '../_harness/wire.js';
import { givenMembers } from './group-steps.js';

function groupsWhere(filter: string, step: string): ScimRequest {
  return { method: 'GET', path: '/Groups', query: [['excludedAttributes', 'members'], ['filter', filter]], queryStyle: 'entra', step };
}

/** A group whose only member is `member`, plus a user `outsider` in no group. */
async function membership(ctx: CheckContext): Promise<{ groupId: string; member: string; outsider: string }> {
  const [group, member, outsider] = await Promise.all([ctx.setup.group(), ctx.setup.user(), ctx.setup.user()]);
  await givenMembers(ctx, group.id, [member.id]);
  return { groupId: group.id, member: member.id, outsider: outsider.id };
}

async function expectGroups(ctx: CheckContext, req: ScimRequest, expected: string[]): Promise<void> {
  const res = await send(ctx, req);
  // An empty result answered 404 is FILTER-NO-MATCH's failure; the membership filter itself cannot be judged.
  if (expected.length === 0 && res.status === 404) blocked(CHECK.groupNoMatch, `a filter matching no group answered ${describeResponse(res)}`);
  expectScim(res).toHaveStatus(200);
  // Both users are this check's own, so no other group on the endpoint can match.
  const ids = expectScim(res).resources().map((r) => r.id);
  if (ids.length !== expected.length || !expected.every((id) => ids.includes(id))) {
    fail('SCIM_VALUE', `filter ${req.query?.find(([k]) => k === 'filter')?.[1]} returned the wrong groups`, {
      expected: expected.length ? `exactly the group ${expected.join(', ')}` : 'no groups (totalResults 0)',
      actual: ids.length ? `${ids.length} groups: ${ids.map((i) => JSON.stringify(i)).join(', ')}` : 'no groups',
      res,
    });
  }
  expectScim(res).toHaveTotalResults(expected.length);
}

check({
  id: 'groups/query-member',
  title: 'Sends GET /Groups?filter=members.value eq for a member and a non-member',
  requirements: ['GROUP-MEMBER-QUERY'],
  applies: (caps) => caps.groupsNaReason,
}, async (ctx) => {
  const { groupId, member, outsider } = await membership(ctx);
  await expectGroups(ctx, groupsWhere(`members.value eq ${filterLiteral(member)}`, 'GET /Groups?filter=members.value eq {member}'), [groupId]);
  await expectGroups(ctx, groupsWhere(`members.value eq ${filterLiteral(outsider)}`, 'GET /Groups?filter=members.value eq {non-member}'), []);
});

check({
  id: 'groups/query-id-and-member',
  title: 'Sends GET /Groups?filter=id eq and members.value eq for a member and a non-member',
  requirements: ['GROUP-MEMBER-QUERY'],
  applies: (caps) => caps.groupsNaReason,
}, async (ctx) => {
  const { groupId, member, outsider } = await membership(ctx);
  const both = (user: string): string => `id eq ${filterLiteral(groupId)} and members.value eq ${filterLiteral(user)}`;
  await expectGroups(ctx, groupsWhere(both(member), 'GET /Groups?filter=id eq {group} and members.value eq {member}'), [groupId]);
  await expectGroups(ctx, groupsWhere(both(outsider), 'GET /Groups?filter=id eq {group} and members.value eq {non-member}'), []);
});
