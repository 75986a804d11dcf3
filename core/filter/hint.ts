/** What a store can learn from a parsed filter without evaluating it. */
import { coreSchemaOf } from '../schema-defs/index.js';
import type { ResourceType } from '../resource-type.js';
import { URN } from '../urns.js';
import type { FilterNode } from './ast.js';

export interface EqualityHint {
  /** Canonical spelling: userName, externalId, displayName or id. */
  readonly attr: 'userName' | 'externalId' | 'displayName' | 'id';
  readonly value: string;
  /** id and externalId compare exactly (RFC 7643 §3.1); userName and displayName ignore case. */
  readonly caseExact: boolean;
}

const INDEXED = ['userName', 'externalId', 'displayName', 'id'] as const;

/**
 * The `attr eq "v"` on an indexed attribute at the top of the filter, or inside a chain of `and`s (Entra's
 * `id eq X and manager eq Y`). A store may narrow candidates with it, then must still evaluate the full filter.
 */
export function extractEqualityHint(node: FilterNode): EqualityHint | undefined {
  if (node.op === 'and') return extractEqualityHint(node.left) ?? extractEqualityHint(node.right);
  if (node.op !== 'eq' || node.value === null || typeof node.value === 'boolean') return undefined;
  const { uri, attr, sub } = node.path;
  if (sub !== undefined || attr === undefined) return undefined;
  if (uri !== undefined && uri.toLowerCase() !== URN.User.toLowerCase() && uri.toLowerCase() !== URN.Group.toLowerCase()) {
    return undefined;
  }
  const name = INDEXED.find((n) => n.toLowerCase() === attr.toLowerCase());
  if (!name) return undefined;
  const value = typeof node.value === 'string' ? node.value : node.raw ?? String(node.value);
  return { attr: name, value, caseExact: name === 'id' || name === 'externalId' };
}

/**
 * The hint when it is the whole filter and a lookup answers it exactly: one `eq` with a string value on an
 * indexed attribute of the queried type's core schema. A store whose index compares as the hint says (id and
 * externalId exactly, userName and displayName ignoring case, as the evaluator reads the schema) may then skip
 * evaluating: every resource the lookup returns matches.
 */
export function wholeFilterHint(node: FilterNode, resourceType: ResourceType): EqualityHint | undefined {
  if (node.op !== 'eq' || typeof node.value !== 'string') return undefined;
  const { uri } = node.path;
  if (uri !== undefined && uri.toLowerCase() !== coreSchemaOf(resourceType).toLowerCase()) return undefined;
  return extractEqualityHint(node);
}
