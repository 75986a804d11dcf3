/**
 * The targets a run declares its checks against (documented in suites/README.md). `scim-conform run` hands over
 * one unnamed target (SCIM_CONFORM_CONFIG); a target set (SCIM_CONFORM_TARGETS: name → run configuration) declares
 * every check once per named target in the same Playwright project, so the workers serve all of them — how the
 * defect matrix tests the clean reference app and one instance per defect in one run. A named target's tests carry
 * `⟨name⟩` in their title (for --grep) and a `target` annotation.
 */
import { ANNOTATION } from '../../core/evidence.js';
import { HarnessError } from '../../core/errors.js';
import { loadRunConfig, readTargetSet, runConfigFile } from '../../core/run-config.js';

export interface RunTarget {
  /** Undefined for the one target of a `scim-conform run`. */
  name?: string;
  /** Its run configuration. */
  configFile: string;
}

let targets: readonly RunTarget[] | undefined;

/** This run's targets, read once per process; load-time options (the dialects) must agree across a target set. */
export function runTargets(): readonly RunTarget[] {
  targets ??= resolveTargets(process.env);
  return targets;
}

/** The targets `env` names: a target set (SCIM_CONFORM_TARGETS) or the one run configuration (SCIM_CONFORM_CONFIG). */
export function resolveTargets(env: NodeJS.ProcessEnv): readonly RunTarget[] {
  const set = readTargetSet(env);
  if (!set) return [{ configFile: runConfigFile(env) }];
  const named = Object.entries(set).map(([name, configFile]) => ({ name, configFile }));
  // Spec files choose their checks at load time from the dialect: one choice has to hold for every target.
  const dialects = new Set(named.map((t) => loadRunConfig(t.configFile).dialect));
  if (dialects.size > 1) {
    throw new HarnessError('HARNESS_CONFIG', `the targets of a target set must share one dialect, got ${[...dialects].join(', ')}; run the others separately`);
  }
  return named;
}

/** The target whose configuration answers load-time questions (dialects) and run-wide secrets: the first. */
export function primaryTarget(): RunTarget {
  const [first] = runTargets();
  if (!first) throw new HarnessError('HARNESS_INTERNAL', 'a run without targets');
  return first;
}

/** The title and annotations of a check's test for one target. */
export function forTarget(title: string, target: RunTarget): { title: string; annotation: Array<{ type: string; description: string }> } {
  if (target.name === undefined) return { title, annotation: [] };
  return { title: `${title} ⟨${target.name}⟩`, annotation: [{ type: ANNOTATION.target, description: target.name }] };
}
