/**
 * Templated identities: every userName, email address, externalId and group displayName the recording sends is
 * sent with the run prefix in front (`scr-ab12cd-alice@contoso.com`), wherever it appears — bodies, filters, PATCH
 * values — so a replay never collides with real data, and `sweep --prefix` finds whatever it leaves behind.
 * The recorded answers are templated the same way before they are compared.
 */
import type { Lookup } from './rewrite.js';
import { exchangeValues } from './scim-values.js';
import type { TraceExchange } from './trace.js';

const IDENTITY = new Set(['username', 'emails.value', 'externalid']);
const GROUP_IDENTITY = new Set(['displayname', 'externalid']);

export class Identities {
  private readonly values = new Set<string>();

  constructor(readonly prefix: string) {}

  /** Learns the identities the recorded requests send (what the IdP owns, not what the server made up). */
  static of(exchanges: readonly TraceExchange[], prefix: string): Identities {
    const ids = new Identities(prefix);
    for (const x of exchanges) {
      for (const v of exchangeValues({ request: x.request })) {
        const fields = v.type === 'Group' ? GROUP_IDENTITY : IDENTITY;
        if (fields.has(v.path) && v.value !== '') ids.values.add(v.value.toLowerCase());
      }
    }
    return ids;
  }

  /** The value with the run prefix, for an identity of the recording (in any case); undefined otherwise. */
  readonly lookup: Lookup = (value) => (this.values.has(value.toLowerCase()) ? `${this.prefix}${value}` : undefined);

  get size(): number {
    return this.values.size;
  }
}
