/**
 * The JSON Schemas (draft-07) of the SCIM messages and resources scim-conform checks, as data. They encode
 * RFC 7643/7644 structure — types, required members, arrays — not Entra policy, which lives in the checks.
 * `additionalProperties` stays open: SCIM resources may carry extensions. scripts/generate-validators.ts
 * compiles them ahead of time into validators.generated.cjs; index.ts runs those.
 */
import { URN } from '../urns.js';

const str = { type: 'string' } as const;
const bool = { type: 'boolean' } as const;
const schemasArray = (mustContain?: string) => ({
  type: 'array',
  items: str,
  minItems: 1,
  ...(mustContain ? { contains: { const: mustContain } } : {}),
});
const multiValued = (extra: Record<string, unknown> = {}) => ({
  type: 'array',
  items: {
    type: 'object',
    properties: { value: {}, display: str, type: str, primary: bool, $ref: { type: ['string', 'null'] }, ...extra },
  },
});
const meta = {
  type: 'object',
  properties: { resourceType: str, created: { type: 'string', format: 'date-time' }, lastModified: { type: 'string', format: 'date-time' }, location: str, version: str },
};
/** A SCIM resource (RFC 7643 §3): schemas with its core URN, a non-empty id, externalId, its own attributes, meta. */
const resource = ($id: string, urn: string, required: string, properties: Record<string, unknown>) => ({
  $id,
  type: 'object',
  required: ['schemas', 'id', required],
  properties: { schemas: schemasArray(urn), id: { type: 'string', minLength: 1 }, externalId: str, ...properties, meta },
});

const user = resource('User', URN.User, 'userName', {
  userName: { type: 'string', minLength: 1 },
  name: {
    type: 'object',
    properties: { formatted: str, familyName: str, givenName: str, middleName: str, honorificPrefix: str, honorificSuffix: str },
  },
  displayName: str, nickName: str, profileUrl: str, title: str, userType: str, preferredLanguage: str, locale: str, timezone: str,
  active: bool,
  emails: multiValued({ value: str }),
  phoneNumbers: multiValued({ value: str }),
  ims: multiValued(), photos: multiValued(), entitlements: multiValued(), x509Certificates: multiValued(),
  roles: multiValued(),
  groups: multiValued(),
  addresses: {
    type: 'array',
    items: {
      type: 'object',
      properties: { formatted: str, streetAddress: str, locality: str, region: str, postalCode: str, country: str, type: str, primary: bool },
    },
  },
  [URN.EnterpriseUser]: {
    type: 'object',
    properties: {
      employeeNumber: str, costCenter: str, organization: str, division: str, department: str,
      manager: { type: 'object', properties: { value: str, $ref: str, displayName: str } },
    },
  },
});

const group = resource('Group', URN.Group, 'displayName', { displayName: str, members: multiValued({ value: str }) });

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
    type: { enum: ['string', 'boolean', 'decimal', 'integer', 'dateTime', 'reference', 'complex', 'binary'] },
    multiValued: bool,
    required: bool,
    caseExact: bool,
    mutability: { enum: ['readOnly', 'readWrite', 'immutable', 'writeOnly'] },
    returned: { enum: ['always', 'never', 'default', 'request'] },
    uniqueness: { enum: ['none', 'server', 'global'] },
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
