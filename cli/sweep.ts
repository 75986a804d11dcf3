/**
 * Removes what a run of ours left on a target, and never anything else: the resources a journal lists as created
 * and not deleted, and those whose userName / displayName carries our run prefix. Every candidate is read back
 * first and deleted only if its name is still the one we gave it, so an id the target reused for someone else's
 * resource is left alone.
 */
import type { ScimClient, ScimResponse } from '../core/client/scim-client.js';
import type { JournaledResource } from '../core/journal.js';
import type { ResourceType } from '../core/resource-type.js';
import { usageError } from './context.js';

export interface SweepOptions {
  journaled?: readonly JournaledResource[];
  /** Resources whose name starts with this (case-insensitively, as SCIM `sw` matches) are ours. */
  prefix?: string;
  /** Upper bound on pages read per resource type while searching by prefix. */
  maxPages?: number;
}

export interface SweepOutcome {
  removed: JournaledResource[];
  /** Journaled but already gone (404). */
  alreadyGone: JournaledResource[];
  /** Journaled, but the id now holds a resource with another name: not ours, left alone. */
  notOurs: JournaledResource[];
  failed: Array<JournaledResource & { error: string }>;
  /** How resources were found by prefix: `filter` (sw worked), `paging` (it did not). */
  prefixSearch?: Partial<Record<ResourceType, 'filter' | 'paging'>>;
}

const NAME_ATTR: Record<ResourceType, 'userName' | 'displayName'> = { User: 'userName', Group: 'displayName' };
const ENDPOINT: Record<ResourceType, string> = { User: '/Users', Group: '/Groups' };
const PAGE = 100;
/** A shorter prefix could match names that are not ours. */
export const MIN_PREFIX_LENGTH = 6;

export async function sweep(client: ScimClient, opts: SweepOptions): Promise<SweepOutcome> {
  if (opts.prefix !== undefined && opts.prefix.length < MIN_PREFIX_LENGTH) {
    throw usageError(`--prefix "${opts.prefix}" is shorter than ${MIN_PREFIX_LENGTH} characters and could match resources that are not ours`);
  }
  const out: SweepOutcome = { removed: [], alreadyGone: [], notOurs: [], failed: [] };
  const candidates = new Map<string, JournaledResource>();
  const key = (r: JournaledResource): string => `${r.type}:${r.id}`;
  const prefix = opts.prefix?.toLowerCase();
  const ours = (type: ResourceType, body: unknown, journaledName?: string): boolean => {
    const name = nameOf(type, body);
    if (name === undefined) return false;
    if (journaledName !== undefined) return name.toLowerCase() === journaledName.toLowerCase();
    return prefix !== undefined && name.toLowerCase().startsWith(prefix);
  };

  for (const r of opts.journaled ?? []) {
    if (candidates.has(key(r))) continue;
    try {
      const res = await client.send({ method: 'GET', path: `${ENDPOINT[r.type]}/${encodeURIComponent(r.id)}`, step: `GET ${ENDPOINT[r.type]}/{id} (sweep)` });
      if (res.status === 404) out.alreadyGone.push(r);
      else if (res.status !== 200) out.failed.push({ ...r, error: `GET answered ${res.status}` });
      else if (ours(r.type, res.body, r.name)) candidates.set(key(r), { ...r, name: nameOf(r.type, res.body) ?? r.name });
      else out.notOurs.push(r);
    } catch (err) {
      out.failed.push({ ...r, error: (err as Error).message });
    }
  }

  if (prefix !== undefined) {
    out.prefixSearch = {};
    for (const type of ['Group', 'User'] as const) {
      const { found, how } = await findByPrefix(client, type, opts.prefix ?? '', opts.maxPages ?? 1000);
      out.prefixSearch[type] = how;
      for (const r of found) {
        const name = nameOf(type, r.body);
        if (name !== undefined && ours(type, r.body)) candidates.set(key({ type, id: r.id }), { type, id: r.id, name });
      }
    }
  }

  // Groups first, so no membership points at a user being removed.
  const ordered = [...candidates.values()].sort((a, b) => (a.type === b.type ? 0 : a.type === 'Group' ? -1 : 1));
  for (const r of ordered) {
    try {
      const res = await client.send({ method: 'DELETE', path: `${ENDPOINT[r.type]}/${encodeURIComponent(r.id)}`, step: `DELETE ${ENDPOINT[r.type]}/{id} (sweep)` });
      if (res.status >= 200 && res.status < 300) out.removed.push(r);
      else if (res.status === 404) out.alreadyGone.push(r);
      else out.failed.push({ ...r, error: `DELETE answered ${res.status}` });
    } catch (err) {
      out.failed.push({ ...r, error: (err as Error).message });
    }
  }
  return out;
}

function nameOf(type: ResourceType, body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const v = (body as Record<string, unknown>)[NAME_ATTR[type]];
  return typeof v === 'string' ? v : undefined;
}

interface Found {
  id: string;
  body: unknown;
}

/** `filter=<name> sw "P"` first; a target that refuses it is paged through whole. Names are checked by the caller. */
async function findByPrefix(client: ScimClient, type: ResourceType, prefix: string, maxPages: number): Promise<{ found: Found[]; how: 'filter' | 'paging' }> {
  const filter = `${NAME_ATTR[type]} sw "${prefix.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const filtered = await listAll(client, type, filter, maxPages);
  if (filtered) return { found: filtered, how: 'filter' };
  const all = await listAll(client, type, undefined, maxPages);
  if (!all) throw new Error(`GET ${ENDPOINT[type]} does not answer with a ListResponse, so resources with the prefix cannot be found`);
  return { found: all, how: 'paging' };
}

/** Every resource of a query, page by page; undefined when the target does not answer with a ListResponse. */
async function listAll(client: ScimClient, type: ResourceType, filter: string | undefined, maxPages: number): Promise<Found[] | undefined> {
  const found: Found[] = [];
  let startIndex = 1;
  for (let page = 0; page < maxPages; page++) {
    const query: Array<[string, string]> = [
      ...(filter ? [['filter', filter] as [string, string]] : []),
      ['startIndex', String(startIndex)],
      ['count', String(PAGE)],
    ];
    const res: ScimResponse = await client.send({ method: 'GET', path: ENDPOINT[type], query, step: `GET ${ENDPOINT[type]}${filter ? ' filter sw' : ''} (sweep)` });
    const body = res.body as { totalResults?: unknown; Resources?: unknown } | undefined;
    if (res.status !== 200 || typeof body !== 'object' || body === null || typeof body.totalResults !== 'number') return undefined;
    const resources = Array.isArray(body.Resources) ? body.Resources : [];
    for (const r of resources) {
      const id = (r as { id?: unknown } | null)?.id;
      if (typeof id === 'string' && id !== '') found.push({ id, body: r });
    }
    startIndex += resources.length;
    if (resources.length === 0 || startIndex > body.totalResults) return found;
  }
  return found;
}

/** Lines saying what a sweep did; names only (ids are opaque), never anything else of the resources. */
export function describeSweep(o: SweepOutcome): string[] {
  const label = (r: JournaledResource): string => `${r.type} ${r.name ?? '(no name)'} (id ${r.id})`;
  return [
    ...o.removed.map((r) => `removed ${label(r)}`),
    ...o.notOurs.map((r) => `left alone ${label(r)}: the id now holds a resource with another name`),
    ...o.failed.map((r) => `could not remove ${label(r)}: ${r.error}`),
    `swept: ${o.removed.length} removed, ${o.alreadyGone.length} already gone, ${o.failed.length} failed`,
  ];
}
