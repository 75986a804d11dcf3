import { check, expectScim, fail } from '../_harness/index.js';
import { URN } from '../../core/urns.js';

check({
  id: 'discovery/resource-types',
  title: 'Sends GET /ResourceTypes and finds User and Group with their schemas',
  requirements: ['DISC-RESOURCETYPES'],
}, async ({ scim, caps, step }) => {
  const res = await step('GET /ResourceTypes', () => scim.send({ method: 'GET', path: '/ResourceTypes' }));
  const resources = expectScim(res).toHaveStatus(200).toBeListResponse().resources();
  const expectType = (name: string, endpoint: string, schema: string): void => {
    const rt = resources.find((r) => r.name === name);
    if (!rt) fail('SCIM_MISSING', `/ResourceTypes does not name ${name}`, { expected: `a ResourceType named ${name}`, actual: `names: ${resources.map((r) => String(r.name)).join(', ') || '(none)'}`, res });
    if (rt.endpoint !== endpoint || rt.schema !== schema) {
      fail('SCIM_VALUE', `the ${name} resource type is described wrongly`, { expected: `endpoint ${endpoint}, schema ${schema}`, actual: `endpoint ${String(rt.endpoint)}, schema ${String(rt.schema)}`, res });
    }
    return undefined;
  };
  expectType('User', '/Users', URN.User);
  const user = resources.find((r) => r.name === 'User');
  const extensions = (user?.schemaExtensions as Array<{ schema?: string }> | undefined) ?? [];
  if (!extensions.some((e) => e.schema === URN.EnterpriseUser)) {
    fail('SCIM_MISSING', 'the User resource type does not declare the enterprise extension', { expected: `schemaExtensions containing ${URN.EnterpriseUser}`, actual: JSON.stringify(extensions), res });
  }
  if (!caps.groupsNaReason) expectType('Group', '/Groups', URN.Group);
});
