/** GET /ServiceProviderConfig, /Schemas[/{id}], /ResourceTypes[/{id}] (RFC 7644 §4), built from core/schema-defs. */
import { resourceTypes, schemaById, schemaResources, serviceProviderConfig, type SchemaProfile } from '../../core/schema-defs/index.js';
import { URN } from '../../core/urns.js';
import { fail } from '../resources/fail.js';
import type { RouteSpec } from '../http/scim-route.js';
import { jsonReply } from '../http/scim-reply.js';

export interface DiscoveryOptions {
  maxResults: number;
  maxBodyBytes: number;
  /** Which attributes /Schemas declares. */
  schema: SchemaProfile;
}

function listOf(resources: unknown[]): unknown {
  return { schemas: [URN.ListResponse], totalResults: resources.length, itemsPerPage: resources.length, startIndex: 1, Resources: resources };
}

export function discoveryRoutes(opts: DiscoveryOptions): RouteSpec[] {
  return [
    {
      method: 'GET', url: '/ServiceProviderConfig', route: 'serviceProviderConfig',
      handler: (_req, baseUrl) => jsonReply(200, serviceProviderConfig({ baseUrl, maxResults: opts.maxResults, maxPayloadSize: opts.maxBodyBytes })),
    },
    { method: 'GET', url: '/Schemas', route: 'schemas', handler: (_req, baseUrl) => jsonReply(200, listOf(schemaResources(baseUrl, opts.schema))) },
    {
      method: 'GET', url: '/Schemas/:id', route: 'schema',
      handler: (req, baseUrl) => {
        const known = schemaById(req.id ?? '');
        const found = known && schemaResources(baseUrl, opts.schema).find((s) => s.id === known.id);
        if (!found) throw fail(404, `No schema ${req.id}.`);
        return jsonReply(200, found);
      },
    },
    { method: 'GET', url: '/ResourceTypes', route: 'resourceTypes', handler: (_req, baseUrl) => jsonReply(200, listOf(resourceTypes(baseUrl))) },
    {
      method: 'GET', url: '/ResourceTypes/:id', route: 'resourceType',
      handler: (req, baseUrl) => {
        const found = resourceTypes(baseUrl).find((t) => String(t.id).toLowerCase() === (req.id ?? '').toLowerCase());
        if (!found) throw fail(404, `No resource type ${req.id}.`);
        return jsonReply(200, found);
      },
    },
  ];
}
