import { isObject } from '../../core/filter/index.js';
import { mapResources } from './helpers.js';
import type { Defect } from './types.js';

/** "+1 (425) 555-0100" style: what a well-meaning phone library does to "4255550100" or "61-392-9473". */
function format(phone: string): string {
  const d = phone.replace(/\D/g, '');
  if (d.length < 7) return phone;
  const local = d.slice(-7);
  const area = d.slice(-10, -7);
  const country = d.slice(0, -10);
  return `+${country || '1'} (${area || '000'}) ${local.slice(0, 3)}-${local.slice(3)}`;
}

export const reformatPhone: Defect = {
  name: 'reformat-phone',
  requirements: ['USER-VALUES-VERBATIM'],
  description: 'Returns phoneNumbers[].value reformatted as "+C (AAA) LLL-LLLL" instead of exactly as sent.',
  install: () => ({
    response: (res, req) => (req.resourceType === 'User' || req.route === 'search'
      ? mapResources(res, (r) => (Array.isArray(r.phoneNumbers)
        ? { ...r, phoneNumbers: r.phoneNumbers.map((p: unknown) => (isObject(p) && typeof p.value === 'string' ? { ...p, value: format(p.value) } : p)) }
        : r))
      : res),
  }),
};
