/** The Enterprise User extension, RFC 7643 §4.3 and §8.7.2. */
import { URN } from '../urns.js';
import { attr, complex } from './build.js';
import type { SchemaResource } from './types.js';

export const ENTERPRISE_USER_SCHEMA: SchemaResource = {
  schemas: [URN.Schema],
  id: URN.EnterpriseUser,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    attr('employeeNumber', 'A numeric or alphanumeric identifier assigned to a person by the organization.'),
    attr('costCenter', 'The name of a cost center.'),
    attr('organization', 'The name of an organization.'),
    attr('division', 'The name of a division.'),
    attr('department', 'The name of a department.'),
    complex('manager', "The User's manager.", [
      attr('value', 'The id of the SCIM resource representing the manager.'),
      attr('$ref', 'The URI of the SCIM resource representing the manager.', { type: 'reference', referenceTypes: ['User'] }),
      attr('displayName', "The manager's displayName.", { mutability: 'readOnly' }),
    ]),
  ],
  meta: { resourceType: 'Schema', location: `/Schemas/${URN.EnterpriseUser}` },
};
