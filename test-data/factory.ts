/**
 * Seeded, run-prefixed SCIM test data shaped like what Entra's default mapping produces (docs/entra-behaviour.md §2.5.3):
 * every mapped attribute populated, GUID externalIds, IANA time zones, BCP-47 languages, values in the formats
 * real directories hold. Same seed + same stream name → the same data, whatever order checks run in.
 */
import type { Faker } from '@faker-js/faker';
import { createHash } from 'node:crypto';
import { URN } from '../core/urns.js';
import { seededEnglishFaker } from './english-faker.js';

/** A type alias (not an interface) so it is assignable to the request builder's open payload type. */
export type GeneratedUser = {
  userName: string;
  externalId: string;
  active: boolean;
  displayName: string;
  title: string;
  preferredLanguage: string;
  timezone: string;
  name: { formatted: string; givenName: string; familyName: string };
  emails: Array<{ type: string; value: string; primary: boolean }>;
  phoneNumbers: Array<{ type: string; value: string; primary?: boolean }>;
  addresses: Array<{ type: string; formatted: string; streetAddress: string; locality: string; region: string; postalCode: string; country: string; primary: boolean }>;
  [URN.EnterpriseUser]: { employeeNumber: string; department: string; costCenter: string; organization: string; division: string };
};

export type GeneratedGroup = {
  displayName: string;
  externalId: string;
};

const LANGUAGES = ['en-US', 'en-GB', 'de-DE', 'fr-CA', 'es-MX', 'ja-JP', 'pt-BR', 'nl-NL', 'sv-SE', 'zh-Hans-CN', 'xh-ZA', 'shi-Latn-MA'];
const TIME_ZONES = ['America/Detroit', 'Europe/Berlin', 'Asia/Tokyo', 'Africa/Lubumbashi', 'America/Guayaquil', 'Australia/Sydney', 'Europe/London', 'America/Los_Angeles'];
const DEPARTMENTS = ['Sales', 'Engineering', 'Finance', 'Marketing', 'Support', 'Legal', 'Operations'];

function seedFor(seed: number, stream: string): number {
  return createHash('sha256').update(`${seed}:${stream}`).digest().readUInt32BE(0);
}

export class DataFactory {
  readonly prefix: string;
  private readonly faker: Faker;
  private counter = 0;

  /** @param stream names the consumer (a check ID) so that its data does not depend on other checks. */
  constructor(opts: { seed: number; prefix: string; stream: string }) {
    this.prefix = opts.prefix;
    this.faker = seededEnglishFaker(seedFor(opts.seed, opts.stream));
  }

  guid(): string {
    return this.faker.string.uuid();
  }

  /** A user as Entra's default mapping would send it; userName and displayName carry the run prefix. */
  user(overrides: Partial<GeneratedUser> = {}): GeneratedUser {
    const f = this.faker;
    const n = ++this.counter;
    const givenName = f.person.firstName();
    const familyName = f.person.lastName();
    const domain = 'contoso.example';
    const local = `${this.prefix}${givenName}.${familyName}.${n}`.toLowerCase().replace(/[^a-z0-9._-]/g, '');
    const phone = () => f.phone.number({ style: 'national' });
    const street = f.location.streetAddress();
    const city = f.location.city();
    const region = f.location.state({ abbreviated: true });
    const postalCode = f.location.zipCode();
    const country = f.location.countryCode();
    return {
      userName: `${local}@${domain}`,
      externalId: f.string.uuid(),
      active: true,
      displayName: `${this.prefix}${givenName} ${familyName}`,
      title: f.person.jobTitle(),
      preferredLanguage: f.helpers.arrayElement(LANGUAGES),
      timezone: f.helpers.arrayElement(TIME_ZONES),
      name: { formatted: `${givenName} ${familyName}`, givenName, familyName },
      emails: [{ type: 'work', value: `${local}@${domain}`, primary: true }],
      phoneNumbers: [
        { type: 'work', value: phone(), primary: true },
        { type: 'mobile', value: phone() },
        { type: 'fax', value: phone() },
      ],
      addresses: [{ type: 'work', formatted: `${street}, ${city}, ${region} ${postalCode}`, streetAddress: street, locality: city, region, postalCode, country, primary: true }],
      [URN.EnterpriseUser]: {
        employeeNumber: String(f.number.int({ min: 10000, max: 999999 })),
        department: f.helpers.arrayElement(DEPARTMENTS),
        costCenter: `CC-${f.number.int({ min: 100, max: 999 })}`,
        organization: f.company.name(),
        division: f.commerce.department(),
      },
      ...overrides,
    };
  }

  group(overrides: Partial<GeneratedGroup> = {}): GeneratedGroup {
    const n = ++this.counter;
    return {
      displayName: `${this.prefix}${this.faker.commerce.department()} ${this.faker.word.noun()} ${n}`,
      externalId: this.faker.string.uuid(),
      ...overrides,
    };
  }

  /** A BCP-47 language tag, as preferredLanguage and locale hold. */
  language(): string {
    return this.faker.helpers.arrayElement(LANGUAGES);
  }

  /** An IANA time zone. */
  timeZone(): string {
    return this.faker.helpers.arrayElement(TIME_ZONES);
  }

  /** A short random word for new attribute values (titles, display names) in updates. */
  word(): string {
    return `${this.faker.word.adjective()} ${this.faker.word.noun()}`;
  }
}
