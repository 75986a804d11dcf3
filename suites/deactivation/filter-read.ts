/**
 * Entra's matching query for one user, `GET /Users?filter=userName eq "…"` (reference §2.1.3), returning the
 * user with the given id from the ListResponse. A deactivated user must still be found this way (§1.1 R7).
 */
import type { CheckContext } from '../_harness/index.js';
import { expectScim, fail } from '../_harness/index.js';
import type { ReadBack } from '../_harness/patch.js';

export async function findByUserName(ctx: Pick<CheckContext, 'scim' | 'entra' | 'step'>, userName: string, id: string): Promise<ReadBack> {
  const req = ctx.entra.findUser('userName', userName);
  const res = await ctx.step(req.step ?? 'GET /Users?filter=userName eq "…"', () => ctx.scim.send(req));
  const found = expectScim(res).toHaveStatus(200).resources().find((r) => r.id === id);
  if (!found) {
    fail('SCIM_MISSING', 'the userName filter does not return the user', {
      expected: `a ListResponse holding the user with id ${id}`,
      actual: `ids ${JSON.stringify(expectScim(res).resources().map((r) => r.id))}`,
      res,
    });
  }
  return { res, user: found };
}
