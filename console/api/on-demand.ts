/**
 * Provision on demand (docs/entra-behaviour.md §4.12): one user, or one group with up to 5 members, through the
 * portal's step cards, with the SCIM requests and answers it sent (redacted where they were recorded).
 */
import type { FastifyInstance } from 'fastify';
import { ON_DEMAND_MAX_MEMBERS, provisionOnDemand } from '../../mock-idp/index.js';
import { ConsoleError } from '../errors.js';
import type { ConsoleSession } from '../session.js';
import { fieldsOf, optionalString } from './input.js';

export function onDemandRoutes(app: FastifyInstance, session: ConsoleSession): void {
  app.post('/api/provision', async (req) => {
    const f = fieldsOf(req.body, 'provision on demand');
    const user = optionalString(f, 'user');
    const group = optionalString(f, 'group');
    if (!user === !group) throw new ConsoleError('CONSOLE_BAD_INPUT', 'choose one user or one group to provision');
    const members = f.members;
    if (members !== undefined && (!Array.isArray(members) || members.some((m) => typeof m !== 'string'))) {
      throw new ConsoleError('CONSOLE_BAD_INPUT', 'members: expected a list of user ids');
    }
    if (Array.isArray(members) && members.length > ON_DEMAND_MAX_MEMBERS) {
      throw new ConsoleError('CONSOLE_BAD_INPUT', `a group is provisioned on demand with up to ${ON_DEMAND_MAX_MEMBERS} members; ${members.length} chosen`);
    }
    session.assertIdle('provision on demand');
    const options = session.jobOptions({ shareClient: true });
    const subject = user ? { user } : { group: group as string, ...(Array.isArray(members) && members.length ? { members: members as string[] } : {}) };
    const result = await provisionOnDemand(options, subject);
    return { ...result, exchanges: options.client.exchanges };
  });
}
