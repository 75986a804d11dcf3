/**
 * USER-PATCH-ORDER: several operations in one PATCH are applied one after the other, so the last one wins
 * (RFC 7644 §3.5.2). The stimuli are the SCIM Validator's two preview tests (docs/entra-behaviour.md §5.3 P1, P2): Entra itself
 * sends at most one operation per attribute. Like the validator, which discovers the schema first, P1 removes an
 * optional attribute the endpoint declares (nickName, as captured, when it does).
 * One variable: the control sends the same operations one PATCH each, on a user of its own; when one of them is
 * refused or not applied, the operation itself is broken (its own check says so) and this check is blocked.
 */
import { URN } from '../../core/urns.js';
import { blockerIn } from '../_harness/context.js';
import { check, CHECK } from '../_harness/index.js';
import { controlPatch, expectAt, expectCleared, readUser, sendPatch, validatorPatch, type ControlExpectation } from '../_harness/patch.js';
import type { CheckContext } from '../_harness/index.js';
import { VALIDATOR_FIRST, valuesFor, type OptionalAttribute } from './optional-attributes.js';

type Operation = { op: string; path?: string; value?: unknown };

/**
 * The checks proving each operation on its own: path-less replace (the validator's own form), add of an attribute
 * the user lacks, remove by path.
 */
const NO_PATH = 'patch/validator-no-path-username';
const ADD = blockerIn(CHECK.patchAdd, 'aadOptscim062020');
const REMOVE = blockerIn(CHECK.patchRemove, 'aadOptscim062020');

/**
 * Validator P1 "Patch User - Multiple Operations on different attributes", removing `removed`. The captured values
 * are the stimulus's; the control gets values of its own, so an endpoint keeping externalIds unique is not tripped
 * by the control's user holding the same one.
 */
const p1 = (removed: string, externalId = '6f0b8274-70ba-4b93-aaf9-0dfdcd579490', displayName = 'PAXIDTCXZVEK'): Operation[] => [
  { op: 'remove', path: removed },
  { op: 'add', value: { externalId } },
  { op: 'replace', value: { displayName } },
];

/** Validator P2 "Patch User - Multiple Operations on same attribute" (the control with values of its own). */
const p2 = (added = '015abcb0-9fa2-4323-8f2a-96dfc0074d99', replaced = '3a234ac7-2fa7-4fad-a3dc-7eb6e9d79584'): Operation[] => [
  { op: 'remove', path: 'externalId' },
  { op: 'add', value: { externalId: added } },
  { op: 'replace', value: { externalId: replaced } },
];

const body = (ops: readonly Operation[]): unknown => ({ schemas: [URN.PatchOp], Operations: ops });

/** What one operation leaves behind, for the control's read-back. */
function effect(o: Operation): ControlExpectation[] {
  if (o.op === 'remove') return [{ path: o.path ?? '', blocker: REMOVE }];
  const blocker = o.op === 'add' ? ADD : NO_PATH;
  return Object.entries(o.value as Record<string, unknown>).map(([path, value]) => ({ path, value, blocker }));
}

/** The control: each operation in a PATCH of its own, on a fresh user given the attributes the check starts with. */
async function controlEachAlone(ctx: CheckContext, ops: readonly Operation[], given: Record<string, unknown>, label: string): Promise<void> {
  const control = await ctx.setup.user(given);
  for (const [i, o] of ops.entries()) {
    await controlPatch(ctx, validatorPatch(control.id, body([o]), `${label} operation ${i + 1} alone`), control.id, effect(o));
  }
}

check({
  id: 'patch/order-three-attributes',
  title: 'Sends the validator\'s remove, add and replace on three attributes in one PATCH',
  requirements: ['USER-PATCH-ORDER'],
  counterparts: ['MSV P1: Patch User - Multiple Operations on different attributes'],
}, async (ctx) => {
  // pick returns at least one candidate or ends the check as n/a.
  const [removed] = ctx.attrs.pick(VALIDATOR_FIRST, 'Removing an attribute') as [OptionalAttribute];
  ctx.attrs.need(['displayName']);
  const ops = p1(removed.path);
  const given = valuesFor([removed], ctx.data);
  await controlEachAlone(ctx, p1(removed.path, ctx.data.guid(), ctx.data.word()), given, 'validator P1');
  const user = await ctx.setup.user(given);
  await sendPatch(ctx, validatorPatch(user.id, body(ops), `validator P1: remove ${removed.path}; add {externalId}; replace {displayName}`), 'USER-PATCH-ORDER');
  const back = await readUser(ctx, user.id);
  expectCleared(back, removed.path, { requirement: 'USER-PATCH-ORDER' });
  expectAt(back, 'externalId', '6f0b8274-70ba-4b93-aaf9-0dfdcd579490', 'USER-PATCH-ORDER');
  expectAt(back, 'displayName', 'PAXIDTCXZVEK', 'USER-PATCH-ORDER');
});

check({
  id: 'patch/order-same-attribute',
  title: 'Sends the validator\'s remove, add and replace of externalId in one PATCH',
  requirements: ['USER-PATCH-ORDER'],
  counterparts: ['MSV P2: Patch User - Multiple Operations on same attribute'],
}, async (ctx) => {
  await controlEachAlone(ctx, p2(ctx.data.guid(), ctx.data.guid()), {}, 'validator P2');
  const user = await ctx.setup.user();
  await sendPatch(ctx, validatorPatch(user.id, body(p2()), 'validator P2: remove externalId; add {externalId}; replace {externalId}'), 'USER-PATCH-ORDER');
  const back = await readUser(ctx, user.id);
  // Applied in order, the replace comes last; the add's value or no externalId at all means the order was lost.
  expectAt(back, 'externalId', '3a234ac7-2fa7-4fad-a3dc-7eb6e9d79584', 'USER-PATCH-ORDER');
});
