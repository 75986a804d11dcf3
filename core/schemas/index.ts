/**
 * Validating SCIM messages and resources against the schemas of definitions.ts, with the validators ajv compiled
 * ahead of time (validators.generated.cjs, see standalone.ts): no schema is compiled while a run goes, and ajv
 * itself is never loaded.
 */
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { SchemaName } from './definitions.js';

export type { SchemaName } from './definitions.js';

// The generated module is CommonJS (what ajv's standalone output is); required lazily, on the first validation.
const load = createRequire(import.meta.url);
let validators: Record<SchemaName, ValidateFunction> | undefined;
const validatorFor = (name: SchemaName): ValidateFunction =>
  (validators ??= load('./validators.generated.cjs') as Record<SchemaName, ValidateFunction>)[name];

export interface SchemaResult {
  valid: boolean;
  /** Human-readable problems, e.g. `/active must be boolean`. */
  errors: string[];
}

export function validateScim(name: SchemaName, value: unknown): SchemaResult {
  const validate = validatorFor(name);
  const valid = validate(value) as boolean;
  return { valid, errors: valid ? [] : (validate.errors ?? []).map(describeSchemaError) };
}

/** One ajv error as the checks report it. */
export function describeSchemaError(e: ErrorObject): string {
  return `${e.instancePath || '(root)'} ${e.message ?? 'is invalid'}`;
}
