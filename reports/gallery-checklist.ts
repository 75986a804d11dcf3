/**
 * Microsoft's gallery checklist for SCIM apps (docs/entra-behaviour.md §5.5) judged against this run's requirement results.
 * Items a tool cannot prove (customers, tenant IDs, contacts, documentation) are listed as `manual` so the vendor
 * sees the whole list in every format.
 */
import type { GalleryItem, GalleryItemStatus, RequirementResult } from './model.js';

export interface ItemSpec {
  id: string;
  title: string;
  need: GalleryItem['need'];
  /** `all`: every requirement must hold; `any`: one suffices (soft or hard delete). */
  mode?: 'all' | 'any';
  requirements?: string[];
  /** For manual items: what the vendor must provide. */
  manual?: string;
}

const ITEMS: readonly ItemSpec[] = [
  { id: 'user-endpoint', title: 'SCIM 2.0 User endpoint', need: 'required',
    requirements: ['USER-CREATE', 'USER-GET', 'USER-FILTER-USERNAME', 'USER-PATCH-REPLACE'] },
  { id: 'group-endpoint', title: 'SCIM 2.0 Group endpoint', need: 'recommended',
    requirements: ['GROUP-CREATE', 'GROUP-GET', 'GROUP-FILTER-DISPLAYNAME', 'GROUP-PATCH-REPLACE'] },
  { id: 'rate-25rps', title: 'At least 25 requests per second per tenant', need: 'required', requirements: ['RATE-25RPS'] },
  { id: 'client-credentials', title: 'OAuth 2.0 client credentials, access token valid 60 min – 6 h', need: 'required',
    requirements: ['AUTH-OAUTH-CC'] },
  { id: 'soft-or-hard-delete', title: 'Soft delete (active=false) or hard delete of users', need: 'required', mode: 'any',
    requirements: ['USER-DEACTIVATE', 'USER-DELETE'] },
  { id: 'nonexistent-query', title: 'A query for a nonexistent user returns success with 0 results, not 400', need: 'required',
    requirements: ['FILTER-NO-MATCH', 'CONN-TEST'] },
  { id: 'schema-discovery', title: 'Schema discovery (/Schemas)', need: 'required', requirements: ['DISC-SCHEMAS'] },
  { id: 'multi-member-patch', title: 'Several group memberships in one PATCH', need: 'recommended', requirements: ['GROUP-MEMBER-ADD'] },
  { id: 'error-handling', title: 'Error handling: 401 for a bad token, 400 for an invalid request', need: 'required',
    requirements: ['AUTH-REJECT', 'FILTER-INVALID'] },
  { id: 'scim-validator', title: 'Validated with the Microsoft SCIM Validator and the non-gallery app', need: 'required',
    manual: 'Run https://scimvalidator.microsoft.com/ and a non-gallery app; validator-results.json shows what this run predicts.' },
  { id: 'bulk', title: 'SCIM bulk operations', need: 'recommended', manual: 'Not checked by scim-conform.' },
  { id: 'customers', title: 'SCIM deployed to at least 100 mutual customers (non-gallery)', need: 'required',
    manual: 'Provide the customer count in the submission.' },
  { id: 'tenant-ids', title: 'At least 5 customer tenant IDs for the private preview', need: 'required',
    manual: 'Provide the tenant IDs in the submission.' },
  { id: 'contacts', title: 'Engineering and support contacts', need: 'required', manual: 'Provide them in the submission.' },
  { id: 'documentation', title: 'Public SCIM documentation (endpoint, supported resources and attributes)', need: 'required',
    manual: 'Link the public documentation in the submission.' },
];

function judge(spec: ItemSpec, results: ReadonlyMap<string, RequirementResult>): Pick<GalleryItem, 'status' | 'note'> {
  const ids = spec.requirements ?? [];
  const found = ids.map((id) => results.get(id)).filter((r): r is RequirementResult => r !== undefined);
  const named = (pred: (r: RequirementResult) => boolean): string => found.filter(pred).map((r) => r.id).join(', ');
  const broken = (r: RequirementResult): boolean => r.status === 'fail' || r.status === 'waived';
  const holds = (r: RequirementResult): boolean => r.status === 'pass' || r.status === 'warn';
  const status = (s: GalleryItemStatus, note: string): Pick<GalleryItem, 'status' | 'note'> => ({ status: s, note });

  if (spec.mode === 'any') {
    if (found.some(holds)) return status('proven', `proven by ${named(holds)}`);
    if (found.some(broken)) return status('failed', `failed: ${named(broken)}`);
  } else {
    // A waiver is a local CI decision; Microsoft still sees the requirement broken.
    if (found.some(broken)) return status('failed', `failed: ${named(broken)}`);
    if (found.length === ids.length && found.every(holds)) return status('proven', `proven by ${named(holds)}`);
  }
  const na = found.filter((r) => r.status === 'na');
  if (na.length > 0) return status('unproven', `not applicable in this run: ${na.map((r) => `${r.id} (${r.reason ?? 'no reason given'})`).join('; ')}`);
  const open = new Map<string, string[]>();
  for (const r of found.filter((x) => !holds(x))) open.set(r.status, [...(open.get(r.status) ?? []), r.id]);
  const why = [...open].map(([s, ids]) => `${s}: ${ids.join(', ')}`).join('; ');
  return status('unproven', why ? `not proven by this run (${why})` : 'not proven by this run');
}

export function galleryChecklist(requirements: readonly RequirementResult[]): GalleryItem[] {
  return checklistFrom(ITEMS, requirements);
}

/** A checklist judged against a run's requirement results (the OIN checklist uses it too). */
export function checklistFrom(items: readonly ItemSpec[], requirements: readonly RequirementResult[]): GalleryItem[] {
  const results = new Map(requirements.map((r) => [r.id, r]));
  return items.map((spec) => {
    const base = { id: spec.id, title: spec.title, need: spec.need, requirements: spec.requirements ?? [] };
    if (spec.manual !== undefined) return { ...base, status: 'manual', note: spec.manual };
    return { ...base, ...judge(spec, results) };
  });
}
