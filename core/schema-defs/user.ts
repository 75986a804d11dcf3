/** The core User schema, RFC 7643 §4.1 and §8.7.1. */
import { URN } from '../urns.js';
import { attr, complex, multiValued } from './build.js';
import type { SchemaResource } from './types.js';

export const USER_SCHEMA: SchemaResource = {
  schemas: [URN.Schema],
  id: URN.User,
  name: 'User',
  // The Postman collection asserts that /Schemas contains the text "User Account" (docs/entra-behaviour.md §7.3 item 6).
  description: 'User Account',
  attributes: [
    attr('userName', 'Unique identifier for the User, used to authenticate to the service provider. REQUIRED; unique across all Users.', {
      required: true, uniqueness: 'server',
    }),
    complex('name', "The components of the user's real name.", [
      attr('formatted', 'The full name, formatted for display.'),
      attr('familyName', 'The family (last) name.'),
      attr('givenName', 'The given (first) name.'),
      attr('middleName', 'The middle name(s).'),
      attr('honorificPrefix', "The honorific prefix(es), e.g. 'Ms.'."),
      attr('honorificSuffix', "The honorific suffix(es), e.g. 'III'."),
    ]),
    attr('displayName', 'The name of the User, suitable for display to end-users.'),
    attr('nickName', "The casual way to address the user, e.g. 'Bob' instead of 'Robert'."),
    attr('profileUrl', "A fully qualified URL of the User's online profile.", { type: 'reference', referenceTypes: ['external'] }),
    attr('title', "The user's title, such as 'Vice President'."),
    attr('userType', "The relationship between the organization and the user, e.g. 'Employee', 'Contractor'."),
    attr('preferredLanguage', "The User's preferred written or spoken language, e.g. 'en-US'."),
    attr('locale', "The User's default location for localizing currency, dates and numbers."),
    attr('timezone', "The User's time zone in IANA format, e.g. 'America/Los_Angeles'."),
    attr('active', "The User's administrative status.", { type: 'boolean' }),
    attr('password', "The User's cleartext password, to set or reset it. Never returned.", {
      mutability: 'writeOnly', returned: 'never',
    }),
    multiValued('emails', 'Email addresses for the User.', { description: 'An email address.' }, ['work', 'home', 'other']),
    multiValued('phoneNumbers', 'Phone numbers for the User.', { description: 'A phone number.' },
      ['work', 'home', 'mobile', 'fax', 'pager', 'other']),
    multiValued('ims', 'Instant messaging addresses for the User.', { description: 'An instant messaging address.' },
      ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo']),
    multiValued('photos', 'URLs of photos of the User.', {
      description: 'The URL of a photo.', type: 'reference', referenceTypes: ['external'],
    }, ['photo', 'thumbnail']),
    // §8.7.1 omits `primary` here although §4.1.2 and §2.4 give every multi-valued attribute one; Entra's validator
    // filters on addresses[primary eq true].
    complex('addresses', 'Physical mailing addresses for the User.', [
      attr('formatted', 'The full mailing address, formatted for display.'),
      attr('streetAddress', 'The full street address.'),
      attr('locality', 'The city or locality.'),
      attr('region', 'The state or region.'),
      attr('postalCode', 'The zip code or postal code.'),
      attr('country', 'The country name.'),
      attr('type', "A label indicating the address's function.", { canonicalValues: ['work', 'home', 'other'] }),
      attr('primary', "Whether this is the primary address; 'true' appears at most once.", { type: 'boolean' }),
    ], { multiValued: true }),
    complex('groups', 'The groups the User belongs to, direct or indirect. Managed through the Group resource.', [
      attr('value', 'The id of the Group.', { mutability: 'readOnly' }),
      attr('$ref', 'The URI of the Group.', { type: 'reference', referenceTypes: ['User', 'Group'], mutability: 'readOnly' }),
      attr('display', 'A human-readable name of the Group.', { mutability: 'readOnly' }),
      attr('type', 'How the membership was derived.', { canonicalValues: ['direct', 'indirect'], mutability: 'readOnly' }),
    ], { multiValued: true, mutability: 'readOnly' }),
    multiValued('entitlements', 'Entitlements of the User.', { description: 'The value of an entitlement.' }),
    multiValued('roles', 'Roles of the User.', { description: 'The value of a role.' }),
    multiValued('x509Certificates', 'X.509 certificates issued to the User.', {
      description: 'The value of an X.509 certificate.', type: 'binary',
    }),
  ],
  meta: { resourceType: 'Schema', location: `/Schemas/${URN.User}` },
};
