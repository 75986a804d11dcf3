/**
 * NULL-UPDATE: the 2026 gallery suite's SCIM_Null_Update_Test (docs/entra-behaviour.md §5.6 test 16) replaces optional
 * attributes with empty strings, expects them cleared, then replaces them with null and expects them to stay
 * cleared; 200 and 204 both pass. Entra itself never sends either (§3.4 Q15), so only the gallery suite does this.
 * One variable: a control replaces the same attributes with ordinary values first; the attributes are optional
 * ones the endpoint declares.
 */
import { check, CHECK, dialects, inDialect } from '../_harness/index.js';
import { changesOf, controlPatch, expectCleared, foldedReplaces, readUser, sendPatch } from '../_harness/patch.js';
import { OPTIONAL_STRINGS, valuesFor } from './optional-attributes.js';

for (const dialect of dialects()) {
  check({
    id: 'patch/null-update',
    title: 'Sends Replace of optional attributes with empty strings, then with nulls',
    dialect,
    requirements: ['NULL-UPDATE', ...foldedReplaces(dialect)],
    counterparts: ['Gallery 16: SCIM_Null_Update_Test'],
  }, async (ctx) => {
    const { entra, data, setup, attrs } = ctx;
    const cleared = attrs.pick(OPTIONAL_STRINGS, 'Clearing optional attributes', 1, 4);
    const user = await setup.user(valuesFor(cleared, data));
    const ordinary = valuesFor(cleared, data);
    await controlPatch(ctx, entra.updateUser(user.id, changesOf('replace', ordinary)), user.id,
      cleared.map((a) => ({ path: a.path, value: ordinary[a.path], blocker: inDialect(CHECK.patchReplace, dialect) })));
    for (const value of ['', null]) {
      await sendPatch(ctx, entra.updateUser(user.id, cleared.map((a) => ({ kind: 'replace', path: a.path, value }))), 'NULL-UPDATE');
      const back = await readUser(ctx, user.id, 'NULL-UPDATE');
      for (const a of cleared) expectCleared(back, a.path, { emptyString: true, requirement: 'NULL-UPDATE' });
    }
  });
}
