/** GET /ServiceProviderConfig, /Schemas[/{id}], /ResourceTypes[/{id}] (RFC 7644 §4), built from core/schema-defs. */
import { resourceTypes, schemaById, schemaResources, serviceProviderConfig } from '../../core/schema-defs/index.js';
import { URN } from '../../core/urns.js';
import { fail } from '../resources/fail.js';
import type { RouteSpec } from '../http/scim-route.js';
import { jsonReply } from '../http/scim-reply.js';

export interface DiscoveryLimits {
  maxResults: number;
  maxBodyBytes: number;
}

function listOf(resources: unknown[]): unknown {
  return { schemas: [URN.ListResponse], totalResults: resources.length, itemsPerPage: resources.length, startIndex: 1, Resources: resources };
}

export function discoveryRoutes(limits: DiscoveryLimits): RouteSpec[] {
  return [
    {
      method: 'GET', url: '/ServiceProviderConfig', route: 'serviceProviderConfig',
      handler: (_req, baseUrl) => jsonReply(200, serviceProviderConfig({ baseUrl, maxResults: limits.maxResults, maxPayloadSize: limits.maxBodyBytes })),
    },
    { method: 'GET', url: '/Schemas', route: 'schemas', handler: (_req, baseUrl) => jsonReply(200, listOf(schemaResources(baseUrl))) },
    {
      method: 'GET', url: '/Schemas/:id', route: 'schema',
      handler: (req, baseUrl) => {
        const known = schemaById(req.id ?? '');
        const found = known && schemaResources(baseUrl).find((s) => s.id === known.id);
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
