/**
 * USER-PATCH-REPLACE: Entra's update of single-valued attributes (docs/entra-behaviour.md §2.1.6, §3.3.3). In the default dialect
 * each attribute is its own `Replace` with a path; with aadOptscim062020 Entra folds them into one path-less
 * `replace` with dotted keys, so there the same check also proves USER-PATCH-NO-PATH. The attributes are those of
 * Entra's default mapping the endpoint declares (userName always).
 */
import { check, CHECK, dialects } from '../_harness/index.js';
import { foldedReplaces, patchAndReadBack } from '../_harness/patch.js';

for (const dialect of dialects()) {
  check({
    id: CHECK.patchReplace,
    title: 'Sends Replace of userName and the other single-valued attributes Entra maps',
    dialect,
    requirements: ['USER-PATCH-REPLACE', ...foldedReplaces(dialect)],
    counterparts: ['Gallery 18: SCIM_User_Update_Test', 'Gallery 2: Update_User_Test'],
  }, async (ctx) => {
    const { setup, data, attrs } = ctx;
    const user = await setup.user();
    const next = data.user();
    const candidates: Record<string, string> = {
      userName: next.userName,
      displayName: next.displayName,
      title: data.word(),
      externalId: next.externalId,
      'name.givenName': next.name.givenName,
      'name.familyName': next.name.familyName,
    };
    const wanted = Object.fromEntries(attrs.declared(Object.keys(candidates)).map((path) => [path, candidates[path]]));
    await patchAndReadBack(ctx, user.id, 'replace', wanted);
  });
}
