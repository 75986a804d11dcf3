/**
 * Paging as the 2026 gallery suite does it (docs/entra-behaviour.md §5.6 tests 23, 24: `startIndex=N&count=5`, every page 200,
 * `startIndex` echoed as page*5+1, at least two pages), over a population the check created itself.
 *
 * The endpoint may hold other people's data (issue #7), so the pages are asked for with a filter that selects only
 * this check's resources (`userName sw "<prefix>"`). An endpoint without `sw` is paged over everything and only
 * our ids are judged; other resources are never touched, and a population that changes while we page (other
 * checks of this run, other clients) restarts the walk instead of failing the endpoint.
 */
import type { ScimRequest } from '../../core/client/request.js';
import type { ScimResponse } from '../../core/client/scim-client.js';
import { TargetError } from '../../core/errors.js';
import { filterLiteral } from '../../mock-idp/request-shapes.js';
import { expectScim, fail, type CheckContext } from '../_harness/index.js';
import { send } from '../_harness/wire.js';

export const PAGE_SIZE = 5;
/** 11 resources make three pages of 5, 5 and 1, like the gallery suite's "at least 11 users". */
export const POPULATION = 11;
/** Without a usable filter, give up beyond this many pages (500 resources) rather than walk a whole directory. */
const MAX_PAGES = 100;
const MAX_WALKS = 3;

export interface Population {
  /** The requirement a broken page proves broken; ListResponse form (itemsPerPage, schemas) is LIST-RESPONSE's. */
  requirement: 'LIST-PAGINATION' | 'LIST-GROUP-PAGINATION';
  path: '/Users' | '/Groups';
  noun: 'users' | 'groups';
  /** The attribute our names start with (`userName`, `displayName`) and the prefix only ours carry. */
  attribute: string;
  prefix: string;
  ids: readonly string[];
  /** Extra query pairs sent first, as Entra orders them (`excludedAttributes=members` for groups). */
  query?: ReadonlyArray<readonly [string, string]>;
}

interface Walk {
  total: number;
  /** How often each id appeared across the pages. */
  seen: Map<string, number>;
  last: ScimResponse;
}

type Outcome = { kind: 'walked'; walk: Walk } | { kind: 'filter-unusable'; why: string } | { kind: 'unstable'; why: string };

function pageRequest(pop: Population, filter: string | undefined, startIndex: number): ScimRequest {
  const query: Array<readonly [string, string]> = [...(pop.query ?? [])];
  if (filter) query.push(['filter', filter]);
  query.push(['startIndex', String(startIndex)], ['count', String(PAGE_SIZE)]);
  const shown = filter ? `filter=${pop.attribute} sw "<ours>"&` : '';
  return { method: 'GET', path: pop.path, query, queryStyle: 'entra', step: `GET ${pop.path}?${shown}startIndex=${startIndex}&count=${PAGE_SIZE}` };
}

/** Walks the pages once. `filter` undefined = everything on the endpoint. */
async function walk(ctx: CheckContext, pop: Population, filter: string | undefined): Promise<Outcome> {
  const ours = new Set(pop.ids);
  const seen = new Map<string, number>();
  let total: number | undefined;
  let startIndex = 1;
  for (let page = 0; ; page++) {
    if (page >= MAX_PAGES) {
      throw new TargetError('TARGET_SETUP', `more than ${MAX_PAGES * PAGE_SIZE} ${pop.noun} to page through and no filter on ${pop.attribute} to select ours; cannot judge pagination on this endpoint`);
    }
    const res = await send(ctx, pageRequest(pop, filter, startIndex));
    if (filter && page === 0 && (res.status === 400 || res.status === 501)) {
      return { kind: 'filter-unusable', why: `${pop.attribute} sw answered ${res.status}` };
    }
    expectScim(res, pop.requirement).toHaveStatus(200);
    expectScim(res, 'LIST-RESPONSE').toHavePageFields();
    const body = expectScim(res).json();
    const resources = expectScim(res).resources();
    const ids = resources.map((r) => String(r.id));
    if (filter && page === 0 && (ids.some((id) => !ours.has(id)) || body.totalResults === 0)) {
      return { kind: 'filter-unusable', why: `${pop.attribute} sw did not select exactly ours (${ids.length} returned, totalResults ${JSON.stringify(body.totalResults)})` };
    }
    if (body.startIndex !== startIndex) {
      fail('SCIM_VALUE', `the page asked for with startIndex=${startIndex} does not echo it`, {
        expected: `startIndex ${startIndex} (1-based, the page*${PAGE_SIZE}+1 the gallery suite checks)`,
        actual: `startIndex ${JSON.stringify(body.startIndex) ?? '(absent)'}`,
        res,
        requirement: pop.requirement,
      });
    }
    if (resources.length > PAGE_SIZE) {
      fail('SCIM_VALUE', `count=${PAGE_SIZE} was not honoured`, { expected: `at most ${PAGE_SIZE} resources per page`, actual: `${resources.length} resources`, res, requirement: pop.requirement });
    }
    const pageTotal = body.totalResults as number;
    if (total === undefined) total = pageTotal;
    else if (pageTotal !== total) {
      if (!filter) return { kind: 'unstable', why: `totalResults went from ${total} to ${pageTotal} between pages` };
      fail('SCIM_VALUE', 'totalResults changed from one page to the next although nothing changed', { expected: `totalResults ${total} on every page`, actual: `totalResults ${pageTotal} on the page at startIndex ${startIndex}`, res, requirement: pop.requirement });
    }
    for (const id of ids) seen.set(id, (seen.get(id) ?? 0) + 1);
    const next = startIndex + resources.length;
    if (next > total) return { kind: 'walked', walk: { total, seen, last: res } };
    if (resources.length === 0) {
      fail('SCIM_MISSING', `an empty page at startIndex ${startIndex} although totalResults is ${total}`, { expected: `resources ${startIndex}…${Math.min(total, startIndex + PAGE_SIZE - 1)}`, actual: 'no resources', res, requirement: pop.requirement });
    }
    startIndex = next;
  }
}

/** Pages through the population and judges the pages. */
export async function expectPagesHoldEachOnce(ctx: CheckContext, pop: Population): Promise<void> {
  const filter = `${pop.attribute} sw ${filterLiteral(pop.prefix)}`;
  let outcome = await walk(ctx, pop, filter);
  const filtered = outcome.kind === 'walked';
  for (let attempt = 0; outcome.kind !== 'walked'; attempt++) {
    if (attempt >= MAX_WALKS) {
      throw new TargetError('TARGET_SETUP', `the ${pop.noun} on the endpoint kept changing while paging without a filter (${outcome.why}); cannot judge pagination`);
    }
    outcome = await walk(ctx, pop, undefined);
  }
  const { walk: result } = outcome;
  const missing = pop.ids.filter((id) => !result.seen.has(id));
  const repeated = pop.ids.filter((id) => (result.seen.get(id) ?? 0) > 1);
  if (missing.length || repeated.length) {
    fail('SCIM_MISSING', `paging with startIndex/count=${PAGE_SIZE} did not return each of our ${pop.ids.length} ${pop.noun} exactly once`, {
      expected: `each of the ${pop.ids.length} ${pop.noun} on exactly one page`,
      actual: [
        missing.length ? `${missing.length} never returned (${missing.map((i) => JSON.stringify(i)).join(', ')})` : '',
        repeated.length ? `${repeated.length} returned more than once (${repeated.map((i) => JSON.stringify(i)).join(', ')})` : '',
      ].filter(Boolean).join('; '),
      res: result.last,
      requirement: pop.requirement,
    });
  }
  if (filtered && result.total !== pop.ids.length) {
    fail('SCIM_VALUE', `totalResults is not the number of ${pop.noun} the filter selects`, { expected: `totalResults ${pop.ids.length}`, actual: `totalResults ${result.total}`, res: result.last, requirement: pop.requirement });
  }
  if (!filtered && result.total < pop.ids.length) {
    fail('SCIM_VALUE', `totalResults is smaller than the ${pop.ids.length} ${pop.noun} this check created`, { expected: `totalResults ≥ ${pop.ids.length}`, actual: `totalResults ${result.total}`, res: result.last, requirement: pop.requirement });
  }
}
