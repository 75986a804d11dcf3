/**
 * Steps the group specs share: reading a group and its members back — Entra itself never reads members (it always
 * sends excludedAttributes=members), so the checks read them the way the Microsoft SCIM Validator verifies its
 * member tests, with a plain GET /Groups/{id} — and giving a group members as a prerequisite.
 */
import type { ScimResponse } from '../../core/client/scim-client.js';
import { createRequestBuilder } from '../../mock-idp/request-shapes.js';
import { blocked, CHECK, describeResponse, fail, type CheckContext } from '../_harness/index.js';
import { blockerIn } from '../_harness/context.js';
import { send } from '../_harness/wire.js';


/** The member ids of a group resource, in the order returned (empty when members is absent). */
export function memberIds(group: Record<string, unknown>): string[] {
  const members = group.members;
  if (!Array.isArray(members)) return [];
  return members.map((m) => (m && typeof m === 'object' ? (m as { value?: unknown }).value : undefined)).filter((v): v is string => typeof v === 'string');
}

export interface GroupRead {
  res: ScimResponse;
  group: Record<string, unknown>;
  members: string[];
}

/** GET /Groups/{id} with members; a read that does not answer 200 with a JSON object blocks the check. */
export async function readGroupWithMembers(ctx: Pick<CheckContext, 'scim' | 'step' | 'entra'>, groupId: string): Promise<GroupRead> {
  const res = await send(ctx, ctx.entra.getGroup(groupId, { excludeMembers: false }));
  if (res.status !== 200 || !res.json || typeof res.body !== 'object' || res.body === null || Array.isArray(res.body)) {
    blocked(CHECK.getGroup, `reading the group back failed: ${describeResponse(res)}`);
  }
  const group = res.body as Record<string, unknown>;
  return { res, group, members: memberIds(group) };
}

function sameMembers(actual: readonly string[], expected: readonly string[]): boolean {
  return actual.length === expected.length && [...actual].sort().join('\n') === [...expected].sort().join('\n');
}

const list = (ids: readonly string[]): string => (ids.length ? ids.map((i) => JSON.stringify(i)).join(', ') : '(none)');

/** The check's verdict on a member change: the group holds exactly these members (any order). */
export function expectMembers(read: GroupRead, expected: readonly string[], what: string): void {
  if (!sameMembers(read.members, expected)) {
    fail('SCIM_VALUE', `${what}: the group does not hold exactly the expected members`, {
      expected: `members ${list(expected)}`,
      actual: `members ${list(read.members)}`,
      res: read.res,
    });
  }
}

/**
 * Gives a group these members as a prerequisite and confirms it holds exactly them, else blocks the check (that
 * is GROUP-MEMBER-ADD's failure, not the failure of the check relying on it). The add is sent in the lower-case
 * RFC shape (aadOptscim062020, the validator) whatever the check's dialect, so a check of a default-dialect
 * removal still judges the removal on an endpoint that mishandles default-dialect adds.
 */
export async function givenMembers(ctx: Pick<CheckContext, 'scim' | 'step' | 'entra' | 'config'>, groupId: string, memberIds: readonly string[]): Promise<void> {
  const rfc = createRequestBuilder({ dialect: 'aadOptscim062020', baseUrl: ctx.config.url });
  const res = await send(ctx, { ...rfc.addMembers(groupId, memberIds), step: `setup: PATCH /Groups/{id} add members (${memberIds.length})` });
  // One member is proved by the one-member check, several in one PATCH by the three-member check.
  const blocker = blockerIn(memberIds.length > 1 ? CHECK.addMembers : CHECK.addMember, 'aadOptscim062020');
  if (res.status !== 200 && res.status !== 204) blocked(blocker, `adding members failed: ${describeResponse(res)}`);
  const read = await readGroupWithMembers(ctx, groupId);
  if (!sameMembers(read.members, memberIds)) {
    blocked(blocker, `after adding members ${list(memberIds)} the group holds ${list(read.members)}`);
  }
}
