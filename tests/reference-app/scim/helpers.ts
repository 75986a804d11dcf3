/** Small helpers for the reference-app/scim self-tests. */
import assert from 'node:assert/strict';
import { applyPatch, type PatchOptions, type PatchResult } from '../../../reference-app/scim/patch.js';
import { ScimError } from '../../../reference-app/scim/scim-error.js';
import type { ResourceType } from '../../../core/resource-type.js';

export const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const ENT = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export type Json = Record<string, unknown>;

export function body(operations: unknown[]): Json {
  return { schemas: [PATCH_OP], Operations: operations };
}

/** Applies operations and checks the input was not mutated. */
export function patch(resource: Json, operations: unknown[], type: ResourceType = 'User', options: PatchOptions = {}): PatchResult {
  const before = structuredClone(resource);
  const result = applyPatch(resource, body(operations), type, options);
  assert.deepEqual(resource, before, 'applyPatch must not mutate its input');
  return result;
}

/** Asserts that `fn` throws a ScimError with this status and scimType. */
export function throwsScim(fn: () => unknown, status: number, scimType: string | undefined, why: string): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ScimError, `${why}: ScimError expected, got ${String(e)}`);
    assert.equal(e.status, status, `${why}: status (${e.detail})`);
    assert.equal(e.scimType, scimType, `${why}: scimType (${e.detail})`);
    return true;
  }, why);
}

/** A user as the reference app would hold it after Entra's create (docs/entra-behaviour.md §2.1.1). */
export function entraUser(): Json {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', ENT],
    id: '48af03ac28ad4fb88478',
    externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
    userName: 'Test_User_00aa00aa-bb11-cc22-dd33-44ee44ee44ee',
    active: true,
    displayName: 'Old Name',
    emails: [{ primary: true, type: 'work', value: 'Test_User_11bb@testuser.com' }],
    name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
    [ENT]: { employeeNumber: '1', department: 'Sales' },
    meta: { resourceType: 'User', created: '2018-03-27T19:59:26.000Z', lastModified: '2018-03-27T19:59:26.000Z' },
  };
}

export function emptyGroup(): Json {
  return {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
    id: 'a99962b9f99d4c4fac67',
    externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
    displayName: 'displayName',
    meta: { resourceType: 'Group', created: '2018-03-27T19:59:26.000Z', lastModified: '2018-03-27T19:59:26.000Z' },
  };
}

export function ext(resource: Json): Json | undefined {
  return resource[ENT] as Json | undefined;
}
