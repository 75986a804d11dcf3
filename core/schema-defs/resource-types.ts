/** The /ResourceTypes resources (RFC 7643 §6): User with the enterprise extension, and Group. */
import { URN } from '../urns.js';

export function resourceTypes(baseUrl: string): Record<string, unknown>[] {
  return [
    {
      schemas: [URN.ResourceType],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'User Account',
      schema: URN.User,
      schemaExtensions: [{ schema: URN.EnterpriseUser, required: false }],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: [URN.ResourceType],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'Group',
      schema: URN.Group,
      schemaExtensions: [],
      meta: { resourceType: 'ResourceType', location: `${baseUrl}/ResourceTypes/Group` },
    },
  ];
}
