/**
 * What the target advertises, read once per worker (outside any check's evidence): which resource types exist and
 * which attributes the checks may write (core/attributes: /Schemas, the vendor's --attributes mapping, or Entra's
 * default mapping), so checks of features or attributes the target does not offer report n/a with the reason
 * instead of failing.
 */
import { discoverAttributes } from '../../core/attributes/discover.js';
import type { AttributeSet } from '../../core/attributes/attribute-set.js';
import { MANAGER_PATH } from '../../core/entra-default-mapping.js';
import type { ScimClient } from '../../core/client/scim-client.js';
import type { RunConfig } from '../../core/run-config.js';

export interface TargetCapabilities {
  /** undefined when groups are tested; otherwise the n/a reason. */
  groupsNaReason: string | undefined;
  managerNaReason: string | undefined;
  rolesNaReason: string | undefined;
  oauthNaReason: string | undefined;
  tlsNaReason: string | undefined;
  /** The attributes checks may write. */
  attributes: AttributeSet;
}

const cache = new Map<string, Promise<TargetCapabilities>>();

export function targetCapabilities(client: ScimClient, config: RunConfig): Promise<TargetCapabilities> {
  let caps = cache.get(config.url);
  if (!caps) {
    caps = discover(client, config);
    cache.set(config.url, caps);
  }
  return caps;
}

async function groupsNaReason(client: ScimClient, config: RunConfig): Promise<string | undefined> {
  if (!config.groups) return 'groups are not tested (--no-groups)';
  try {
    const res = await client.fork().send({ method: 'GET', path: '/ResourceTypes' });
    const resources = (res.body as { Resources?: Array<{ name?: string; endpoint?: string }> } | undefined)?.Resources;
    // Only an explicit, well-formed list without Group counts as "not advertised"; a broken /ResourceTypes
    // is DISC-RESOURCETYPES' business, and Entra would still send group requests.
    if (res.status === 200 && Array.isArray(resources) && resources.length > 0 &&
        !resources.some((r) => r.name === 'Group' || r.endpoint === '/Groups')) {
      return 'the target does not advertise a Group resource type in /ResourceTypes';
    }
  } catch {
    // unreachable: the checks themselves will error
  }
  return undefined;
}

async function discover(client: ScimClient, config: RunConfig): Promise<TargetCapabilities> {
  const [groups, attributes] = await Promise.all([
    groupsNaReason(client, config),
    discoverAttributes(client.fork(), { attributesFile: config.attributesFile }),
  ]);
  const mapped = (flag: boolean, flagReason: string, path: string): string | undefined =>
    !flag ? flagReason : attributes.has('User', path) ? undefined : attributes.whyMissing('User', path);
  return {
    groupsNaReason: groups,
    managerNaReason: mapped(config.manager, 'the manager attribute is not mapped (pass --manager to test it)', MANAGER_PATH),
    rolesNaReason: mapped(config.roles, 'app roles are not mapped (pass --roles to test them)', 'roles[primary eq "True"].value'),
    oauthNaReason: config.oauth ? undefined : 'OAuth client credentials are not configured (--oauth-token-url, --client-id, --client-secret)',
    tlsNaReason: config.url.startsWith('https:') ? undefined : 'the target URL is not https',
    attributes,
  };
}
