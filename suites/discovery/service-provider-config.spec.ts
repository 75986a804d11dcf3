import { check, expectScim, fail } from '../_harness/index.js';

check({
  id: 'discovery/service-provider-config',
  title: 'Sends GET /ServiceProviderConfig and reads patch, filter and auth support',
  requirements: ['DISC-SPC'],
}, async ({ scim, step }) => {
  const res = await step('GET /ServiceProviderConfig', () => scim.send({ method: 'GET', path: '/ServiceProviderConfig' }));
  const body = expectScim(res).toHaveStatus(200).toMatchSchema('ServiceProviderConfig').json();
  const patch = body.patch as { supported?: unknown };
  const filter = body.filter as { supported?: unknown };
  if (patch.supported !== true) fail('SCIM_VALUE', 'PATCH is not declared supported', { expected: 'patch.supported = true (Entra updates only by PATCH)', actual: `patch.supported = ${JSON.stringify(patch.supported)}`, res });
  if (filter.supported !== true) fail('SCIM_VALUE', 'filtering is not declared supported', { expected: 'filter.supported = true (Entra matches by filter)', actual: `filter.supported = ${JSON.stringify(filter.supported)}`, res });
  const schemes = body.authenticationSchemes as unknown[];
  if (schemes.length === 0) fail('SCIM_MISSING', 'no authentication scheme is declared', { expected: 'at least one authenticationSchemes entry (e.g. oauthbearertoken)', actual: '[]', res });
});
