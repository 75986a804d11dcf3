/**
 * PATCH-OP-CASE: `op` is matched case-insensitively (RFC 7644 §3.5.2; docs/entra-behaviour.md §1.2 G4). Entra sends
 * `Add`/`Replace`/`Remove` by default and `add`/`replace`/`remove` with aadOptscim062020 (§3.4 Q1); an
 * all-upper-case request shows the endpoint ignores case rather than knowing Entra's two spellings.
 * One variable: the control — the same operations, attributes and values in RFC 7644's lower case — runs first
 * on a user of its own. When the control is refused or not applied, the operation itself is broken (the check
 * proving it says so) and this check is blocked; when the control works, only the letter case can fail this one.
 * The attributes are optional ones the endpoint declares, and displayName.
 */
import type { ScimRequest } from '../../core/client/request.js';
import type { AttributeChange, ChangeKind } from '../../mock-idp/request-shapes.js';
import { check, CHECK, dialects, fail, inDialect, readPath } from '../_harness/index.js';
import { controlPatch, readUser, sendPatch, type ReadBack } from '../_harness/patch.js';
import { OPTIONAL_STRINGS, valuesFor, without, type OptionalAttribute } from './optional-attributes.js';

function recaseOps(req: ScimRequest, recase: (op: string) => string, step: string): ScimRequest {
  const body = req.body as { Operations: Array<Record<string, unknown>> };
  const Operations = body.Operations.map((o) => ({ ...o, op: recase(String(o.op)) }));
  return { ...req, body: { ...body, Operations }, step };
}

const upper = (op: string): string => op.toUpperCase();
const lower = (op: string): string => op.toLowerCase();

/** The letter cases judged: Entra's own where it is not RFC 7644's lower case, and all upper case in both dialects. */
const CASES = [
  { id: 'patch/op-case-entra', title: 'Sends Add, Replace and Remove in the letter case of Entra\'s dialect', recase: undefined, dialects: ['default'] },
  { id: 'patch/op-case-upper', title: 'Sends ADD, REPLACE and REMOVE in upper case', recase: upper, dialects: ['default', 'aadOptscim062020'] },
] as const;

/** The check proving each operation on its own, by which this one is blocked when its control fails. */
const PROVED_BY: Record<ChangeKind, string> = { add: CHECK.patchAdd, replace: CHECK.patchReplace, remove: CHECK.patchRemove };

/** The changes the user read back does not show. */
function unapplied(back: ReadBack, changes: readonly AttributeChange[]): AttributeChange[] {
  return changes.filter((c) => {
    const now = readPath(back.user, c.path);
    return c.kind === 'remove' ? now !== undefined && now !== null : JSON.stringify(now) !== JSON.stringify(c.value);
  });
}

const describe = (c: AttributeChange): string => `${c.kind} ${c.path}`;

for (const dialect of dialects()) {
  for (const { id, title, recase, dialects: inDialects } of CASES) {
    if (!(inDialects as readonly string[]).includes(dialect)) continue;
    check({ id, title, dialect, requirements: ['PATCH-OP-CASE'] }, async (ctx) => {
      const { entra, setup, data, attrs } = ctx;
      // pick returns at least `min` (2) candidates or ends the check as n/a.
      const [added, removed] = attrs.pick(OPTIONAL_STRINGS, 'Sending Add and Remove on different attributes', 2) as [OptionalAttribute, OptionalAttribute];
      attrs.need(['displayName']);
      const given = { ...without([added]), ...valuesFor([removed], data) };
      // The control gets values of its own: the same attributes and operations, in lower case.
      const changesWithNewValues = (): AttributeChange[] => [
        { kind: 'add', path: added.path, value: added.value(data) },
        { kind: 'replace', path: 'displayName', value: data.user().displayName },
        { kind: 'remove', path: removed.path },
      ];
      const controlChanges = changesWithNewValues();
      const control = await setup.user(given);
      await controlPatch(ctx, recaseOps(entra.updateUser(control.id, controlChanges), lower, `PATCH /Users/{id} lower case: ${controlChanges.map(describe).join('; ')}`),
        control.id, controlChanges.map((c) => ({ path: c.path, value: c.value, blocker: inDialect(PROVED_BY[c.kind], dialect) })));

      const changes = changesWithNewValues();
      const user = await setup.user(given);
      const request = entra.updateUser(user.id, changes);
      const stimulus = recase ? recaseOps(request, recase, `PATCH /Users/{id} ${changes.map((c) => `${c.kind.toUpperCase()} ${c.path}`).join('; ')}`) : request;
      await sendPatch(ctx, stimulus, 'PATCH-OP-CASE');
      const back = await readUser(ctx, user.id);
      const missing = unapplied(back, changes);
      if (missing.length === 0) return;
      fail('SCIM_VALUE', `the endpoint answered success but ignored ${missing.map(describe).join(', ')} in this letter case`, {
        expected: `${missing.map(describe).join(', ')} applied, as the same operations in lower case were (the control)`,
        actual: missing.map((c) => `${c.path} = ${JSON.stringify(readPath(back.user, c.path)) ?? '(absent)'}`).join(', '),
        res: back.res,
        requirement: 'PATCH-OP-CASE',
      });
    });
  }
}
