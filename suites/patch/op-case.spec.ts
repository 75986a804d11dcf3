/**
 * PATCH-OP-CASE: `op` is matched case-insensitively (RFC 7644 §3.5.2; reference §1.2 G4). Entra sends
 * `Add`/`Replace`/`Remove` by default and `add`/`replace`/`remove` with aadOptscim062020 (§3.4 Q1); an
 * all-upper-case request shows the endpoint ignores case rather than knowing Entra's two spellings.
 */
import type { ScimRequest } from '../../core/client/request.js';
import type { AttributeChange } from '../../mock-idp/request-builder.js';
import { check, dialects } from '../_harness/index.js';
import { expectAt, expectCleared, foldedReplaces, readUser, sendPatch } from '../_harness/patch.js';

/** The same request with every op upper-cased (`ADD`, `REPLACE`, `REMOVE`). */
function upperCaseOps(req: ScimRequest): ScimRequest {
  const body = req.body as { Operations: Array<Record<string, unknown>> };
  const Operations = body.Operations.map((o) => ({ ...o, op: String(o.op).toUpperCase() }));
  return { ...req, body: { ...body, Operations }, step: 'PATCH /Users/{id} ADD nickName; REPLACE displayName; REMOVE title' };
}

const CASES = [
  { title: 'Sends Add, Replace and Remove in the letter case of Entra\'s dialect', recase: (req: ScimRequest) => req },
  { title: 'Sends ADD, REPLACE and REMOVE in upper case', recase: upperCaseOps },
];

for (const dialect of dialects()) {
  for (const { title, recase } of CASES) {
    check({
      title,
      dialect,
      requirements: ['PATCH-OP-CASE', ...foldedReplaces(dialect)],
    }, async (ctx) => {
      const { entra, setup, data } = ctx;
      const user = await setup.user();
      const nickName = data.word();
      const displayName = data.user().displayName;
      const changes: AttributeChange[] = [
        { kind: 'add', path: 'nickName', value: nickName },
        { kind: 'replace', path: 'displayName', value: displayName },
        { kind: 'remove', path: 'title' },
      ];
      await sendPatch(ctx, recase(entra.updateUser(user.id, changes)), 'PATCH-OP-CASE');
      const back = await readUser(ctx, user.id);
      expectAt(back, 'nickName', nickName, 'PATCH-OP-CASE');
      expectAt(back, 'displayName', displayName);
      expectCleared(back, 'title', { requirement: 'PATCH-OP-CASE' });
    });
  }
}
