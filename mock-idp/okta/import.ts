/**
 * Okta's import (docs/okta-behaviour.md §1.1): `GET /Users?startIndex=1&count=100`, then `startIndex+100` until
 * `totalResults`; then the same for `/Groups`. Each page is judged as Okta needs it — paging fields that are JSON
 * integers, the startIndex asked for, no resource twice, none missing (a stable order) — and what is wrong is logged
 * as a warning. Imported users are matched to directory users by userName and groups by displayName; a match not
 * yet linked is linked, so the next push updates it instead of creating it.
 */
import type { ScimResponse } from '../../core/client/scim-client.js';
import { allGroupIds, allUserIds, linkedIds } from '../cycles/planning.js';
import { listOf } from '../cycles/values.js';
import type { SourceType } from '../cycles/state.js';
import { addOktaLog, failed, newObjectRun, newOktaRun, type OktaParts, type OktaRun } from './context.js';
import { OktaScope } from './app-profile.js';
import { OKTA_PAGE_SIZE, type ScimObject } from './requests.js';

export interface ImportCounts {
  /** Distinct resources read. */
  imported: number;
  /** Matched to a directory object (linked now or before). */
  matched: number;
  /** Linked by this import. */
  linked: number;
}
export interface OktaImportResult {
  runId: string;
  users: ImportCounts;
  groups: ImportCounts;
  pages: number;
  /** What Okta would trip over: paging fields, order, failed pages. */
  problems: string[];
  ok: boolean;
}

const PAGING_FIELDS = ['totalResults', 'startIndex', 'itemsPerPage'] as const;

/** The problems of one page against what Okta needs. */
function judgePage(res: ScimResponse, startIndex: number): string[] {
  const what = `GET ${res.request.path}?startIndex=${startIndex}&count=${OKTA_PAGE_SIZE}`;
  const body = (res.body ?? {}) as Record<string, unknown>;
  const out: string[] = [];
  for (const f of PAGING_FIELDS) {
    if (body[f] !== undefined && !Number.isInteger(body[f])) out.push(`${what}: ${f} is ${JSON.stringify(body[f])}, not a JSON integer`);
  }
  if (body.totalResults === undefined) out.push(`${what}: no totalResults, so Okta cannot tell when to stop`);
  if (Number.isInteger(body.startIndex) && body.startIndex !== startIndex) out.push(`${what}: answered startIndex ${String(body.startIndex)}`);
  return out;
}

/** Every page of one resource type; the distinct resources in the order read. Problems are logged as warnings. */
async function readAll(run: OktaRun, type: 'Users' | 'Groups', problems: string[]): Promise<{ resources: ScimObject[]; pages: number }> {
  const { builder } = run.job;
  const obj = newObjectRun(run);
  const sourceType = type === 'Users' ? 'user' : 'group';
  const warn = (...found: string[]): void => {
    for (const p of found) {
      problems.push(p);
      addOktaLog(run, {
        durationMs: 0, action: 'other', status: 'warning', sourceType, sourceId: '', sourceName: `import of /${type}`,
        errorCode: 'SystemForCrossDomainIdentityManagementServiceIncompatible', errorReason: p, steps: [], modified: [],
      });
    }
  };
  const seen = new Set<string>();
  const resources: ScimObject[] = [];
  let pages = 0;
  let total = 0;
  try {
    for (let start = 1; ; start += OKTA_PAGE_SIZE) {
      const res = await obj.send(type === 'Users' ? builder.listUsers(start) : builder.listGroups(start), [200]);
      pages++;
      warn(...judgePage(res, start));
      total = Number((res.body as { totalResults?: unknown } | undefined)?.totalResults ?? 0);
      const page = listOf(res);
      let repeated = 0;
      for (const r of page) {
        const id = String(r.id);
        if (seen.has(id)) repeated++;
        else {
          seen.add(id);
          resources.push(r);
        }
      }
      if (repeated) warn(`GET /${type}?startIndex=${start}&count=${OKTA_PAGE_SIZE}: ${repeated} resource(s) already read on an earlier page: the order is not stable`);
      if (!Number.isFinite(total) || start + OKTA_PAGE_SIZE > total) break;
      if (page.length === 0) {
        warn(`GET /${type}?startIndex=${start}&count=${OKTA_PAGE_SIZE}: an empty page before totalResults ${total}`);
        break;
      }
    }
    if (resources.length < total) warn(`/${type}: ${resources.length} distinct resources read of totalResults ${total}: paging skipped some`);
  } catch (err) {
    failed(run, obj, err, (code, reason) => {
      problems.push(`/${type}: ${reason}`);
      addOktaLog(run, { durationMs: obj.durationMs, action: 'other', status: 'failure', sourceType, sourceId: '', sourceName: `import of /${type}`, errorCode: code, errorReason: reason, steps: obj.steps, modified: [] });
    });
  }
  return { resources, pages };
}

export async function importFromTarget(job: OktaParts): Promise<OktaImportResult> {
  const run = newOktaRun(job, new OktaScope(job.dir));
  const problems: string[] = [];
  const users = await readAll(run, 'Users', problems);
  const userCounts = linkImported(run, 'user', users.resources);
  const groups = run.abort ? { resources: [], pages: 0 } : await readAll(run, 'Groups', problems);
  const groupCounts = linkImported(run, 'group', groups.resources);
  job.logs.flush();
  return { runId: run.id, users: userCounts, groups: groupCounts, pages: users.pages + groups.pages, problems, ok: problems.length === 0 };
}

/** Matches imported resources to the directory (users by userName, groups by displayName, any case) and links new matches. */
function linkImported(run: OktaRun, type: SourceType, resources: ScimObject[]): ImportCounts {
  const { dir, state, pushed, opts } = run.job;
  const key = type === 'user' ? 'userName' : 'displayName';
  const bySourceKey = new Map<string, string>();
  if (type === 'user') for (const id of allUserIds(run.job)) bySourceKey.set(dir.getUser(id)?.userPrincipalName.toLowerCase() ?? '', id);
  else for (const id of allGroupIds(run.job)) bySourceKey.set(dir.getGroup(id)?.displayName.toLowerCase() ?? '', id);
  const sourceOfTarget = new Map<string, string>();
  if (type === 'group') for (const u of linkedIds(run.job, 'user')) sourceOfTarget.set(state.link('user', u)?.targetId ?? '', u);
  const counts: ImportCounts = { imported: resources.length, matched: 0, linked: 0 };
  for (const r of resources) {
    const name = typeof r[key] === 'string' ? (r[key] as string) : '';
    const targetId = String(r.id);
    const sourceId = bySourceKey.get(name.toLowerCase());
    const entry = { durationMs: 0, sourceType: type, sourceId: sourceId ?? '', sourceName: name, targetId, steps: [], modified: [] };
    if (!sourceId) {
      addOktaLog(run, { ...entry, action: 'other', status: 'skipped', errorCode: 'ImportSkipped', errorReason: `Imported ${type} ${targetId}: no directory ${type} has ${key} "${name}"` });
      continue;
    }
    counts.matched++;
    const link = state.link(type, sourceId);
    if (link) {
      const same = link.targetId === targetId;
      addOktaLog(run, { ...entry, action: 'other', status: same ? 'success' : 'warning', ...(same ? {} : { errorCode: 'DuplicateTargetEntries' as const, errorReason: `Imported ${type} ${targetId} has the ${key} of a directory ${type} already linked to ${link.targetId}` }) });
      continue;
    }
    state.setLink(type, sourceId, { targetId, state: type === 'user' && r.active === false ? 'disabled' : 'active', managerTarget: null });
    if (type === 'group') {
      pushed.set('group', sourceId, { displayName: name });
      const members = Array.isArray(r.members) ? (r.members as Array<{ value?: unknown }>) : [];
      state.recordMembers(sourceId, members.map((m) => sourceOfTarget.get(String(m.value))).filter((m): m is string => m !== undefined), []);
    }
    opts.onLinked?.(type, targetId, name);
    counts.linked++;
    addOktaLog(run, { ...entry, action: 'other', status: 'success' });
  }
  return counts;
}
