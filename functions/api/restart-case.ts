import { caseView, restartCase } from '../../shared/use-cases/case-commands.ts';
import { apiHandler, parseWith, signedInPerson } from '../lib/api-handler.ts';
import { caseIdParams, restartBody } from './schemas.ts';
import { STAFF_ACCESS } from './staff-access.ts';

/** POST /cases/{id}/restart: an operator restarts the workflow of a failed case from its record. */
export const handler = apiHandler(
  async (deps, request) => {
    const { id } = parseWith(caseIdParams, request.pathParameters, 'path');
    const restart = parseWith(restartBody, request.body, 'body');
    await restartCase(deps, id, { ...restart, ...signedInPerson(request.caller) });
    return { status: 200, body: await caseView(deps, id) };
  },
  { staff: STAFF_ACCESS.RestartCase },
);
