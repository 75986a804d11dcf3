/** The /ServiceProviderConfig resource (RFC 7643 §5) of a service that does what the reference app does. */
import { URN } from '../urns.js';

export interface ServiceProviderLimits {
  /** Absolute base URL of the SCIM service, without a trailing slash, e.g. `https://host/scim/v2`. */
  readonly baseUrl: string;
  /** Largest page a query answers (filter.maxResults). */
  readonly maxResults: number;
  /** Largest accepted request body in bytes (bulk.maxPayloadSize; reported even though bulk is off). */
  readonly maxPayloadSize: number;
  readonly documentationUri?: string;
}

export function serviceProviderConfig(limits: ServiceProviderLimits): Record<string, unknown> {
  return {
    schemas: [URN.ServiceProviderConfig],
    ...(limits.documentationUri ? { documentationUri: limits.documentationUri } : {}),
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: limits.maxPayloadSize },
    filter: { supported: true, maxResults: limits.maxResults },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'Authentication with an OAuth 2.0 bearer token (RFC 6750).',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${limits.baseUrl}/ServiceProviderConfig` },
  };
}
