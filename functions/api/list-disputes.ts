import { listDisputes } from '../../shared/use-cases/case-queries.ts';
import { apiHandler, parseWith, queryErrorsNamed } from '../lib/api-handler.ts';
import { disputeListQuery } from './schemas.ts';
import { STAFF_ACCESS } from './staff-access.ts';

/** GET /disputes: the disputes of a status, oldest first; awaiting-reviewer (the reviewer's worklist) by default. */
export const handler = apiHandler(
  async (deps, request) => {
    const { status, limit, cursor, order } = parseWith(disputeListQuery, request.query, 'query');
    const page = await queryErrorsNamed(() => listDisputes(deps, status, { limit, cursor, order }));
    return { status: 200, body: page };
  },
  { staff: STAFF_ACCESS.ListDisputes },
);
