import { caseView, holdCase } from '../../shared/use-cases/case-commands.ts';
import { apiHandler, parseWith, signedInPerson } from '../lib/api-handler.ts';
import { caseIdParams, holdBody } from './schemas.ts';
import { STAFF_ACCESS } from './staff-access.ts';

/** POST /cases/{id}/hold: the creditor pauses dunning, optionally until a date. */
export const handler = apiHandler(
  async (deps, request) => {
    const { id } = parseWith(caseIdParams, request.pathParameters, 'path');
    const hold = parseWith(holdBody, request.body, 'body');
    await holdCase(deps, id, { ...hold, ...signedInPerson(request.caller) });
    return { status: 200, body: await caseView(deps, id) };
  },
  { staff: STAFF_ACCESS.HoldCase },
);
