/**
 * IdP profiles: the identity provider a run acts like. `entra` (the default, Microsoft Entra provisioning) and
 * `okta` (Okta's provisioning for Okta Integration Network apps, docs/okta-behaviour.md §1). A profile selects
 * the request shapes, the checks that run and the gallery a report's verdict speaks for.
 */

export const PROFILES = ['entra', 'okta'] as const;
export type Profile = (typeof PROFILES)[number];
export const DEFAULT_PROFILE: Profile = 'entra';

export function isProfile(value: unknown): value is Profile {
  return typeof value === 'string' && (PROFILES as readonly string[]).includes(value);
}

/**
 * How Okta sends user profile updates (docs/okta-behaviour.md §1.1): `put` (GET, then PUT of the object read plus
 * the changes; the OIN default in Okta's SCIM reference) or `patch` (the OIN Wizard's "Support PATCH for User").
 */
export const OKTA_USER_UPDATES = ['put', 'patch'] as const;
export type OktaUserUpdates = (typeof OKTA_USER_UPDATES)[number];

/**
 * Which kind of Okta app: `oin` (an OIN integration: path-less PATCH for active, password and groups) or `aiw`
 * (built with the App Integration Wizard: PUT for every user and group update, deactivation included).
 */
export const OKTA_APP_MODES = ['oin', 'aiw'] as const;
export type OktaAppMode = (typeof OKTA_APP_MODES)[number];

/** The gallery each profile's verdict speaks for, as a report names it. */
export const GALLERY_OF: Record<Profile, string> = {
  entra: 'Microsoft Entra app gallery',
  okta: 'Okta Integration Network (OIN)',
};

/** Okta gives up on a request after 60 s (Okta's SCIM FAQ): the default request timeout of an Okta run. */
export const OKTA_TIMEOUT_MS = 60_000;

/** Okta's variants a run or the emulator acts out (with profile `okta`). */
export interface OktaVariant {
  userUpdates: OktaUserUpdates;
  mode: OktaAppMode;
}

export const DEFAULT_OKTA_VARIANT: OktaVariant = { userUpdates: 'put', mode: 'oin' };
