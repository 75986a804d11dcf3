/**
 * A replay check's evidence: the recorded attempts first (step `recorded #7`), then what was sent now (step
 * `replayed #7`, and any injected fault), numbered 1… within the check, so the report shows the recorded and the
 * new answer side by side. Check IDs follow the house pattern: `replay/0007-post-users`, `replay/state-user-0003`.
 */
import type { Exchange } from '../core/evidence.js';
import type { TraceExchange } from './trace.js';

export function recordedExchange(x: TraceExchange, upstream: string | undefined): Exchange {
  return {
    seq: 0,
    step: `recorded #${x.seq}`,
    request: {
      method: x.request.method,
      url: `${upstream ?? ''}${x.request.path}`,
      headers: x.request.headers,
      ...(x.request.body !== undefined ? { body: x.request.body } : {}),
    },
    ...(x.response ? { response: x.response } : {}),
    ...(x.error ? { error: x.error } : {}),
    ms: Math.round(x.ms),
  };
}

/** The exchanges numbered 1… in the order given. */
export function numbered(exchanges: readonly Exchange[]): Exchange[] {
  return exchanges.map((x, i) => ({ ...x, seq: i + 1 }));
}

export class CheckIds {
  private readonly width: number;

  constructor(maxSeq: number) {
    this.width = Math.max(4, String(maxSeq).length);
  }

  private pad(n: number): string {
    return String(n).padStart(this.width, '0');
  }

  /** `replay/0007-post-users` for exchange #7, a POST to /Users. */
  exchange(seq: number, method: string, path: string): string {
    const endpoint = path.split(/[/?]/)[1]?.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'root';
    return `replay/${this.pad(seq)}-${method.toLowerCase()}-${endpoint}`;
  }

  /** `replay/state-user-0003`: the final state of the user created by exchange #3. */
  state(type: string, createdBy: number): string {
    return `replay/state-${type.toLowerCase()}-${this.pad(createdBy)}`;
  }
}
