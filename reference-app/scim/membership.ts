/**
 * A group's membership under PATCH: the member ids a `members[value eq "…" or …]` filter names, and the changes of
 * the operations folded in order, applied to the stored list only when an operation needs to read it.
 */
import type { FilterNode } from '../../core/filter/index.js';
import type { MemberRef } from './coerce.js';

/** The member ids of a filter made only of `value eq "id"` terms joined by `or`. */
export function memberIds(filter: FilterNode): string[] | undefined {
  if (filter.op === 'or') {
    const left = memberIds(filter.left);
    const right = memberIds(filter.right);
    return left && right ? [...left, ...right] : undefined;
  }
  if (filter.op !== 'eq' || filter.path.attr?.toLowerCase() !== 'value' || filter.path.sub !== undefined) return undefined;
  const id = typeof filter.value === 'string' ? filter.value : filter.raw;
  return id === undefined || id === '' ? undefined : [id];
}

/** Membership changes folded in order, so that e.g. add x then remove x leaves only "remove x". */
export class Membership {
  private removeAll = false;
  private readonly removed = new Set<string>();
  private readonly added = new Map<string, MemberRef>();
  private baseline: readonly MemberRef[] | undefined;
  touched = false;

  constructor(private readonly load: () => readonly MemberRef[]) {}

  add(member: MemberRef): void {
    this.touched = true;
    this.removed.delete(member.value);
    this.added.set(member.value, { ...this.added.get(member.value), ...member });
  }

  remove(id: string): void {
    this.touched = true;
    this.added.delete(id);
    if (!this.removeAll) this.removed.add(id);
  }

  clear(): void {
    this.touched = true;
    this.removeAll = true;
    this.removed.clear();
    this.added.clear();
  }

  /** The member list as the operations so far leave it. */
  current(): MemberRef[] {
    this.baseline ??= this.load();
    const base = this.removeAll ? [] : this.baseline.filter((m) => !this.removed.has(m.value));
    const out = base.map((m) => (this.added.has(m.value) ? { ...m, ...this.added.get(m.value) } : m));
    const present = new Set(base.map((m) => m.value));
    for (const [id, m] of this.added) if (!present.has(id)) out.push(m);
    return out;
  }

  /** What the patch asks of the group's stored membership (PatchResult's two member fields). */
  result(): { membersRemoved: string[] | 'all'; membersAdded: MemberRef[] } {
    return { membersRemoved: this.removeAll ? 'all' : [...this.removed], membersAdded: [...this.added.values()] };
  }
}
