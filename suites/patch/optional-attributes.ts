/**
 * Optional single-valued string attributes of User that PATCH checks add, remove or clear, in order of preference:
 * Entra's default mapping first (an endpoint made for Entra has those), then those the SCIM Validator and the
 * gallery suite use. A check takes the first ones the endpoint declares (`ctx.attrs.pick`), with values of the
 * attribute's format (a language tag for preferredLanguage, a URL for profileUrl).
 */
import type { DataFactory } from '../../test-data/factory.js';

export interface OptionalAttribute {
  path: string;
  value(data: DataFactory): string;
}

const NICK_NAME: OptionalAttribute = { path: 'nickName', value: (d) => d.word() };

/** Entra's mapped ones (title, preferredLanguage) first. */
export const OPTIONAL_STRINGS: readonly OptionalAttribute[] = [
  { path: 'title', value: (d) => d.word() },
  { path: 'preferredLanguage', value: (d) => d.language() },
  NICK_NAME,
  { path: 'userType', value: (d) => `Contractor ${d.word()}` },
  { path: 'profileUrl', value: (d) => `https://contoso.example/people/${d.guid()}` },
  { path: 'locale', value: (d) => d.language() },
  { path: 'timezone', value: (d) => d.timeZone() },
];

/** The validator's own choice first (its P1 body removes nickName), then the rest. */
export const VALIDATOR_FIRST: readonly OptionalAttribute[] = [NICK_NAME, ...OPTIONAL_STRINGS.filter((a) => a !== NICK_NAME)];

/** path → a fresh value for each attribute. */
export function valuesFor(attributes: readonly OptionalAttribute[], data: DataFactory): Record<string, string> {
  return Object.fromEntries(attributes.map((a) => [a.path, a.value(data)]));
}

/** Overrides that leave these attributes off a generated user. */
export function without(attributes: readonly OptionalAttribute[]): Record<string, undefined> {
  return Object.fromEntries(attributes.map((a) => [a.path, undefined]));
}
