import { InvalidInputError } from '../../shared/errors.ts';
import { caseView, decideDispute } from '../../shared/use-cases/case-commands.ts';
import { apiHandler, parseWith } from '../lib/api-handler.ts';
import { decisionBody, disputeParams } from './schemas.ts';
import { STAFF_ACCESS } from './staff-access.ts';

/**
 * POST /cases/{id}/disputes/{disputeId}/decision: a reviewer rejects, accepts or settles. The reviewer
 * recorded is the signed-in person (the staff token's user), never a name typed into the body; a
 * back-office system (IAM) names the person it decides on behalf of in `reviewer`.
 */
export const handler = apiHandler(
  async (deps, request) => {
    const { id, disputeId } = parseWith(disputeParams, request.pathParameters, 'path');
    const { reviewer: onBehalfOf, ...decision } = parseWith(decisionBody, request.body, 'body');
    let reviewer: string;
    if (request.caller.kind === 'staff') {
      if (onBehalfOf !== undefined)
        throw new InvalidInputError('body.reviewer', 'is taken from your sign-in; leave it out');
      reviewer = request.caller.username;
    } else {
      if (onBehalfOf === undefined)
        throw new InvalidInputError('body.reviewer', 'is required: the person this decision is made for');
      reviewer = onBehalfOf;
    }
    await decideDispute(deps, id, disputeId, { ...decision, reviewer });
    return { status: 200, body: await caseView(deps, id) };
  },
  { staff: STAFF_ACCESS.DecideDispute },
);
