/** Every schema definition this folder holds, in the order /Schemas serves them: User, EnterpriseUser, Group. */
import { ENTERPRISE_USER_SCHEMA } from './enterprise-user.js';
import { GROUP_SCHEMA } from './group.js';
import type { SchemaResource } from './types.js';
import { USER_SCHEMA } from './user.js';

export const FULL_SCHEMAS: readonly SchemaResource[] = [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA];
