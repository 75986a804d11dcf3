/**
 * Attribute mappings as an editable JSON file (docs/entra-behaviour.md §2.5): per attribute a target path and exactly one of
 * `source` (Direct), `constant` (Constant) or `expression` (Expression), plus `defaultValue` (create only),
 * `apply` (`always` | `create`), `matchingPrecedence` and `reference`. Compiled once; every error names the
 * file, the attribute and the field (and the position inside an expression).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HarnessError } from '../../core/errors.js';
import { FilterSyntaxError, parseTargetPath } from '../../core/filter/index.js';
import { compileExpression, type EvalContext, type Value } from '../expressions/compile.js';
import { ExpressionError, ExpressionRuntimeError } from '../expressions/errors.js';
import { defaultDateText } from '../expressions/datetime.js';
import { compileFilters, type ClauseInput, type CompiledFilters } from '../scoping/filter.js';
import { parseJsonFile } from '../directory/json-file.js';
import type { MappedValue, MappedValues } from '../scim-paths.js';

export const DEFAULT_MAPPINGS_FILE = fileURLToPath(new URL('./default-mappings.json', import.meta.url));

export interface AttributeMappingInput {
  target: string;
  source?: string;
  constant?: string;
  expression?: string;
  defaultValue?: string;
  apply?: 'always' | 'create';
  matchingPrecedence?: number;
  reference?: boolean;
}
export interface ObjectMappingInput {
  enabled?: boolean;
  actions?: { create?: boolean; update?: boolean; delete?: boolean };
  scopingFilters?: ClauseInput[][];
  attributes: AttributeMappingInput[];
}
export interface SettingsInput {
  /** `assigned`: assignments decide (a directory without assignments puts everything in scope); `all`: sync all. */
  scope?: 'assigned' | 'all';
  skipOutOfScopeDeletions?: boolean;
  /** Disables + deletes per cycle above which they are held back and the job quarantined; null = off. */
  accidentalDeletionThreshold?: number | null;
  memberBatchSize?: number;
  managerStyle?: 'bareString' | 'object' | 'array';
}
export interface MappingsInput {
  settings?: SettingsInput;
  user: ObjectMappingInput;
  group?: ObjectMappingInput;
}

export interface CompiledAttribute {
  target: string;
  kind: 'direct' | 'constant' | 'expression';
  defaultValue?: string;
  createOnly: boolean;
  matchingPrecedence?: number;
  /** Reference attributes (manager, members) flow after the referenced objects exist. */
  reference: boolean;
  evaluate(ctx: EvalContext): MappedValue;
}
export interface CompiledObjectMapping {
  enabled: boolean;
  actions: { create: boolean; update: boolean; delete: boolean };
  scopingFilters: CompiledFilters;
  attributes: CompiledAttribute[];
  /** Matching attributes in precedence order. */
  matching: CompiledAttribute[];
  /** The `active` mapping exists, so deprovisioning is a PATCH active=false (§4.4). */
  hasActive: boolean;
  manager?: CompiledAttribute;
  members?: CompiledAttribute;
}
export interface Settings {
  scope: 'assigned' | 'all';
  skipOutOfScopeDeletions: boolean;
  accidentalDeletionThreshold: number | null;
  memberBatchSize: number;
  managerStyle: 'bareString' | 'object' | 'array';
}
export interface CompiledMappings {
  file: string;
  settings: Settings;
  user: CompiledObjectMapping;
  group: CompiledObjectMapping;
  /** Changes when mappings or scoping filters change: a new initial cycle follows (§4.1). */
  hash: string;
}

export class MappingError extends HarnessError {
  constructor(message: string) {
    super('HARNESS_CONFIG', message);
  }
}

function toMapped(v: Value): MappedValue {
  if (v instanceof Date) return defaultDateText(v);
  return v;
}

function compileAttribute(a: AttributeMappingInput, where: string): CompiledAttribute {
  if (!a || typeof a !== 'object') throw new MappingError(`${where}: expected an object`);
  if (typeof a.target !== 'string' || !a.target) throw new MappingError(`${where}.target: required`);
  const label = `${where} (target ${JSON.stringify(a.target)})`;
  if (a.target === 'id') throw new MappingError(`${label}.target: the primary key id can't be a target attribute`);
  if (a.target !== 'members') {
    try {
      parseTargetPath(a.target);
    } catch (err) {
      if (!(err instanceof FilterSyntaxError)) throw err;
      throw new MappingError(`${label}.target: bad target attribute path (${err.message}): expected attr, attr.sub, attr[x eq "v"].sub or urn:…:attr`);
    }
  }
  const kinds = (['source', 'constant', 'expression'] as const).filter((k) => a[k] !== undefined);
  if (kinds.length !== 1) throw new MappingError(`${label}: give exactly one of source (Direct), constant (Constant) or expression (Expression); found ${kinds.length ? kinds.join(', ') : 'none'}`);
  for (const k of kinds) if (typeof a[k] !== 'string') throw new MappingError(`${label}.${k}: expected a string`);
  if (a.apply !== undefined && a.apply !== 'always' && a.apply !== 'create') throw new MappingError(`${label}.apply: expected "always" or "create", got ${JSON.stringify(a.apply)}`);
  if (a.matchingPrecedence !== undefined && (!Number.isInteger(a.matchingPrecedence) || a.matchingPrecedence < 1)) {
    throw new MappingError(`${label}.matchingPrecedence: expected a positive integer`);
  }
  if (a.defaultValue !== undefined && typeof a.defaultValue !== 'string') throw new MappingError(`${label}.defaultValue: expected a string`);
  let evaluate: (ctx: EvalContext) => MappedValue;
  let kind: CompiledAttribute['kind'];
  if (a.source !== undefined) {
    kind = 'direct';
    const name = a.source.replace(/^\[(.*)\]$/, '$1');
    evaluate = (ctx) => toMapped(ctx.get(name));
  } else if (a.constant !== undefined) {
    kind = 'constant';
    const c = a.constant;
    evaluate = () => c;
  } else {
    kind = 'expression';
    let compiled;
    try {
      compiled = compileExpression(a.expression as string);
    } catch (err) {
      if (err instanceof ExpressionError) throw new MappingError(`${label}.expression: ${err.message} in ${JSON.stringify(a.expression)}`);
      throw err;
    }
    evaluate = (ctx) => {
      try {
        return toMapped(compiled.evaluate(ctx));
      } catch (err) {
        if (err instanceof ExpressionRuntimeError) throw new ExpressionRuntimeError(`mapping of ${a.target}: ${err.message.replace(/ \(expression position \d+\)$/, '')}`, err.position);
        throw err;
      }
    };
  }
  const reference = a.reference ?? (a.source === 'manager' || a.source === 'members' || a.target === 'members' || /:manager$/i.test(a.target));
  return {
    target: a.target,
    kind,
    ...(a.defaultValue !== undefined ? { defaultValue: a.defaultValue } : {}),
    createOnly: a.apply === 'create',
    ...(a.matchingPrecedence !== undefined ? { matchingPrecedence: a.matchingPrecedence } : {}),
    reference,
    evaluate,
  };
}

function compileObject(o: ObjectMappingInput | undefined, where: string, required: boolean): CompiledObjectMapping {
  if (!o) {
    if (required) throw new MappingError(`${where}: required`);
    return { enabled: false, actions: { create: false, update: false, delete: false }, scopingFilters: [], attributes: [], matching: [], hasActive: false };
  }
  if (!Array.isArray(o.attributes)) throw new MappingError(`${where}.attributes: expected an array of attribute mappings`);
  const attributes = o.attributes.map((a, i) => compileAttribute(a, `${where}.attributes[${i}]`));
  const seen = new Map<string, number>();
  attributes.forEach((a, i) => {
    const key = a.target.toLowerCase();
    if (seen.has(key)) throw new MappingError(`${where}.attributes[${i}] (target ${JSON.stringify(a.target)}): target already mapped by attributes[${seen.get(key)}]`);
    seen.set(key, i);
  });
  const matching = attributes.filter((a) => a.matchingPrecedence !== undefined).sort((a, b) => (a.matchingPrecedence ?? 0) - (b.matchingPrecedence ?? 0));
  if (matching.length === 0) throw new MappingError(`${where}.attributes: no attribute has a matchingPrecedence; Entra needs at least one matching attribute`);
  for (let i = 1; i < matching.length; i++) {
    if (matching[i]?.matchingPrecedence === matching[i - 1]?.matchingPrecedence) throw new MappingError(`${where}.attributes: two attributes share matchingPrecedence ${matching[i]?.matchingPrecedence}`);
  }
  const manager = attributes.find((a) => a.reference && /(^|:)manager$/i.test(a.target));
  const members = attributes.find((a) => a.target === 'members');
  return {
    enabled: o.enabled ?? true,
    actions: { create: o.actions?.create ?? true, update: o.actions?.update ?? true, delete: o.actions?.delete ?? true },
    scopingFilters: compileFilters(o.scopingFilters ?? [], `${where}.scopingFilters`),
    attributes: attributes.filter((a) => !a.reference),
    matching,
    hasActive: attributes.some((a) => a.target === 'active'),
    ...(manager ? { manager } : {}),
    ...(members ? { members } : {}),
  };
}

function compileSettings(s: SettingsInput = {}, where: string): Settings {
  if (s.scope !== undefined && s.scope !== 'assigned' && s.scope !== 'all') throw new MappingError(`${where}.scope: expected "assigned" or "all"`);
  const t = s.accidentalDeletionThreshold;
  if (t !== undefined && t !== null && (!Number.isInteger(t) || t < 1)) throw new MappingError(`${where}.accidentalDeletionThreshold: expected a positive integer or null`);
  const b = s.memberBatchSize;
  if (b !== undefined && (!Number.isInteger(b) || b < 1)) throw new MappingError(`${where}.memberBatchSize: expected a positive integer`);
  if (s.managerStyle !== undefined && !['bareString', 'object', 'array'].includes(s.managerStyle)) throw new MappingError(`${where}.managerStyle: expected bareString, object or array`);
  return {
    scope: s.scope ?? 'assigned',
    skipOutOfScopeDeletions: s.skipOutOfScopeDeletions ?? false,
    accidentalDeletionThreshold: t ?? null,
    memberBatchSize: b ?? 50,
    managerStyle: s.managerStyle ?? 'bareString',
  };
}

export function compileMappings(input: MappingsInput, file = '<mappings>'): CompiledMappings {
  if (!input || typeof input !== 'object') throw new MappingError(`${file}: expected an object {settings?, user, group?}`);
  const json = JSON.stringify({ user: input.user, group: input.group ?? null, scope: input.settings?.scope ?? 'assigned' });
  return {
    file,
    settings: compileSettings(input.settings, `${file}: settings`),
    user: compileObject(input.user, `${file}: user`, true),
    group: compileObject(input.group, `${file}: group`, false),
    hash: createHash('sha1').update(json).digest('hex'),
  };
}

/** The default mapping file as data, to adapt (matching attribute, manager, groups) before compiling. */
export function defaultMappingsInput(): MappingsInput {
  return parseJsonFile(DEFAULT_MAPPINGS_FILE, readFileSync(DEFAULT_MAPPINGS_FILE, 'utf8'), 'mappings not loaded') as MappingsInput;
}

export function loadMappings(file: string = DEFAULT_MAPPINGS_FILE): CompiledMappings {
  return readMappingsFile(file).compiled;
}

/** A mappings file as data (what the state saves) and compiled (which checks it, naming the field that is wrong). */
export function readMappingsFile(file: string): { input: MappingsInput; compiled: CompiledMappings } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new MappingError(`cannot read mappings file ${file}: ${(err as Error).message}`);
  }
  const input = parseJsonFile(file, text, 'mappings not loaded') as MappingsInput;
  return { input, compiled: compileMappings(input, file) };
}

export interface EvaluateOptions {
  /** Create: includes create-only mappings and applies defaultValue when the value is null/empty. */
  create: boolean;
}

/** Evaluates the non-reference mappings for one object into target path → value. */
export function evaluateMappings(mapping: CompiledObjectMapping, ctx: EvalContext, opts: EvaluateOptions): MappedValues {
  const out: MappedValues = {};
  for (const a of mapping.attributes) {
    if (a.createOnly && !opts.create) continue;
    let v = a.evaluate(ctx);
    if ((v === null || v === '') && opts.create && a.defaultValue !== undefined) v = a.defaultValue;
    out[a.target] = v;
  }
  return out;
}
