/**
 * The JSON Schemas (draft-07) of the SCIM messages and resources scim-conform checks, as data. They encode
 * RFC 7643/7644 structure — types, required members, arrays — not Entra policy, which lives in the checks.
 * `additionalProperties` stays open: SCIM resources may carry extensions. User and Group are derived from the schema
 * definitions of core/schema-defs (resources.ts), the characteristics' values of a /Schemas answer from its
 * lists. scripts/generate-validators.ts compiles them ahead of time into validators.generated.cjs; index.ts runs
 * those.
 */
import { ATTRIBUTE_TYPES, MUTABILITIES, RETURNED, UNIQUENESSES } from '../schema-defs/index.js';
import { URN } from '../urns.js';
import { bool, schemasArray, str } from './parts.js';
import { resourceSchema } from './resources.js';

const user = resourceSchema('User');
const group = resourceSchema('Group');

const listResponse = {
  $id: 'ListResponse',
  type: 'object',
  required: ['schemas', 'totalResults'],
  properties: {
    schemas: schemasArray(URN.ListResponse),
    totalResults: { type: 'integer', minimum: 0 },
    startIndex: { type: 'integer', minimum: 1 },
    itemsPerPage: { type: 'integer', minimum: 0 },
    Resources: { type: 'array', items: { type: 'object' } },
  },
};

const error = {
  $id: 'Error',
  type: 'object',
  required: ['schemas', 'status'],
  properties: {
    schemas: schemasArray(URN.Error),
    status: { type: 'string', pattern: '^[1-5][0-9][0-9]$' },
    scimType: str,
    detail: str,
  },
};

const patchOp = {
  $id: 'PatchOp',
  type: 'object',
  required: ['schemas', 'Operations'],
  properties: {
    schemas: schemasArray(URN.PatchOp),
    Operations: {
      type: 'array',
      items: { type: 'object', required: ['op'], properties: { op: { type: 'string', pattern: '^([Aa][Dd][Dd]|[Rr][Ee][Pp][Ll][Aa][Cc][Ee]|[Rr][Ee][Mm][Oo][Vv][Ee])$' }, path: str } },
    },
  },
};

const supported = { type: 'object', required: ['supported'], properties: { supported: bool } };
const serviceProviderConfig = {
  $id: 'ServiceProviderConfig',
  type: 'object',
  required: ['schemas', 'patch', 'bulk', 'filter', 'changePassword', 'sort', 'etag', 'authenticationSchemes'],
  properties: {
    schemas: schemasArray(URN.ServiceProviderConfig),
    documentationUri: str,
    patch: supported,
    bulk: supported,
    filter: { ...supported, properties: { supported: bool, maxResults: { type: 'integer' } } },
    changePassword: supported,
    sort: supported,
    etag: supported,
    authenticationSchemes: {
      type: 'array',
      items: { type: 'object', required: ['type', 'name', 'description'], properties: { type: str, name: str, description: str, primary: bool } },
    },
  },
};

const attribute: Record<string, unknown> = {
  type: 'object',
  required: ['name', 'type', 'multiValued'],
  properties: {
    name: str,
    type: { enum: ATTRIBUTE_TYPES },
    multiValued: bool,
    required: bool,
    caseExact: bool,
    mutability: { enum: MUTABILITIES },
    returned: { enum: RETURNED },
    uniqueness: { enum: UNIQUENESSES },
    subAttributes: { type: 'array', items: { $ref: '#/definitions/attribute' } },
  },
};
const schema = {
  $id: 'Schema',
  type: 'object',
  required: ['id', 'attributes'],
  definitions: { attribute },
  properties: {
    id: { type: 'string', minLength: 1 },
    name: str,
    description: str,
    attributes: { type: 'array', items: { $ref: '#/definitions/attribute' } },
  },
};

const resourceType = {
  $id: 'ResourceType',
  type: 'object',
  required: ['name', 'endpoint', 'schema'],
  properties: {
    schemas: schemasArray(URN.ResourceType),
    id: str,
    name: str,
    endpoint: str,
    schema: str,
    schemaExtensions: { type: 'array', items: { type: 'object', required: ['schema', 'required'], properties: { schema: str, required: bool } } },
  },
};

export type SchemaName = 'User' | 'Group' | 'ListResponse' | 'Error' | 'PatchOp' | 'ServiceProviderConfig' | 'Schema' | 'ResourceType';

export const definitions: Record<SchemaName, object> = {
  User: user, Group: group, ListResponse: listResponse, Error: error, PatchOp: patchOp,
  ServiceProviderConfig: serviceProviderConfig, Schema: schema, ResourceType: resourceType,
};
