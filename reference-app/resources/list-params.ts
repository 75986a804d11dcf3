/**
 * Query parameters of GET /Users|/Groups and the body of POST /.search (RFC 7644 §3.4.2, §3.4.3), read into
 * one shape. Unknown parameters are ignored (Entra may forward `aadOptscim062020`); known ones with a value
 * that cannot be meant answer 400 invalidValue.
 */
import { parseAttributeList } from '../scim/projection.js';
import { fail } from './fail.js';

export interface Projection {
  attributes?: string[];
  excludedAttributes?: string[];
}

export interface ListParams extends Projection {
  filter?: string;
  sortBy?: string;
  sortOrder?: 'ascending' | 'descending';
  /** 1-based; values below 1 read as 1 (RFC 7644 §3.4.2.4). */
  startIndex: number;
  /** Already capped at maxResults; negative reads as 0. */
  count: number;
}

function names(v: unknown, param: string): string[] | undefined {
  if (v === undefined || v === null) return undefined;
  const parts = typeof v === 'string' ? parseAttributeList(v) : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  if (!parts) throw fail(400, `"${param}" must be a comma-separated string or an array of attribute names.`, 'invalidValue');
  const out = parts.map((s) => s.trim()).filter((s) => s !== '');
  return out.length > 0 ? out : undefined;
}

function integer(v: unknown, param: string): number | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v) ? Number(v) : NaN;
  if (!Number.isSafeInteger(n)) throw fail(400, `"${param}" must be an integer.`, 'invalidValue');
  return n;
}

function text(v: unknown, param: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw fail(400, `"${param}" must be a string.`, 'invalidValue');
  return v;
}

/** Reads the projection parameters alone (GET/POST/PUT/PATCH of one resource). */
export function readProjection(src: Record<string, unknown>): Projection {
  const p: Projection = {};
  const attributes = names(src.attributes, 'attributes');
  const excludedAttributes = names(src.excludedAttributes, 'excludedAttributes');
  if (attributes) p.attributes = attributes;
  if (excludedAttributes) p.excludedAttributes = excludedAttributes;
  return p;
}

export function readListParams(src: Record<string, unknown>, maxResults: number): ListParams {
  const p: ListParams = { ...readProjection(src), startIndex: 1, count: maxResults };
  const filter = text(src.filter, 'filter');
  if (filter !== undefined && filter.trim() !== '') p.filter = filter;
  const sortBy = text(src.sortBy, 'sortBy');
  if (sortBy !== undefined && sortBy.trim() !== '') p.sortBy = sortBy.trim();
  const sortOrder = text(src.sortOrder, 'sortOrder')?.toLowerCase();
  if (sortOrder !== undefined && sortOrder !== '') {
    if (sortOrder !== 'ascending' && sortOrder !== 'descending') throw fail(400, '"sortOrder" must be "ascending" or "descending".', 'invalidValue');
    p.sortOrder = sortOrder;
  }
  p.startIndex = Math.max(1, integer(src.startIndex, 'startIndex') ?? 1);
  p.count = Math.min(maxResults, Math.max(0, integer(src.count, 'count') ?? maxResults));
  return p;
}
