/**
 * USER-PATCH-MULTIVALUED: Entra addresses one element of a multi-valued attribute through a value filter
 * (`emails[type eq "work"].value`, docs/entra-behaviour.md §2.1.5, §3.4 Q11). Filtered paths keep their own op in both dialects.
 * Also the validator's "Replace Attributes" body, whose filters select by `primary eq true` (§5.3 test 6).
 */
import { URN } from '../../core/urns.js';
import { check, CHECK, dialects } from '../_harness/index.js';
import { expectAt, patchAndReadBack, readUser, sendPatch, validatorPatch } from '../_harness/patch.js';

const WORK_EMAIL = 'emails[type eq "work"].value';
const WORK_PHONE = 'phoneNumbers[type eq "work"].value';
const MOBILE_PHONE = 'phoneNumbers[type eq "mobile"].value';
const FAX_PHONE = 'phoneNumbers[type eq "fax"].value';

for (const dialect of dialects()) {
  check({
    id: CHECK.valueFilterReplace,
    title: 'Sends Replace through value filters on the work email, phone and address',
    dialect,
    requirements: ['USER-PATCH-MULTIVALUED'],
    counterparts: ['MSV 6: Patch User - Replace Attributes'],
  }, async (ctx) => {
    const { setup, data, attrs } = ctx;
    const user = await setup.user();
    const before = user.payload;
    const next = data.user();
    const candidates: Record<string, unknown> = {
      [WORK_EMAIL]: next.emails[0]?.value,
      [WORK_PHONE]: next.phoneNumbers[0]?.value,
      'addresses[type eq "work"].streetAddress': next.addresses[0]?.streetAddress,
      'addresses[type eq "work"].locality': next.addresses[0]?.locality,
      'addresses[type eq "work"].postalCode': next.addresses[0]?.postalCode,
    };
    const chosen = attrs.pick(Object.keys(candidates).map((path) => ({ path })), 'Replacing through value filters', 1, 5);
    const wanted = Object.fromEntries(chosen.map(({ path }) => [path, candidates[path]]));
    const back = await patchAndReadBack(ctx, user.id, 'replace', wanted);
    // Only the addressed elements change: the other phone numbers and the rest of the work address stay.
    const unchanged: Record<string, unknown> = {
      [MOBILE_PHONE]: before.phoneNumbers?.[1]?.value,
      [FAX_PHONE]: before.phoneNumbers?.[2]?.value,
      'addresses[type eq "work"].country': before.addresses?.[0]?.country,
    };
    for (const path of attrs.declared(Object.keys(unchanged))) expectAt(back, path, unchanged[path]);
  });

  check({
    id: 'patch/value-filter-new-element',
    title: 'Sends Replace on phoneNumbers[type eq "mobile"].value to a user without one',
    dialect,
    requirements: ['USER-PATCH-MULTIVALUED'],
  }, async (ctx) => {
    const { entra, setup, data, attrs } = ctx;
    attrs.need([MOBILE_PHONE, WORK_PHONE]);
    const generated = data.user();
    const user = await setup.user({ phoneNumbers: generated.phoneNumbers.slice(0, 1) });
    const mobile = generated.phoneNumbers[1]?.value;
    await sendPatch(ctx, entra.updateUser(user.id, [{ kind: 'replace', path: MOBILE_PHONE, value: mobile }]));
    const back = await readUser(ctx, user.id);
    // No element matched, so the replace creates one carrying the filter's type (what Entra relies on).
    expectAt(back, MOBILE_PHONE, mobile);
    expectAt(back, WORK_PHONE, generated.phoneNumbers[0]?.value);
  });
}

/**
 * Validator test 6 "Patch User - Replace Attributes", body A exactly as captured (docs/entra-behaviour.md §5.3, EzSCIM run 07):
 * primary-filtered paths, then one path-less replace with dotted `name.*` keys.
 */
const MSV6_BODY_A = {
  schemas: [URN.PatchOp],
  Operations: [
    { op: 'replace', path: 'emails[primary eq true].value', value: 'jackeline.graham@thompson.co.uk' },
    { op: 'replace', path: 'phoneNumbers[primary eq true].value', value: '15-532-3301' },
    { op: 'replace', path: 'addresses[primary eq true].formatted', value: 'HKHVBPXOTLPU' },
    { op: 'replace', path: 'addresses[primary eq true].streetAddress', value: '5603 Gusikowski Overpass' },
    { op: 'replace', path: 'addresses[primary eq true].locality', value: 'QJQLYXFKNQES' },
    { op: 'replace', path: 'addresses[primary eq true].region', value: 'BHJLXPTIQJRP' },
    { op: 'replace', path: 'addresses[primary eq true].postalCode', value: 'ad39 0tr' },
    { op: 'replace', path: 'addresses[primary eq true].country', value: 'Bahrain' },
    {
      op: 'replace',
      value: {
        externalId: 'c7145de2-8d09-4d3f-ad32-73f3ad2f7dc3',
        'name.formatted': 'Theresa',
        'name.familyName': 'Mateo',
        'name.givenName': 'Leanne',
        'name.middleName': 'Keyshawn',
        'name.honorificPrefix': 'Petra',
        'name.honorificSuffix': 'Donald',
        displayName: 'WPMGMAPZZZOG',
        nickName: 'XRVKUQQEWTWM',
        profileUrl: 'MVFHUEKNWNOZ',
        title: 'KDDASUUSXZHZ',
        userType: 'KHPEVIFITFOF',
        preferredLanguage: 'en-SC',
        locale: 'PHSYYLKOBPWW',
        timezone: 'Africa/Lubumbashi',
        active: true,
      },
    },
  ],
} as const;

check({
  id: 'patch/validator-replace-attributes',
  title: 'Sends the validator\'s Replace Attributes body with primary-filtered paths',
  requirements: ['USER-PATCH-MULTIVALUED', 'USER-PATCH-NO-PATH'],
  counterparts: ['MSV 6: Patch User - Replace Attributes'],
}, async (ctx) => {
  const { setup, attrs } = ctx;
  const body = declaredPartOf(MSV6_BODY_A, (path) => attrs.declared([path]).length > 0);
  if (body.Operations.length === 0) attrs.need(['emails[primary eq true].value']);
  // The user carries a primary email, phone and address, as the validator's create does.
  const user = await setup.user();
  await sendPatch(ctx, validatorPatch(user.id, body, 'validator test 6: replace [primary eq true] paths; replace {dotted keys}'));
  const back = await readUser(ctx, user.id);
  // `primary eq true` selects the element whose boolean `primary` is true (RFC 7644 §3.4.2.2). The validator
  // compares against the string "true" it sent on create and reports correct endpoints as "Missing"
  // (docs/entra-behaviour.md §5.3); we judge by the value actually stored in the primary element.
  for (const o of body.Operations) {
    if (o.path !== undefined) expectAt(back, o.path, o.value, 'USER-PATCH-MULTIVALUED');
    else for (const [path, value] of Object.entries(o.value)) expectAt(back, path, value, 'USER-PATCH-NO-PATH');
  }
});

/** A path-bearing operation with a value, or a path-less one whose value object holds attribute paths. */
type ValidatorOperation = { op: string; path: string; value: unknown } | { op: string; path?: undefined; value: Record<string, unknown> };

/**
 * The validator's body with only what the endpoint declares, as the validator builds it after reading /Schemas:
 * filtered paths it declares, and of the path-less value only the keys it declares (an operation left empty goes).
 */
function declaredPartOf(body: typeof MSV6_BODY_A, declared: (path: string) => boolean): { schemas: readonly string[]; Operations: ValidatorOperation[] } {
  const Operations: ValidatorOperation[] = [];
  for (const o of body.Operations) {
    if ('path' in o) {
      if (declared(o.path)) Operations.push({ ...o });
      continue;
    }
    const value = Object.fromEntries(Object.entries(o.value).filter(([path]) => declared(path)));
    if (Object.keys(value).length > 0) Operations.push({ op: o.op, value });
  }
  return { schemas: body.schemas, Operations };
}
