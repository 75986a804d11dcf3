/**
 * The SCIM attributes Entra's out-of-box mapping of a non-gallery ("customappsso") app writes (docs/entra-behaviour.md
 * §2.5.3). Entra only ever sends attributes an admin mapped, and this is what it maps until an admin changes it, so
 * the harness writes only these (or what the endpoint declares beyond them, or what `--attributes` states), and the
 * reference app's `minimal` schema declares exactly these. The mock IdP's default-mappings.json targets the same
 * list (a self-test keeps them equal).
 */
import { URN } from './urns.js';

const E = URN.EnterpriseUser;

/** Where Entra writes the manager: the enterprise extension's manager, addressed by its URN path. */
export const MANAGER_PATH = `${E}:manager`;

/** User targets, as Entra's mapping names them (value-filter paths for the multi-valued ones). */
export const ENTRA_DEFAULT_USER_TARGETS = [
  'userName',
  'active',
  'displayName',
  'title',
  'emails[type eq "work"].value',
  'preferredLanguage',
  'name.givenName',
  'name.familyName',
  'name.formatted',
  'addresses[type eq "work"].formatted',
  'addresses[type eq "work"].streetAddress',
  'addresses[type eq "work"].locality',
  'addresses[type eq "work"].region',
  'addresses[type eq "work"].postalCode',
  'addresses[type eq "work"].country',
  'phoneNumbers[type eq "work"].value',
  'phoneNumbers[type eq "mobile"].value',
  'phoneNumbers[type eq "fax"].value',
  'externalId',
  `${E}:employeeNumber`,
  `${E}:department`,
  `${E}:manager`,
] as const;

/** Group targets. */
export const ENTRA_DEFAULT_GROUP_TARGETS = ['displayName', 'externalId', 'members'] as const;
