import { fail } from '../resources/fail.js';
import type { Defect } from './types.js';

/** Token bucket: bursts of BURST pass, then REFILL_PER_SEC requests a second. */
const BURST = 40;
const REFILL_PER_SEC = 20;

export const rateLimit429: Defect = {
  name: 'rate-limit-429',
  // Not CYCLE-INITIAL: whether a cycle's burst outruns the bucket depends on the machine's speed, so a cycle check
  // would go red on some runs only; the emulator's own 429 handling is proven in tests/mock-idp.
  requirements: ['RATE-25RPS'],
  description: `Answers 429 (Retry-After: 1) once more than ${BURST} requests arrive faster than ${REFILL_PER_SEC} per second, so 25 requests per second for 10 s run dry after about 8 s. Other checks stay under the limit only if they do not sustain more than ${REFILL_PER_SEC} requests per second.`,
  install: () => {
    let tokens = BURST;
    let last = performance.now();
    return {
      request: (req) => {
        const now = performance.now();
        tokens = Math.min(BURST, tokens + ((now - last) / 1000) * REFILL_PER_SEC);
        last = now;
        if (tokens < 1) throw fail(429, 'Too many requests; retry after 1 second.');
        tokens -= 1;
        return req;
      },
      response: (res) => (res.status === 429 ? { ...res, headers: { ...res.headers, 'retry-after': '1' } } : res),
    };
  },
};
