/**
 * `--profile entra|okta` and Okta's variants (`--okta-user-updates put|patch`, `--okta-aiw`), the same flags on
 * `run`, `list` and the `idp` commands that send. yargs checks the values (its `choices`); resolveProfile refuses a
 * flag of the other profile.
 */
import type { Argv } from 'yargs';
import { OKTA_USER_UPDATES, PROFILES, type OktaAppMode, type OktaUserUpdates, type Profile } from '../core/profile.js';
import { usageError } from './context.js';

/** `--profile` and Okta's variants, named as on `run`; `okta-delete-groups` only where groups are pushed. */
export interface ProfileArgs {
  profile: string;
  'okta-user-updates'?: string | undefined;
  'okta-aiw'?: boolean | undefined;
  'okta-delete-groups'?: boolean | undefined;
}

export function profileOptions<T>(y: Argv<T>, o: { deleteGroups?: boolean } = {}): Argv<T & ProfileArgs> {
  return y.options({
    profile: { type: 'string', choices: PROFILES, default: 'entra', describe: 'The IdP to emulate: entra (Microsoft Entra provisioning) or okta (Okta\'s provisioning for OIN apps)' },
    'okta-user-updates': { type: 'string', choices: OKTA_USER_UPDATES, describe: 'With --profile okta: profile updates by put (GET, then PUT; the default) or patch ("Support PATCH for User")' },
    'okta-aiw': { type: 'boolean', describe: 'With --profile okta: an App Integration Wizard app (PUT for every update, deactivation included)' },
    ...(o.deleteGroups ? { 'okta-delete-groups': { type: 'boolean', describe: 'With --profile okta: delete a pushed group that is no longer pushed (DELETE /Groups/{id}); by default it is only unlinked' } } : {}),
  }) as unknown as Argv<T & ProfileArgs>;
}

export interface OktaSettings {
  userUpdates: OktaUserUpdates;
  mode: OktaAppMode;
  deleteGroups: boolean;
}

/**
 * The profile and, for okta, its variants. An Okta flag on the Entra profile, or an Entra-only flag (named in
 * `entraOnly` when given) on the Okta profile, is a mistake worth saying.
 */
export function resolveProfile(args: ProfileArgs, entraOnly: Record<string, unknown> = {}): { profile: Profile; okta: OktaSettings | undefined } {
  // yargs has checked the values against PROFILES and OKTA_USER_UPDATES (its `choices`).
  const profile = args.profile as Profile;
  if (profile !== 'okta') {
    const stray = (['okta-user-updates', 'okta-aiw', 'okta-delete-groups'] as const).filter((f) => args[f] !== undefined && args[f] !== false).map((f) => `--${f}`);
    if (stray.length) throw usageError(`${stray.join(' and ')} ${stray.length > 1 ? 'apply' : 'applies'} to --profile okta only`);
    return { profile, okta: undefined };
  }
  const entra = Object.entries(entraOnly).filter(([, v]) => v !== undefined && v !== false).map(([f]) => `--${f}`);
  if (entra.length) throw usageError(`${entra.join(' and ')} ${entra.length > 1 ? 'apply' : 'applies'} to --profile entra only`);
  // "Support PATCH for User" is an OIN wizard setting; an AIW app has none, so the pair would record a mode never acted out.
  if (args['okta-aiw'] && args['okta-user-updates'] === 'patch') {
    throw usageError('--okta-user-updates patch does not apply with --okta-aiw: App Integration Wizard apps send every update by PUT');
  }
  return { profile, okta: { userUpdates: (args['okta-user-updates'] ?? 'put') as OktaUserUpdates, mode: args['okta-aiw'] ? 'aiw' : 'oin', deleteGroups: args['okta-delete-groups'] ?? false } };
}
