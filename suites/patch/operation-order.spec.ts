/**
 * USER-PATCH-ORDER: several operations in one PATCH are applied one after the other, so the last one wins
 * (RFC 7644 §3.5.2). The stimuli are the SCIM Validator's two preview tests, byte for byte (reference §5.3 P1, P2):
 * Entra itself sends at most one operation per attribute.
 */
import { URN } from '../../core/urns.js';
import { check } from '../_harness/index.js';
import { expectAt, expectCleared, readUser, sendPatch, userWith, validatorPatch } from '../_harness/patch.js';

/** Validator P1 "Patch User - Multiple Operations on different attributes". */
const MSV_P1_BODY = {
  schemas: [URN.PatchOp],
  Operations: [
    { op: 'remove', path: 'nickName' },
    { op: 'add', value: { externalId: '6f0b8274-70ba-4b93-aaf9-0dfdcd579490' } },
    { op: 'replace', value: { displayName: 'PAXIDTCXZVEK' } },
  ],
} as const;

/** Validator P2 "Patch User - Multiple Operations on same attribute". */
const MSV_P2_BODY = {
  schemas: [URN.PatchOp],
  Operations: [
    { op: 'remove', path: 'externalId' },
    { op: 'add', value: { externalId: '015abcb0-9fa2-4323-8f2a-96dfc0074d99' } },
    { op: 'replace', value: { externalId: '3a234ac7-2fa7-4fad-a3dc-7eb6e9d79584' } },
  ],
} as const;

check({
  id: 'patch/order-three-attributes',
  title: 'Sends the validator\'s remove, add and replace on three attributes in one PATCH',
  requirements: ['USER-PATCH-ORDER', 'USER-PATCH-REMOVE', 'USER-PATCH-NO-PATH'],
  counterparts: ['MSV P1: Patch User - Multiple Operations on different attributes'],
}, async (ctx) => {
  const user = await userWith(ctx, { nickName: ctx.data.word() });
  await sendPatch(ctx, validatorPatch(user.id, MSV_P1_BODY, 'validator P1: remove nickName; add {externalId}; replace {displayName}'), 'USER-PATCH-ORDER');
  const back = await readUser(ctx, user.id);
  expectCleared(back, 'nickName', { requirement: 'USER-PATCH-REMOVE' });
  expectAt(back, 'externalId', MSV_P1_BODY.Operations[1].value.externalId, 'USER-PATCH-NO-PATH');
  expectAt(back, 'displayName', MSV_P1_BODY.Operations[2].value.displayName, 'USER-PATCH-NO-PATH');
});

check({
  id: 'patch/order-same-attribute',
  title: 'Sends the validator\'s remove, add and replace of externalId in one PATCH',
  requirements: ['USER-PATCH-ORDER', 'USER-PATCH-NO-PATH'],
  counterparts: ['MSV P2: Patch User - Multiple Operations on same attribute'],
}, async (ctx) => {
  const user = await ctx.setup.user();
  await sendPatch(ctx, validatorPatch(user.id, MSV_P2_BODY, 'validator P2: remove externalId; add {externalId}; replace {externalId}'), 'USER-PATCH-ORDER');
  const back = await readUser(ctx, user.id);
  // Applied in order, the replace comes last; the add's value or no externalId at all means the order was lost.
  expectAt(back, 'externalId', MSV_P2_BODY.Operations[2].value.externalId, 'USER-PATCH-ORDER');
});
