import { caseView, correctDebtorEmail } from '../../shared/use-cases/case-commands.ts';
import { apiHandler, parseWith, signedInPerson } from '../lib/api-handler.ts';
import { caseIdParams, debtorEmailBody } from './schemas.ts';
import { STAFF_ACCESS } from './staff-access.ts';

/** POST /cases/{id}/debtor-email: the debtor's corrected e-mail address; later letters go there. */
export const handler = apiHandler(
  async (deps, request) => {
    const { id } = parseWith(caseIdParams, request.pathParameters, 'path');
    const { email } = parseWith(debtorEmailBody, request.body, 'body');
    await correctDebtorEmail(deps, id, { email, ...signedInPerson(request.caller) });
    return { status: 200, body: await caseView(deps, id) };
  },
  { staff: STAFF_ACCESS.CorrectDebtorEmail },
);
