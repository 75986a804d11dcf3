import { isObject } from '../../core/filter/index.js';
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
  // Entra creates users with their phones and compares them after every cycle
  requirements: ['USER-VALUES-VERBATIM', 'CYCLE-INITIAL', 'CYCLE-INCREMENTAL', 'CYCLE-DEPROVISION'],
  description: 'Normalises phoneNumbers[].value to "+C (AAA) LLL-LLLL" when a user is created (POST /Users), so the stored and returned phone differs from the one sent; phones set later by PATCH stay verbatim.',
  install: () => ({
    request: (req) => {
      if (!(req.method === 'POST' && req.route === 'collection' && req.resourceType === 'User' && isObject(req.body) && Array.isArray(req.body.phoneNumbers))) return req;
      const phoneNumbers = req.body.phoneNumbers.map((p: unknown) => (isObject(p) && typeof p.value === 'string' ? { ...p, value: format(p.value) } : p));
      return { ...req, body: { ...req.body, phoneNumbers } };
    },
  }),
};
