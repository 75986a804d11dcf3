/**
 * Figure 4: the reference app's filter GET (`userName eq "…"` over a store of seeded users) and POST /Users
 * rates next to a bare node:http server, same autocannon connections, interleaved round by round so both see
 * the same machine; then the long fuzz run of tests/reference-app/fuzz-long.ts.
 */
import { fuzzReferenceApp } from '../tests/reference-app/fuzz-long.js';
import { measured, median, ratio, type Figure } from './figures.js';
import { load, userBody, type LoadResult } from './load.js';
import { serveBenchServer, serveReferenceApp, type Server } from './proc.js';

export interface ReferenceOptions {
  storeUsers: number;
  connections: number;
  seconds: number;
  /** Interleaved rounds of (bare GET, filter GET, bare POST, POST). */
  rounds: number;
  fuzzRuns: number;
}

const seedName = (n: number): string => `seed-${n}@bench.example`;

function filterGet(target: Server, o: ReferenceOptions): Promise<LoadResult> {
  // autocannon's per-request path replaces the URL's whole path, so it starts at the server root.
  const path = `${new URL(target.url).pathname.replace(/\/+$/, '')}/Users`;
  // The userName of a random seeded user on every request, encoded as Entra encodes it.
  const next = (): { path: string } => ({ path: `${path}?filter=${encodeURIComponent(`userName eq "${seedName(Math.floor(Math.random() * o.storeUsers))}"`)}` });
  return load({ url: target.url, connections: o.connections, seconds: o.seconds, token: target.token, next });
}

let posted = 0;
function post(target: Server, o: ReferenceOptions): Promise<LoadResult> {
  return load({ url: `${target.url}/Users`, connections: o.connections, seconds: o.seconds, token: target.token, method: 'POST', next: () => ({ body: userBody(`post-${process.pid}-${posted++}@bench.example`) }) });
}

const brief = (r: LoadResult): Record<string, number> => ({ rps: Math.round(r.rps), requests: r.requests, non2xx: r.non2xx, errors: r.errors, p50Ms: r.latencyP50Ms, p99Ms: r.latencyP99Ms });

export async function referenceFigures(log: (s: string) => void, o: ReferenceOptions): Promise<Figure[]> {
  const app = await serveReferenceApp();
  const bare = await serveBenchServer('./bare-http.ts');
  const figures: Figure[] = [];
  try {
    log(`reference: seeding ${o.storeUsers} users`);
    let n = 0;
    const seeded = await load({ url: `${app.url}/Users`, connections: o.connections, amount: o.storeUsers, token: app.token, method: 'POST', next: () => ({ body: userBody(seedName(n++)) }) });
    if (seeded.non2xx > 0 || seeded.errors > 0) throw new Error(`seeding the reference app failed: ${seeded.non2xx} non-2xx, ${seeded.errors} errors`);
    // One unmeasured second of filter GETs each: seeding only ran POSTs, so the first measured round would
    // otherwise include compiling the app's query path.
    log('reference: warm-up (bare GET, filter GET; 1 s each)');
    await filterGet(bare, { ...o, seconds: 1 });
    await filterGet(app, { ...o, seconds: 1 });
    const samples = { bareGet: [] as LoadResult[], filterGet: [] as LoadResult[], barePost: [] as LoadResult[], post: [] as LoadResult[] };
    for (let r = 1; r <= o.rounds; r++) {
      log(`reference: round ${r}/${o.rounds} (bare GET, filter GET, bare POST, POST; ${o.seconds} s each)`);
      samples.bareGet.push(await filterGet(bare, o));
      samples.filterGet.push(await filterGet(app, o));
      samples.barePost.push(await post(bare, o));
      samples.post.push(await post(app, o));
    }
    // Paired per round (each server right after the other) and the median over rounds: load from other
    // processes comes in bursts of seconds, so a ratio of pooled rates would compare different machines.
    const paired = (a: LoadResult[], b: LoadResult[]): number[] => a.map((x, i) => ratio(x.rps, (b[i] as LoadResult).rps));
    const getRatios = paired(samples.filterGet, samples.bareGet);
    const postRatios = paired(samples.post, samples.barePost);
    const bad = samples.filterGet.concat(samples.post).reduce((k, x) => k + x.non2xx + x.errors, 0);
    const common = { connections: o.connections, seconds: o.seconds, rounds: o.rounds, storeUsers: o.storeUsers, seedRps: Math.round(seeded.rps), ...(bad ? { warning: `${bad} non-2xx answers or errors under load` } : {}) };
    const two = (xs: number[]): number[] => xs.map((x) => Number(x.toFixed(2)));
    figures.push(measured('reference-filter-get-vs-bare', median(getRatios), 'ratio', { op: '>=', limit: 0.5 }, {
      ...common,
      perRound: two(getRatios),
      filterGet: samples.filterGet.map(brief),
      bareGet: samples.bareGet.map(brief),
    }));
    figures.push(measured('reference-post-vs-bare', median(postRatios), 'ratio', null, {
      ...common,
      perRound: two(postRatios),
      post: samples.post.map(brief),
      barePost: samples.barePost.map(brief),
    }));
  } finally {
    await Promise.all([app.stop(), bare.stop()]);
  }
  log(`reference: fuzz, ${o.fuzzRuns} generated requests`);
  const fuzz = await fuzzReferenceApp({ runs: o.fuzzRuns, seed: 20261124 });
  const sent = Object.values(fuzz.statuses).reduce((a, b) => a + b, 0);
  const fivexx = Object.entries(fuzz.statuses).filter(([s]) => Number(s) >= 500).reduce((a, [, k]) => a + k, 0);
  const fuzzDetails = { seed: fuzz.seed, ms: fuzz.ms, statuses: fuzz.statuses, ...(fuzz.failure ? { failure: fuzz.failure } : {}) };
  figures.push(measured('reference-fuzz-requests', sent, 'count', null, fuzzDetails));
  figures.push(measured('reference-fuzz-5xx', fivexx, 'count', { op: '<=', limit: 0 }, { invariantBroken: fuzz.failure ?? null }));
  return figures;
}
