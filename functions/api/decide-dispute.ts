import { caseView, decideDispute } from '../../shared/use-cases/case-commands.ts';
import { apiHandler, parseWith } from '../lib/api-handler.ts';
import { decisionBody, disputeParams } from './schemas.ts';

/** POST /cases/{id}/disputes/{disputeId}/decision: a reviewer rejects, accepts or settles. */
export const handler = apiHandler(async (deps, request) => {
  const { id, disputeId } = parseWith(disputeParams, request.pathParameters, 'path');
  const decision = parseWith(decisionBody, request.body, 'body');
  await decideDispute(deps, id, disputeId, decision);
  return { status: 200, body: await caseView(deps, id) };
});
