import { letterAsSent } from '../../shared/use-cases/case-queries.ts';
import { apiHandler, parseWith } from '../lib/api-handler.ts';
import { letterParams } from './schemas.ts';
import { STAFF_ACCESS } from './staff-access.ts';

/** GET /cases/{id}/letters/{letterId}: a letter as the debtor got it (subject, HTML, text, its hash). */
export const handler = apiHandler(
  async (deps, request) => {
    const { id, letterId } = parseWith(letterParams, request.pathParameters, 'path');
    return { status: 200, body: await letterAsSent(deps, id, letterId) };
  },
  { staff: STAFF_ACCESS.GetLetter },
);
