/** The core Group schema, RFC 7643 §4.2 and §8.7.1. */
import { URN } from '../urns.js';
import { attr, complex } from './build.js';
import type { SchemaResource } from './types.js';

export const GROUP_SCHEMA: SchemaResource = {
  schemas: [URN.Schema],
  id: URN.Group,
  name: 'Group',
  description: 'Group',
  attributes: [
    // §4.2 says REQUIRED while the §8.7.1 JSON says required:false; Entra always sends it and matches on it.
    attr('displayName', 'A human-readable name for the Group. REQUIRED.', { required: true }),
    complex('members', 'A list of members of the Group.', [
      attr('value', 'The id of the member resource.', { mutability: 'immutable' }),
      attr('$ref', 'The URI of the member resource.', { type: 'reference', referenceTypes: ['User', 'Group'], mutability: 'immutable' }),
      attr('type', 'The type of the member.', { canonicalValues: ['User', 'Group'], mutability: 'immutable' }),
      // Not in §4.2, but Entra-era clients (and the Postman collection) send it and expect it echoed.
      attr('display', 'A human-readable name of the member.', { mutability: 'immutable' }),
    ], { multiValued: true }),
  ],
  meta: { resourceType: 'Schema', location: `/Schemas/${URN.Group}` },
};
