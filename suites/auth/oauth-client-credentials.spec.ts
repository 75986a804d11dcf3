/**
 * AUTH-OAUTH-CC (docs/entra-behaviour.md §1.5, gallery suite test 21 Validate_Credentials_Test): the token endpoint issues an
 * access token by client credentials with a lifetime of 60–360 minutes, the SCIM endpoint accepts it on Entra's
 * filter request, and a wrong client secret gets no token. The secret and every token issued are registered with
 * the redactor before anything is recorded.
 */
import type { ClientCredentials, IssuedToken } from '../../core/client/oauth.js';
import { HarnessError, TargetError } from '../../core/errors.js';
import { check, describeResponse, fail, runContext, type CheckContext } from '../_harness/index.js';
import { recordMeasurement } from '../_harness/measurement.js';
import { send } from '../_harness/wire.js';

/** Microsoft's gallery policy: access tokens live 60 minutes to 6 hours. */
const MIN_LIFETIME_S = 3600;
const MAX_LIFETIME_S = 21600;

/** The token endpoint's answer; a TargetError that is an answer (not "unreachable") comes back as `refused`. */
async function requestToken(ctx: CheckContext, cc: ClientCredentials, step: string): Promise<IssuedToken | { refused: string }> {
  return ctx.step(step, async () => {
    try {
      // The target's TLS settings (--ca, --insecure) apply to its token endpoint too.
      const dispatcher = ctx.scim.dispatcher;
      // imported here: Playwright's runner loads this file to list the checks and needs no undici (see context.ts)
      const { fetchClientCredentialsToken } = await import('../../core/client/oauth.js');
      return await fetchClientCredentialsToken(cc, ctx.scim.redactor, { timeoutMs: ctx.config.timeoutMs, ...(dispatcher ? { dispatcher } : {}) });
    } catch (err) {
      if (err instanceof TargetError && (err.code === 'TARGET_SETUP' || err.code === 'TARGET_BAD_BODY')) return { refused: err.message };
      throw err;
    }
  });
}

check({
  id: 'auth/oauth-client-credentials',
  title: 'Requests an access token by client credentials and sends it to GET /Users',
  requirements: ['AUTH-OAUTH-CC'],
  counterparts: ['Gallery 21: Validate_Credentials_Test'],
  applies: (caps) => caps.oauthNaReason,
}, async (ctx) => {
  const { oauth } = ctx.config;
  const clientSecret = runContext().secrets.clientSecret;
  if (!oauth || !clientSecret) {
    throw new HarnessError('HARNESS_CONFIG', 'OAuth client credentials are configured without a client secret (--client-secret or SCIM_CLIENT_SECRET)');
  }
  const cc: ClientCredentials = { tokenUrl: oauth.tokenUrl, clientId: oauth.clientId, clientSecret };

  const issued = await requestToken(ctx, cc, 'POST {token-url} grant_type=client_credentials');
  if ('refused' in issued) {
    fail('SCIM_STATUS', 'the token endpoint did not issue an access token for the configured client', { expected: '200 with "access_token"', actual: issued.refused });
  }
  if (issued.expiresIn === undefined) {
    fail('SCIM_MISSING', 'the token answer has no expires_in, so its lifetime cannot be judged', { expected: `"expires_in": ${MIN_LIFETIME_S}…${MAX_LIFETIME_S}`, actual: 'absent' });
  }
  if (issued.expiresIn < MIN_LIFETIME_S || issued.expiresIn > MAX_LIFETIME_S) {
    fail('SCIM_VALUE', `the access token lives ${Math.round(issued.expiresIn / 60)} minutes`, {
      expected: `"expires_in" between ${MIN_LIFETIME_S} and ${MAX_LIFETIME_S} (60 minutes to 6 hours)`,
      actual: `"expires_in": ${issued.expiresIn}`,
    });
  }

  // A filter that finds a user of ours: its answer depends on the token alone, not on how empty results look.
  const user = await ctx.setup.user();
  const res = await send(ctx, { ...ctx.entra.findUser('userName', user.payload.userName), auth: { authorization: `Bearer ${issued.accessToken}` } });
  if (res.status === 401 || res.status === 403) {
    fail('SCIM_STATUS', 'the SCIM endpoint refused the access token its token endpoint issued', { expected: '200', actual: describeResponse(res), res });
  }
  if (res.status !== 200) throw new TargetError('TARGET_SETUP', `cannot tell whether the token was accepted: GET /Users?filter=userName eq answered ${describeResponse(res)}`);

  const wrong = await requestToken(ctx, { ...cc, clientSecret: `wrong-${ctx.data.guid()}` }, 'POST {token-url} grant_type=client_credentials with a wrong secret');
  await recordMeasurement(ctx.testInfo, `token issued with expires_in ${issued.expiresIn} (${issued.tokenType ?? 'no token_type'}) and accepted by GET /Users?filter=userName eq; wrong secret: ${'refused' in wrong ? wrong.refused : 'a token was issued'}`, {
    expiresIn: issued.expiresIn,
    tokenType: issued.tokenType,
    wrongSecretRefused: 'refused' in wrong,
  });
  if (!('refused' in wrong)) {
    fail('SCIM_UNEXPECTED', 'the token endpoint issued an access token for a wrong client secret', { expected: 'an OAuth error (400/401 invalid_client), no access_token', actual: `an access token (expires_in ${wrong.expiresIn ?? 'absent'})` });
  }
});
