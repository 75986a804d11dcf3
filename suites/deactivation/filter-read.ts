/**
 * Entra's matching query for one user, `GET /Users?filter=userName eq "…"` (docs/entra-behaviour.md §2.1.3), returning the
 * user with the given id from the ListResponse. A deactivated user must still be found this way (§1.1 R7).
 */
import type { CheckContext } from '../_harness/index.js';
import { expectScim, fail } from '../_harness/index.js';
import type { ReadBack } from '../_harness/patch.js';
import { send } from '../_harness/wire.js';

export async function findByUserName(ctx: Pick<CheckContext, 'scim' | 'entra' | 'step'>, userName: string, id: string, requirement: string): Promise<ReadBack> {
  const res = await send(ctx, ctx.entra.findUser('userName', userName));
  const found = expectScim(res, requirement).toHaveStatus(200).resources().find((r) => r.id === id);
  if (!found) {
    fail('SCIM_MISSING', 'the userName filter does not return the user', {
      expected: `a ListResponse holding the user with id ${id}`,
      actual: `ids ${JSON.stringify(expectScim(res).resources().map((r) => r.id))}`,
      res,
      requirement,
    });
  }
  return { res, user: found };
}
