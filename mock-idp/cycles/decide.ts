/**
 * What a cycle does with one source object, decided locally (no request) so the accidental-deletion threshold
 * can be checked before anything is sent (docs/entra-behaviour.md §4.1 incremental steps 7–9, §4.4).
 */
import type { CompiledMappings } from '../mappings/mappings.js';
import { passesFilters } from '../scoping/filter.js';
import { groupSource, userSource, type UserFacts } from '../directory/source-view.js';
import type { DirectoryStore } from '../directory/store.js';
import type { DirectoryGroup, DirectoryUser } from '../directory/types.js';
import type { Link } from './state.js';

export interface ScopeFacts extends UserFacts {
  assigned: boolean;
  passesFilters: boolean;
  enabled: boolean;
  inScope: boolean;
  /** For the log's scoping step. */
  reason: string;
}

export type UserDecision =
  | 'none' // nothing known on either side
  | 'provision' // match, then create or update
  | 'update'
  | 'disable' // in scope, blocked or soft-deleted: the update carries active=false
  | 'deprovision' // left scope: PATCH active=false, then unmanaged
  | 'markUnmanaged' // left scope while already inactive in the target
  | 'delete'
  | 'forget' // hard-deleted after leaving scope: no longer managed, nothing sent
  | 'skipOutOfScope'
  | 'skipDisabled'
  | 'skipUnmanaged'
  | 'skipOutOfScopeDeletions'
  | 'skipNoActiveMapping'
  | 'skipDeleteAction';
export type GroupDecision = 'none' | 'provision' | 'update' | 'delete' | 'skipOutOfScope' | 'skipDeleteAction' | 'skipDisabledMapping';

/** Operations the accidental-deletion threshold counts. */
export const DELETIONS: ReadonlySet<UserDecision | GroupDecision> = new Set(['disable', 'deprovision', 'delete']);

export class ScopeEvaluator {
  private readonly assignedGroups: Map<string, string | null>;
  private readonly assignAll: boolean;
  constructor(private readonly dir: DirectoryStore, private readonly mappings: CompiledMappings) {
    this.assignedGroups = dir.assignedGroups();
    this.assignAll = mappings.settings.scope === 'all' || dir.assignAll();
  }

  userFacts(user: DirectoryUser): ScopeFacts {
    const direct = this.assignAll ? undefined : this.dir.assignment(user.id);
    const viaGroups = this.assignedGroups.size ? this.dir.groupsOf(user.id).filter((g) => this.assignedGroups.has(g)) : [];
    const assigned = this.assignAll || direct !== undefined || viaGroups.length > 0;
    const enabled = user.accountEnabled !== false && !user.deletedDateTime;
    const appRoles = [direct?.appRole, ...viaGroups.map((g) => this.assignedGroups.get(g))].filter((r): r is string => typeof r === 'string');
    const filters = passesFilters(this.mappings.user.scopingFilters, userSource(user, { isSoftDeleted: !enabled, appRoles }));
    const inScope = assigned && filters;
    const reason = !assigned ? 'not assigned to the application' : !filters ? 'filtered out by the scoping filters' : !enabled
      ? user.deletedDateTime ? 'soft-deleted in the source' : 'sign-in blocked (accountEnabled false)' : 'in scope';
    return { assigned, passesFilters: filters, enabled, inScope, isSoftDeleted: !inScope || !enabled, appRoles, reason };
  }

  groupInScope(group: DirectoryGroup): { inScope: boolean; reason: string } {
    const assigned = this.assignAll || this.dir.assignment(group.id) !== undefined;
    if (!assigned) return { inScope: false, reason: 'not assigned to the application' };
    if (!passesFilters(this.mappings.group.scopingFilters, groupSource(group))) return { inScope: false, reason: 'filtered out by the scoping filters' };
    return { inScope: true, reason: 'in scope' };
  }

  decideUser(user: DirectoryUser | undefined, link: Link | undefined, facts?: ScopeFacts): UserDecision {
    const m = this.mappings.user;
    if (!user) {
      if (!link) return 'none';
      if (link.state === 'unmanaged') return 'forget';
      return m.actions.delete ? 'delete' : 'skipDeleteAction';
    }
    const f = facts ?? this.userFacts(user);
    if (!link) return !f.inScope ? 'skipOutOfScope' : !f.enabled ? 'skipDisabled' : 'provision';
    if (link.state === 'unmanaged') {
      // No longer managed since it left scope: back in scope, it is matched again like a new user (§4.4),
      // which is why a target must keep soft-deleted users findable by the matching attribute.
      return !f.inScope ? 'skipUnmanaged' : !f.enabled ? 'skipDisabled' : 'provision';
    }
    if (!f.inScope) {
      if (this.mappings.settings.skipOutOfScopeDeletions) return 'skipOutOfScopeDeletions';
      if (!m.hasActive) return 'skipNoActiveMapping';
      return link.state === 'disabled' ? 'markUnmanaged' : 'deprovision';
    }
    return !f.enabled && link.state === 'active' && m.hasActive ? 'disable' : 'update';
  }

  decideGroup(group: DirectoryGroup | undefined, link: Link | undefined): GroupDecision {
    const m = this.mappings.group;
    if (!m.enabled) return link ? 'skipDisabledMapping' : 'none';
    if (!group || !this.groupInScope(group).inScope) {
      if (!link) return group ? 'skipOutOfScope' : 'none';
      return m.actions.delete ? 'delete' : 'skipDeleteAction';
    }
    return link ? 'update' : 'provision';
  }
}
