/**
 * Seeded directory generator: Graph-shaped users (most with a manager earlier in the list, so the manager
 * graph is a forest) and groups with direct members. Same options → the same directory.
 */
import type { Faker } from '@faker-js/faker';
import { seededEnglishFaker } from '../../test-data/english-faker.js';
import { normalizeDiacritics } from '../expressions/functions.js';
import type { Assignment, DirectoryGroup, DirectoryInput, DirectoryUser } from './types.js';

export interface GenerateOptions {
  users: number;
  groups: number;
  seed: number;
  domain?: string;
  /** Prefix on userPrincipalNames and group names (run prefixes keep test data apart). */
  prefix?: string;
  /** Average number of groups a user belongs to (default 2, capped by the number of groups). */
  groupsPerUser?: number;
  /** `all` (no assignments: everything in scope) or `groups` (assign every group; members come into scope). */
  scope?: 'all' | 'groups';
}

const DEPARTMENTS = ['Sales', 'Engineering', 'Finance', 'Marketing', 'Support', 'Legal', 'Operations', 'Research'];
const LANGUAGES = ['en-US', 'en-GB', 'de-DE', 'fr-FR', 'es-ES', 'ja-JP', 'pt-BR', 'nl-NL'];

function* userStream(f: Faker, o: GenerateOptions): Generator<DirectoryUser> {
  const domain = o.domain ?? 'contoso.example';
  const prefix = o.prefix ?? '';
  const ids: string[] = [];
  for (let n = 1; n <= o.users; n++) {
    const givenName = f.person.firstName();
    const surname = f.person.lastName();
    const local = `${prefix}${normalizeDiacritics(givenName)}.${normalizeDiacritics(surname)}.${n}`.toLowerCase().replace(/[^a-z0-9._-]/g, '');
    const id = f.string.uuid();
    const user: DirectoryUser = {
      id,
      userPrincipalName: `${local}@${domain}`,
      accountEnabled: true,
      displayName: `${prefix}${givenName} ${surname}`,
      givenName,
      surname,
      mail: `${local}@${domain}`,
      mailNickname: local,
      jobTitle: f.person.jobTitle(),
      department: f.helpers.arrayElement(DEPARTMENTS),
      employeeId: String(100000 + n),
      preferredLanguage: f.helpers.arrayElement(LANGUAGES),
      streetAddress: f.location.streetAddress(),
      city: f.location.city(),
      state: f.location.state({ abbreviated: true }),
      postalCode: f.location.zipCode('#####'),
      country: f.location.countryCode(),
      officeLocation: `Building ${f.number.int({ min: 1, max: 40 })}`,
      businessPhones: [f.phone.number({ style: 'national' })],
      mobilePhone: f.phone.number({ style: 'national' }),
    };
    // About nine in ten users report to someone created before them.
    if (ids.length > 0 && f.number.int({ min: 1, max: 10 }) > 1) user.manager = ids[f.number.int({ min: 0, max: ids.length - 1 })] as string;
    ids.push(id);
    yield user;
  }
}

export function generate(o: GenerateOptions): DirectoryInput {
  const f = seededEnglishFaker(o.seed);
  const users = [...userStream(f, o)];
  const groups: DirectoryGroup[] = [];
  for (let n = 1; n <= o.groups; n++) {
    groups.push({
      id: f.string.uuid(),
      displayName: `${o.prefix ?? ''}${f.commerce.department()} ${f.word.noun()} ${n}`,
      mailNickname: `group${n}`,
      securityEnabled: true,
      members: [],
    });
  }
  if (groups.length > 0) {
    const per = Math.min(o.groupsPerUser ?? 2, groups.length);
    for (const u of users) {
      const k = f.number.int({ min: 0, max: per * 2 });
      for (const g of f.helpers.arrayElements(groups, Math.min(k, groups.length))) g.members?.push(u.id);
    }
  }
  const out: DirectoryInput = { users, groups };
  if (o.scope === 'groups') out.assignments = groups.map((g): Assignment => ({ principalId: g.id, principalType: 'Group' }));
  return out;
}
