/**
 * PATCH-OP-CASE: `op` is matched case-insensitively (RFC 7644 §3.5.2; reference §1.2 G4). Entra sends
 * `Add`/`Replace`/`Remove` by default and `add`/`replace`/`remove` with aadOptscim062020 (§3.4 Q1); an
 * all-upper-case request shows the endpoint ignores case rather than knowing Entra's two spellings.
 * An operation that is not applied is sent again in RFC 7644's lower case: if that fails too, the operation itself
 * is broken and the check proving it says so (this one is blocked); if it works, the letter case was the problem.
 */
import type { ScimRequest } from '../../core/client/request.js';
import type { AttributeChange, ChangeKind } from '../../mock-idp/request-builder.js';
import { blocked, check, CHECK, dialects, fail, inDialect, readPath } from '../_harness/index.js';
import { foldedReplaces, readUser, sendPatch, type ReadBack } from '../_harness/patch.js';
import { send } from '../_harness/wire.js';

function recaseOps(req: ScimRequest, recase: (op: string) => string, step: string): ScimRequest {
  const body = req.body as { Operations: Array<Record<string, unknown>> };
  const Operations = body.Operations.map((o) => ({ ...o, op: recase(String(o.op)) }));
  return { ...req, body: { ...body, Operations }, step };
}

const CASES: Array<{ id: string; title: string; recase: (req: ScimRequest) => ScimRequest }> = [
  { id: 'patch/op-case-entra', title: 'Sends Add, Replace and Remove in the letter case of Entra\'s dialect', recase: (req) => req },
  {
    id: 'patch/op-case-upper',
    title: 'Sends ADD, REPLACE and REMOVE in upper case',
    recase: (req) => recaseOps(req, (op) => op.toUpperCase(), 'PATCH /Users/{id} ADD nickName; REPLACE displayName; REMOVE title'),
  },
];

/** The check proving each operation on its own, by which this one is blocked when the operation never works. */
const PROVED_BY: Record<ChangeKind, string> = {
  add: CHECK.patchAdd,
  replace: CHECK.patchReplace,
  remove: CHECK.patchRemove,
};

/** The changes the user read back does not show. */
function unapplied(back: ReadBack, changes: readonly AttributeChange[]): AttributeChange[] {
  return changes.filter((c) => {
    const now = readPath(back.user, c.path);
    return c.kind === 'remove' ? now !== undefined && now !== null : JSON.stringify(now) !== JSON.stringify(c.value);
  });
}

const describe = (c: AttributeChange): string => `${c.kind} ${c.path}`;

for (const dialect of dialects()) {
  for (const { id, title, recase } of CASES) {
    check({
      id,
      title,
      dialect,
      requirements: ['PATCH-OP-CASE', ...foldedReplaces(dialect)],
    }, async (ctx) => {
      const { entra, setup, data } = ctx;
      const user = await setup.user();
      const changes: AttributeChange[] = [
        { kind: 'add', path: 'nickName', value: data.word() },
        { kind: 'replace', path: 'displayName', value: data.user().displayName },
        { kind: 'remove', path: 'title' },
      ];
      await sendPatch(ctx, recase(entra.updateUser(user.id, changes)), 'PATCH-OP-CASE');
      const back = await readUser(ctx, user.id);
      const missing = unapplied(back, changes);
      if (missing.length === 0) return;

      const lower = recaseOps(entra.updateUser(user.id, missing), (op) => op.toLowerCase(), `PATCH /Users/{id} lower case: ${missing.map(describe).join('; ')}`);
      const retry = await send(ctx, lower);
      const broken = retry.status === 200 || retry.status === 204 ? unapplied(await readUser(ctx, user.id), missing)[0] : missing[0];
      if (broken) blocked(inDialect(PROVED_BY[broken.kind], dialect), `${describe(broken)} is not applied even with a lower-case op`);
      fail('SCIM_VALUE', `the endpoint answered success but ignored ${missing.map(describe).join(', ')} in this letter case`, {
        expected: `${missing.map(describe).join(', ')} applied, as the same operations in lower case are`,
        actual: missing.map((c) => `${c.path} = ${JSON.stringify(readPath(back.user, c.path)) ?? '(absent)'}`).join(', '),
        res: back.res,
        requirement: 'PATCH-OP-CASE',
      });
    });
  }
}
