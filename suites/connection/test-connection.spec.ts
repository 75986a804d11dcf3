import { check, expectScim } from '../_harness/index.js';

check({
  id: 'connection/users-probe',
  title: 'Sends Test Connection: GET /Users filtered on the matching attribute with a random GUID',
  requirements: ['CONN-TEST'],
  counterparts: ['MSV 4: Filter for a non-existing user'],
}, async ({ scim, entra, data, config, step }) => {
  const attr = config.matchingAttribute === 'email' ? 'emails[type eq "work"].value' : config.matchingAttribute;
  const res = await step(`GET /Users?filter=${attr} eq "<random guid>"`, () => scim.send(entra.testConnectionUsers(attr, data.guid())));
  // The content type is HTTP-CONTENT-TYPE's to judge (format/content-type.spec.ts), not the probe's.
  expectScim(res).toHaveStatus(200).toBeListResponse().toHaveTotalResults(0);
});

check({
  id: 'connection/groups-probe',
  title: 'Sends Test Connection: GET /Groups filtered on displayName with a random GUID',
  requirements: ['CONN-TEST'],
  applies: (caps) => caps.groupsNaReason,
}, async ({ scim, entra, data, step }) => {
  const res = await step('GET /Groups?excludedAttributes=members&filter=displayName eq "<random guid>"', () => scim.send(entra.testConnectionGroups(data.guid())));
  expectScim(res).toHaveStatus(200).toBeListResponse().toHaveTotalResults(0);
});
