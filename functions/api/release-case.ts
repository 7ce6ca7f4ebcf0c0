import { caseView, releaseCase } from '../../shared/use-cases/case-commands.ts';
import { apiHandler, parseWith, signedInPerson } from '../lib/api-handler.ts';
import { caseIdParams, releaseBody } from './schemas.ts';
import { STAFF_ACCESS } from './staff-access.ts';

/** POST /cases/{id}/release: dunning resumes on a held case. */
export const handler = apiHandler(
  async (deps, request) => {
    const { id } = parseWith(caseIdParams, request.pathParameters, 'path');
    const release = parseWith(releaseBody, request.body, 'body');
    await releaseCase(deps, id, { ...release, ...signedInPerson(request.caller) });
    return { status: 200, body: await caseView(deps, id) };
  },
  { staff: STAFF_ACCESS.ReleaseCase },
);
