/**
 * What the target advertises, read once per worker (outside any check's evidence): which resource types exist,
 * so checks of features the target does not offer report n/a with the reason instead of failing or passing.
 */
import type { ScimClient } from '../../core/client/scim-client.js';
import type { RunConfig } from '../../core/run-config.js';

export interface TargetCapabilities {
  /** undefined when groups are tested; otherwise the n/a reason. */
  groupsNaReason: string | undefined;
  managerNaReason: string | undefined;
  oauthNaReason: string | undefined;
  tlsNaReason: string | undefined;
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

async function discover(client: ScimClient, config: RunConfig): Promise<TargetCapabilities> {
  let groupsNaReason: string | undefined = config.groups ? undefined : 'groups are not tested (--no-groups)';
  if (!groupsNaReason) {
    try {
      const probe = client.fork();
      const res = await probe.send({ method: 'GET', path: '/ResourceTypes' });
      const resources = (res.body as { Resources?: Array<{ name?: string; endpoint?: string }> } | undefined)?.Resources;
      // Only an explicit, well-formed list without Group counts as "not advertised"; a broken /ResourceTypes
      // is DISC-RESOURCETYPES' business, and Entra would still send group requests.
      if (res.status === 200 && Array.isArray(resources) && resources.length > 0 &&
          !resources.some((r) => r.name === 'Group' || r.endpoint === '/Groups')) {
        groupsNaReason = 'the target does not advertise a Group resource type in /ResourceTypes';
      }
    } catch {
      // unreachable: the checks themselves will error
    }
  }
  return {
    groupsNaReason,
    managerNaReason: config.manager ? undefined : 'the manager attribute is not mapped (pass --manager to test it)',
    oauthNaReason: config.oauth ? undefined : 'OAuth client credentials are not configured (--oauth-token-url, --client-id, --client-secret)',
    tlsNaReason: config.url.startsWith('https:') ? undefined : 'the target URL is not https',
  };
}
