import { URN } from '../../core/urns.js';
import { filterText, isQuery } from './helpers.js';
import type { Defect } from './types.js';

const PAGING = ['totalResults', 'startIndex', 'itemsPerPage'] as const;

export const pagingFieldsAsStrings: Defect = {
  name: 'paging-fields-as-strings',
  requirements: ['OKTA-IMPORT-PAGING', 'OKTA-TEST-CREDENTIALS', 'OKTA-SPEC-LIST-USERS'],
  description: 'Writes totalResults, startIndex and itemsPerPage of unfiltered list queries (the pages Okta imports) as strings ("3") instead of JSON integers; filtered queries are unaffected.',
  install: () => ({
    response: (res, req) => {
      const body = res.body as Record<string, unknown> | undefined;
      if (!isQuery(req) || filterText(req) !== undefined || res.status !== 200 || !Array.isArray(body?.schemas) || !body.schemas.includes(URN.ListResponse)) return res;
      return { ...res, body: { ...body, ...Object.fromEntries(PAGING.filter((k) => k in body).map((k) => [k, String(body[k])])) } };
    },
  }),
};
