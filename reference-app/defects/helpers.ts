/** Small readers and rewriters the defect files share, so each defect file stays a few lines of intent. */
import { extractEqualityHint, findKey, isObject, parseFilter, referencedPaths, type EqualityHint } from '../../core/filter/index.js';
import { URN } from '../../core/urns.js';
import type { ResourceType } from '../../core/resource-type.js';
import type { Json } from '../store/resource-store.js';
import type { DefectHooks, ScimReply, ScimRequestView } from './types.js';

/** The Operations of a PATCH body (key matched in any case); [] when the body has none. */
export function operations(body: Json): Json[] {
  const key = findKey(body, 'Operations');
  const ops = key === undefined ? undefined : body[key];
  return Array.isArray(ops) ? ops.filter(isObject) : [];
}

/** The body with its Operations replaced. */
export function withOperations(body: Json, ops: Json[]): Json {
  return { ...body, [findKey(body, 'Operations') ?? 'Operations']: ops };
}

/** A patch hook that silently drops, on resources of `type`, the operations `skipped` picks; the rest apply. */
export function skipOperations(type: ResourceType, skipped: (op: Json) => boolean): NonNullable<DefectHooks['patch']> {
  return (body, ctx) => (ctx.type !== type ? body : withOperations(body, operations(body).filter((op) => !skipped(op))));
}

/** A response hook that answers 204 where a DELETE of an unknown `type` id got its 404. */
export function unknownDeleteAnswers204(type: ResourceType): NonNullable<DefectHooks['response']> {
  return (res, req) => (req.method === 'DELETE' && req.resourceType === type && res.status === 404 ? { status: 204, headers: {} } : res);
}

export function opName(op: Json): string {
  const v = op[findKey(op, 'op') ?? 'op'];
  return typeof v === 'string' ? v : '';
}

export function pathOf(op: Json): string | undefined {
  const v = op[findKey(op, 'path') ?? 'path'];
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

export function valueOf(op: Json): unknown {
  return op[findKey(op, 'value') ?? 'value'];
}

/** A GET query or a .search: the replies that carry a ListResponse. */
export const isQuery = (req: ScimRequestView): boolean =>
  (req.method === 'GET' && req.route === 'collection') || req.route === 'search';

/** The filter text of a query (query string or .search body). */
export function filterText(req: ScimRequestView): string | undefined {
  const f = req.route === 'search' && isObject(req.body) ? req.body.filter : req.query.filter;
  return typeof f === 'string' && f.trim() !== '' ? f : undefined;
}

/** The indexed `attr eq "v"` of the request's filter, if it parses and has one. */
export function equalityHint(req: ScimRequestView): EqualityHint | undefined {
  const f = filterText(req);
  if (f === undefined) return undefined;
  try {
    return extractEqualityHint(parseFilter(f));
  } catch {
    return undefined;
  }
}

/** Lower-case names of the top-level attributes the request's filter reads ([] when none or unparsable). */
export function filterAttributes(req: ScimRequestView): string[] {
  const f = filterText(req);
  if (f === undefined) return [];
  try {
    return referencedPaths(parseFilter(f)).map((p) => (p.attr ?? '').toLowerCase());
  } catch {
    return [];
  }
}

/** Rewrites the request's filter text (query string or .search body). */
export function withFilter(req: ScimRequestView, filter: string | undefined): ScimRequestView {
  if (req.route === 'search' && isObject(req.body)) {
    const { filter: _old, ...rest } = req.body;
    return { ...req, body: filter === undefined ? rest : { ...rest, filter } };
  }
  const { filter: _old, ...rest } = req.query;
  return { ...req, query: filter === undefined ? rest : { ...rest, filter } };
}

const isList = (body: unknown): body is Json & { Resources: Json[] } =>
  isObject(body) && Array.isArray(body.schemas) && body.schemas.includes(URN.ListResponse) && Array.isArray(body.Resources);

/** Applies fn to every resource a reply carries: the single resource, or each of a ListResponse's. */
export function mapResources(res: ScimReply, fn: (r: Json) => Json): ScimReply {
  if (res.status >= 300 || !isObject(res.body)) return res;
  if (isList(res.body)) return { ...res, body: { ...res.body, Resources: res.body.Resources.map(fn) } };
  return { ...res, body: fn(res.body) };
}

/** Drops the ListResponse resources `keep` rejects, fixing totalResults and itemsPerPage to match. */
export function filterListResources(res: ScimReply, keep: (r: Json) => boolean): ScimReply {
  if (res.status !== 200 || !isList(res.body)) return res;
  const before = res.body.Resources.length;
  const Resources = res.body.Resources.filter(keep);
  const dropped = before - Resources.length;
  const total = typeof res.body.totalResults === 'number' ? res.body.totalResults - dropped : Resources.length;
  return { ...res, body: { ...res.body, totalResults: total, itemsPerPage: Resources.length, Resources } };
}

export const isUserReply = (req: ScimRequestView): boolean => req.resourceType === 'User';
