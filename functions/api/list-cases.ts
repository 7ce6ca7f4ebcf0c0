import { listCases } from '../../shared/use-cases/case-queries.ts';
import { apiHandler, parseWith, queryErrorsNamed } from '../lib/api-handler.ts';
import { caseListQuery } from './schemas.ts';
import { STAFF_ACCESS } from './staff-access.ts';

/** GET /cases: the creditor's cases that pass the filters, a page at a time. */
export const handler = apiHandler(
  async (deps, request) => {
    const { limit, cursor, order, ...filters } = parseWith(caseListQuery, request.query, 'query');
    const page = await queryErrorsNamed(() => listCases(deps, filters, { limit, cursor, order }));
    return { status: 200, body: page };
  },
  { staff: STAFF_ACCESS.ListCases },
);
