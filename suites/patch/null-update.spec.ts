/**
 * NULL-UPDATE: the 2026 gallery suite's SCIM_Null_Update_Test (reference §5.6 test 16) replaces optional
 * attributes with empty strings, expects them cleared, then replaces them with null and expects them to stay
 * cleared; 200 and 204 both pass. Entra itself never sends either (§3.4 Q15), so only the gallery suite does this.
 */
import { check, dialects } from '../_harness/index.js';
import { expectCleared, foldedReplaces, readUser, sendPatch, userWith } from '../_harness/patch.js';

const OPTIONAL = ['nickName', 'title', 'userType', 'profileUrl'] as const;

for (const dialect of dialects()) {
  check({
    id: 'patch/null-update',
    title: 'Sends Replace of optional attributes with empty strings, then with nulls',
    dialect,
    requirements: ['NULL-UPDATE', ...foldedReplaces(dialect)],
    counterparts: ['Gallery 16: SCIM_Null_Update_Test'],
  }, async (ctx) => {
    const { entra, data } = ctx;
    const user = await userWith(ctx, { nickName: data.word(), userType: 'Employee', profileUrl: `https://contoso.example/people/${data.guid()}` });
    for (const value of ['', null]) {
      await sendPatch(ctx, entra.updateUser(user.id, OPTIONAL.map((path) => ({ kind: 'replace', path, value }))), 'NULL-UPDATE');
      const back = await readUser(ctx, user.id, 'NULL-UPDATE');
      for (const path of OPTIONAL) expectCleared(back, path, { emptyString: true, requirement: 'NULL-UPDATE' });
    }
  });
}
