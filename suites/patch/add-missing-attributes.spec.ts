/**
 * USER-PATCH-ADD: Entra sends `Add` (not `Replace`) when the target lacks the attribute (docs/entra-behaviour.md §3.3.2, §4.6):
 * on a single-valued attribute it sets the value; on a value-filter path it creates the element. Adds keep their
 * own path in both dialects. The attributes are optional ones the endpoint declares (Entra's mapped ones first).
 */
import { check, CHECK, dialects } from '../_harness/index.js';
import { expectAt, patchAndReadBack } from '../_harness/patch.js';
import { OPTIONAL_STRINGS, valuesFor, without } from './optional-attributes.js';

const WORK_PHONE = 'phoneNumbers[type eq "work"].value';
const NEW_PHONES = ['phoneNumbers[type eq "mobile"].value', 'phoneNumbers[type eq "fax"].value'];

for (const dialect of dialects()) {
  check({
    id: CHECK.patchAdd,
    title: 'Sends Add of optional attributes to a user without them',
    dialect,
    requirements: ['USER-PATCH-ADD'],
  }, async (ctx) => {
    const { setup, data, attrs } = ctx;
    const added = attrs.pick(OPTIONAL_STRINGS, 'Adding attributes a user lacks', 1, 3);
    const user = await setup.user(without(added));
    const wanted = valuesFor(added, data);
    const back = await patchAndReadBack(ctx, user.id, 'add', wanted);
    expectAt(back, 'userName', user.payload.userName);
  });

  check({
    id: 'patch/add-value-filter',
    title: 'Sends Add on value-filter paths for phone numbers the user lacks',
    dialect,
    requirements: ['USER-PATCH-ADD', 'USER-PATCH-MULTIVALUED'],
  }, async (ctx) => {
    const { setup, data, attrs } = ctx;
    attrs.need([WORK_PHONE, ...NEW_PHONES]);
    const generated = data.user();
    const user = await setup.user({ phoneNumbers: generated.phoneNumbers.slice(0, 1) });
    const wanted = Object.fromEntries(NEW_PHONES.map((path, i) => [path, generated.phoneNumbers[i + 1]?.value]));
    const back = await patchAndReadBack(ctx, user.id, 'add', wanted);
    // The existing element stays as it was.
    expectAt(back, WORK_PHONE, generated.phoneNumbers[0]?.value);
  });
}
