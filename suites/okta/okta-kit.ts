/**
 * What the Okta checks share: a generated user as Okta knows it, and prerequisites created Okta's way (the
 * assignment's POST, the group push), tracked for cleanup. A prerequisite that cannot be created blocks the check
 * by the check proving that very request, so its requirement is judged once, where it broke.
 */
import type { ScimResponse } from '../../core/client/scim-client.js';
import type { OktaUserProfile, ScimObject } from '../../mock-idp/request-shapes.js';
import { blocked, CHECK, describeResponse, expectScim, type CheckContext } from '../_harness/index.js';
import { send } from '../_harness/wire.js';

export type OktaCtx = Pick<CheckContext, 'scim' | 'step' | 'okta' | 'data' | 'ledger'>;

/** A generated user as Okta's app profile holds it; `externalId` is an Okta-style user id (`00u…`). */
export function oktaUser(ctx: Pick<CheckContext, 'data'>): OktaUserProfile {
  const u = ctx.data.user();
  return {
    userName: u.userName,
    givenName: u.name.givenName,
    familyName: u.name.familyName,
    email: u.emails[0]?.value ?? u.userName,
    externalId: `00u${ctx.data.guid().replace(/-/g, '').slice(0, 17)}`,
  };
}

export interface Assigned {
  id: string;
  profile: OktaUserProfile;
  resource: ScimObject;
}

/** The id of a created resource, when the answer is a 2xx with one. */
export function createdId(res: ScimResponse): string | undefined {
  const id = (res.body as { id?: unknown } | undefined)?.id;
  return res.status >= 200 && res.status < 300 && typeof id === 'string' && id !== '' ? id : undefined;
}

/** Okta's assignment of a new user (POST with Okta's body); blocked by okta/assign-create when it fails. */
export async function assignUser(ctx: OktaCtx, profile: OktaUserProfile = oktaUser(ctx)): Promise<Assigned> {
  const res = await send(ctx, { ...ctx.okta.createUser(profile), step: 'setup: POST /Users' });
  const id = createdId(res);
  if (!id) blocked(CHECK.oktaAssign, `Okta's create failed: ${describeResponse(res)}`);
  ctx.ledger.track('User', id, profile.userName);
  return { id, profile, resource: res.body as ScimObject };
}

/** Okta's group push (POST /Groups with members: []); blocked by okta/group-push when it fails. */
export async function pushGroup(ctx: OktaCtx, displayName = ctx.data.group().displayName): Promise<{ id: string; displayName: string }> {
  const res = await send(ctx, { ...ctx.okta.createGroup(displayName), step: 'setup: POST /Groups' });
  const id = createdId(res);
  if (!id) blocked(CHECK.oktaGroupPush, `Okta's group push failed: ${describeResponse(res)}`);
  ctx.ledger.track('Group', id, displayName);
  return { id, displayName };
}

/** GET /Users/{id} as Okta sends it; the user read (the object a PUT starts from). */
export async function readUser(ctx: OktaCtx, id: string, requirement?: string): Promise<{ res: ScimResponse; user: ScimObject }> {
  const res = await send(ctx, ctx.okta.getUser(id));
  return { res, user: expectScim(res, requirement).toHaveStatus(200).json() };
}

/** Okta's deactivation or reactivation: path-less PATCH, or (App Integration Wizard) GET + PUT. */
export async function setActive(ctx: OktaCtx, id: string, active: boolean, requirement?: string): Promise<ScimResponse> {
  const fetched = ctx.okta.mode === 'aiw' ? (await readUser(ctx, id, requirement)).user : undefined;
  const res = await send(ctx, ctx.okta.setActive(id, active, fetched));
  expectScim(res, requirement).toHaveStatus(200, 204);
  return res;
}

/** Okta's profile update: GET + PUT of the object read with the changes, or (patch) one path-less PATCH. */
export async function updateProfile(ctx: OktaCtx, id: string, changes: Readonly<Record<string, unknown>>, requirement?: string): Promise<ScimResponse> {
  const put = ctx.okta.mode === 'aiw' || ctx.okta.userUpdates === 'put';
  const fetched = put ? (await readUser(ctx, id, requirement)).user : {};
  const res = await send(ctx, ctx.okta.updateUser(id, fetched, changes));
  expectScim(res, requirement).toHaveStatus(200, 204);
  return res;
}
