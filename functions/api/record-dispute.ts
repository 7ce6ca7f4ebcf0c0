import { caseView, recordDispute } from '../../shared/use-cases/case-commands.ts';
import { apiHandler, parseWith } from '../lib/api-handler.ts';
import { caseIdParams, disputeBody } from './schemas.ts';

/** POST /cases/{id}/disputes: pauses dunning and sends the case to dispute review. */
export const handler = apiHandler(async (deps, request) => {
  const { id } = parseWith(caseIdParams, request.pathParameters, 'path');
  const dispute = parseWith(disputeBody, request.body, 'body');
  const { disputeId } = await recordDispute(deps, id, dispute);
  return { status: 201, body: { disputeId, case: await caseView(deps, id) } };
});
