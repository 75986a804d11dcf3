/**
 * Sends one SCIM request inside a boxed Playwright step named like the wire (the request builder's step name),
 * so the HTML report's step tree reads like the exchange log.
 */
import type { ScimRequest } from '../../core/client/request.js';
import type { ScimResponse } from '../../core/client/scim-client.js';
import type { CheckContext } from './check.js';

export function send(ctx: Pick<CheckContext, 'scim' | 'step'>, req: ScimRequest): Promise<ScimResponse> {
  return ctx.step(req.step ?? `${req.method} ${req.path}`, () => ctx.scim.send(req));
}
