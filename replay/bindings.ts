/**
 * Id binding and identity templating together: what a recorded request becomes when sent to the new build, and
 * what a recorded answer becomes before it is compared. Ids the recorded server assigned are replaced by the ids
 * the new server assigned for the same create, in paths, filters and member/manager values; identities get the
 * run prefix everywhere.
 */
import type { Identities } from './identity.js';
import { ID_KEYS } from './plan.js';
import { rewriteJson, rewritePath, type Lookup } from './rewrite.js';
import type { ResourceType } from './scim-path.js';

export interface Bound {
  id: string;
  type: ResourceType;
  /** The templated userName or displayName it was created with. */
  name?: string;
}

export class Bindings {
  private readonly byRecordedId = new Map<string, Bound>();

  constructor(private readonly identities: Identities) {}

  bind(recordedId: string, bound: Bound): void {
    this.byRecordedId.set(recordedId, bound);
  }

  get(recordedId: string): Bound | undefined {
    return this.byRecordedId.get(recordedId);
  }

  readonly id: Lookup = (v) => this.byRecordedId.get(v)?.id;

  private readonly any: Lookup = (v) => this.id(v) ?? this.identities.lookup(v);

  /** A recorded request path as sent now. */
  path(recorded: string): string {
    return rewritePath(recorded, { ids: this.id, literals: this.any });
  }

  /** A recorded body (request, or answer to compare with) as it reads with this run's ids and identities. */
  body(recorded: unknown): unknown {
    if (recorded === undefined) return undefined;
    return rewriteJson(rewriteJson(recorded, this.id, { keys: ID_KEYS }), this.identities.lookup);
  }
}
