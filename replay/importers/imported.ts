/** What every importer yields. */
import type { RawExchange } from '../sanitize.js';

/** A request as an importer read it: a full URL or an absolute path, not yet split at the tenant URL. */
export interface ImportedExchange extends Omit<RawExchange, 'seq'> {
  /** Where the request went: `https://host/scim/v2/Users?…` or `/scim/v2/Users?…`. */
  url: string;
}
