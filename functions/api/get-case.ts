import { caseView } from '../../shared/use-cases/case-commands.ts';
import { apiHandler, parseWith } from '../lib/api-handler.ts';
import { caseIdParams } from './schemas.ts';
import { STAFF_ACCESS } from './staff-access.ts';

/** GET /cases/{id}: stage, amounts now, next step and its date, open dispute, chronology. */
export const handler = apiHandler(
  async (deps, request) => {
    const { id } = parseWith(caseIdParams, request.pathParameters, 'path');
    return { status: 200, body: await caseView(deps, id) };
  },
  { staff: STAFF_ACCESS.GetCase },
);
