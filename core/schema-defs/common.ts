/**
 * RFC 7643 §3.1 common attributes. Every resource carries them, but no schema's `attributes` lists them, so /Schemas
 * does not serve them; the lookup API still needs their characteristics (id and externalId are caseExact, meta is
 * readOnly, meta.created is a dateTime).
 */
import { attr, complex } from './build.js';
import type { AttributeDef } from './types.js';

export const COMMON_ATTRIBUTES: readonly AttributeDef[] = [
  attr('id', 'A unique identifier for the resource, assigned by the service provider.', {
    caseExact: true, mutability: 'readOnly', returned: 'always', uniqueness: 'server',
  }),
  attr('externalId', 'An identifier for the resource as defined by the provisioning client.', { caseExact: true }),
  // RFC 7643 §3 makes `schemas` a required multi-valued attribute of every resource; it is returned always.
  attr('schemas', 'The schema URIs the resource uses.', { type: 'reference', multiValued: true, returned: 'always' }),
  complex('meta', 'Resource metadata, maintained by the service provider.', [
    attr('resourceType', 'The name of the resource type.', { caseExact: true, mutability: 'readOnly' }),
    attr('created', 'When the resource was added to the service provider.', { type: 'dateTime', mutability: 'readOnly' }),
    attr('lastModified', 'When the resource was last changed.', { type: 'dateTime', mutability: 'readOnly' }),
    attr('location', 'The URI of the resource.', { type: 'reference', referenceTypes: ['uri'], mutability: 'readOnly' }),
    attr('version', 'The version (ETag) of the resource.', { caseExact: true, mutability: 'readOnly' }),
  ], { mutability: 'readOnly', returned: 'always' }),
];
