/** Updating a target object: one PATCH carrying the diff between the target's values and the mapped ones. */
import type { AttributeChange } from '../request-builder.js';
import { readPath } from '../../core/filter/index.js';
import type { ObjectRun } from './object-run.js';
import { str } from './values.js';

/** One PATCH for the diff (nothing when there is nothing to change); modified properties for the log. */
export async function patch(
  run: ObjectRun, changes: AttributeChange[], current: Record<string, unknown>,
  build: (c: AttributeChange[]) => Parameters<ObjectRun['send']>[0], opts: { byId: boolean },
): Promise<'updated' | 'unchanged'> {
  if (changes.length === 0) {
    run.step('processing', 'skipped', 'Source and target already match: no update needed');
    return 'unchanged';
  }
  for (const c of changes) run.modified.push({ displayName: c.path, oldValue: str(readPath(current, c.path)), newValue: str(c.value) });
  run.step('processing', 'success', `${changes.length} attribute${changes.length === 1 ? '' : 's'} to update`);
  await run.send(build(changes), [200, 204], opts);
  run.step('export', 'success', `Updated ${changes.map((c) => c.path).join(', ')}`);
  return 'updated';
}
