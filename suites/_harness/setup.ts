/**
 * Prerequisites, created Entra's way and tracked for cleanup. When a prerequisite cannot be created — refused, or
 * the target timed out or answered garbage — the check that needed it is `blocked` by the check that proves that
 * very operation, not failed or errored a second time: its requirement is judged by the checks that could run.
 */
import type { ScimRequest } from '../../core/client/request.js';
import type { ScimClient, ScimResponse } from '../../core/client/scim-client.js';
import { TargetError } from '../../core/errors.js';
import type { Dialect } from '../../core/run-config.js';
import type { EntraRequestBuilder } from '../../mock-idp/request-shapes.js';
import type { DataFactory, GeneratedGroup, GeneratedUser } from '../../test-data/factory.js';
import { CHECK } from './check-ids.js';
import { blockerIn } from './context.js';
import type { Ledger } from './ledger.js';
import { describeResponse } from './matchers.js';
import { blocked } from './verdicts.js';

/**
 * Attributes a check sets on a generated user on purpose — also ones the generator does not make (nickName,
 * roles …) — or drops (given as undefined). They are sent as given; everything else is pruned to the attribute set.
 */
export type UserOverrides = Record<string, unknown>;

/**
 * A generated user pruned to the run's attribute set: only userName and externalId (a common attribute) are
 * certain to be there; every other attribute is there only when the endpoint declares it.
 */
export type MappedUser = Partial<GeneratedUser> & Pick<GeneratedUser, 'userName' | 'externalId'>;

export interface Created<T> {
  id: string;
  payload: T;
  /** The resource as the endpoint returned it on create. */
  resource: Record<string, unknown>;
  res: ScimResponse;
}

export class Setup {
  constructor(
    private readonly scim: ScimClient,
    private readonly entra: EntraRequestBuilder,
    private readonly data: DataFactory,
    /** Generated users pruned to the run's attribute set. */
    private readonly newUser: (overrides?: UserOverrides) => MappedUser,
    private readonly ledger: Ledger,
    /** The PATCH dialect of the check's request builder. */
    private readonly dialect: Dialect,
  ) {}

  /** @param blocker the check proving this create (users/create; another when the overrides are its subject) */
  async user(overrides: UserOverrides = {}, blocker: string = CHECK.createUser): Promise<Created<MappedUser>> {
    const payload = this.newUser(overrides);
    const res = await this.send({ ...this.entra.createUser(payload), step: 'setup: POST /Users' }, blocker);
    const id = createdId(res);
    if (!id) blocked(blocker, `creating a user failed: ${describeResponse(res)}`);
    this.ledger.track('User', id, payload.userName);
    return { id, payload, resource: res.body as Record<string, unknown>, res };
  }

  async group(overrides: Partial<GeneratedGroup> = {}): Promise<Created<GeneratedGroup>> {
    const payload = this.data.group(overrides);
    const res = await this.send({ ...this.entra.createGroup(payload), step: 'setup: POST /Groups' }, CHECK.createGroup);
    const id = createdId(res);
    if (!id) blocked(CHECK.createGroup, `creating a group failed: ${describeResponse(res)}`);
    this.ledger.track('Group', id, payload.displayName);
    return { id, payload, resource: res.body as Record<string, unknown>, res };
  }

  async addMembers(groupId: string, memberIds: string[]): Promise<void> {
    // One member is proved by the one-member check, several in one PATCH by the three-member check.
    const blocker = blockerIn(memberIds.length > 1 ? CHECK.addMembers : CHECK.addMember, this.dialect);
    const res = await this.send({ ...this.entra.addMembers(groupId, memberIds), step: 'setup: PATCH /Groups/{id} add members' }, blocker);
    if (res.status !== 200 && res.status !== 204) blocked(blocker, `adding members failed: ${describeResponse(res)}`);
  }

  /** A set-up request; a target error on it blocks the check by `blocker`, keeping the error's code. */
  private async send(req: ScimRequest, blocker: string): Promise<ScimResponse> {
    try {
      return await this.scim.send(req);
    } catch (err) {
      if (err instanceof TargetError) blocked(blocker, `${req.step ?? `${req.method} ${req.path}`} failed: ${err.message}`, err.code);
      throw err;
    }
  }
}

/** The id of a created resource, or undefined when the create did not succeed with a usable body. */
function createdId(res: ScimResponse): string | undefined {
  if (res.status !== 201 && res.status !== 200) return undefined;
  const id = (res.body as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}
