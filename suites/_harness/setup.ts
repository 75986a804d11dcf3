/**
 * Prerequisites, created Entra's way and tracked for cleanup. When a prerequisite cannot be created, the check
 * that needed it is `blocked` by the check that proves that very operation — not failed a second time.
 */
import type { ScimClient, ScimResponse } from '../../core/client/scim-client.js';
import type { Dialect } from '../../core/run-config.js';
import type { EntraRequestBuilder } from '../../mock-idp/request-builder.js';
import type { DataFactory, GeneratedGroup, GeneratedUser } from '../../test-data/factory.js';
import { CHECK } from './check-ids.js';
import { blockerIn } from './context.js';
import type { Ledger } from './ledger.js';
import { describeResponse } from './matchers.js';
import { blocked } from './verdicts.js';

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
    private readonly ledger: Ledger,
    /** The PATCH dialect of the check's request builder. */
    private readonly dialect: Dialect,
  ) {}

  async user(overrides: Partial<GeneratedUser> = {}): Promise<Created<GeneratedUser>> {
    const payload = this.data.user(overrides);
    const res = await this.scim.send({ ...this.entra.createUser(payload), step: 'setup: POST /Users' });
    const id = createdId(res);
    if (!id) blocked(CHECK.createUser, `creating a user failed: ${describeResponse(res)}`);
    this.ledger.track('User', id, payload.userName);
    return { id, payload, resource: res.body as Record<string, unknown>, res };
  }

  async group(overrides: Partial<GeneratedGroup> = {}): Promise<Created<GeneratedGroup>> {
    const payload = this.data.group(overrides);
    const res = await this.scim.send({ ...this.entra.createGroup(payload), step: 'setup: POST /Groups' });
    const id = createdId(res);
    if (!id) blocked(CHECK.createGroup, `creating a group failed: ${describeResponse(res)}`);
    this.ledger.track('Group', id, payload.displayName);
    return { id, payload, resource: res.body as Record<string, unknown>, res };
  }

  async addMembers(groupId: string, memberIds: string[]): Promise<void> {
    const res = await this.scim.send({ ...this.entra.addMembers(groupId, memberIds), step: 'setup: PATCH /Groups/{id} add members' });
    if (res.status !== 200 && res.status !== 204) blocked(blockerIn(CHECK.addMember, this.dialect), `adding members failed: ${describeResponse(res)}`);
  }
}

/** The id of a created resource, or undefined when the create did not succeed with a usable body. */
function createdId(res: ScimResponse): string | undefined {
  if (res.status !== 201 && res.status !== 200) return undefined;
  const id = (res.body as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' && id.length > 0 ? id : undefined;
}
