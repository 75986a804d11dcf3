/**
 * The Expression builder's "Test" (docs/entra-behaviour.md §2.5): one attribute mapping evaluated on one user of
 * the directory, with the facts a cycle gives it (IsSoftDeleted, app roles) and the simulated clock for Now().
 */
import { HarnessError } from '../core/errors.js';
import { ScopeEvaluator } from './cycles/decide.js';
import { JobState } from './cycles/state.js';
import { evalContext } from './cycles/values.js';
import type { Db } from './db.js';
import { userSource } from './directory/source-view.js';
import { DirectoryStore } from './directory/store.js';
import { ExpressionRuntimeError } from './expressions/errors.js';
import { compileMappings, type AttributeMappingInput, type CompiledMappings } from './mappings/mappings.js';
import type { MappedValue } from './scim-paths.js';

export type PreviewResult = { ok: true; value: MappedValue } | { ok: false; error: string };

export function previewAttribute(db: Db, mappings: CompiledMappings, attribute: AttributeMappingInput, userId: string): PreviewResult {
  const user = new DirectoryStore(db).getUser(userId);
  if (!user) throw new HarnessError('HARNESS_CONFIG', `no user with id ${JSON.stringify(userId)} in the directory`);
  let compiled;
  try {
    // Compiled alone, as a non-reference matching attribute, so a manager or members mapping previews too.
    compiled = compileMappings({ user: { attributes: [{ ...attribute, reference: false, matchingPrecedence: 1 }] } }, 'the mapping').user.attributes[0];
  } catch (err) {
    if (err instanceof HarnessError) return { ok: false, error: err.message };
    throw err;
  }
  if (!compiled) return { ok: false, error: 'the mapping did not compile' };
  const facts = new ScopeEvaluator(new DirectoryStore(db), mappings).userFacts(user);
  const now = new JobState(db).getNumber('clock') ?? Date.now();
  try {
    let value = compiled.evaluate(evalContext(userSource(user, facts), now));
    if ((value === null || value === '') && attribute.defaultValue !== undefined) value = attribute.defaultValue;
    return { ok: true, value };
  } catch (err) {
    if (err instanceof ExpressionRuntimeError) return { ok: false, error: err.message };
    throw err;
  }
}
