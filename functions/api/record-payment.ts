import { caseView, recordPayment } from '../../shared/use-cases/case-commands.ts';
import { apiHandler, parseWith, signedInPerson } from '../lib/api-handler.ts';
import { caseIdParams, paymentBody } from './schemas.ts';
import { STAFF_ACCESS } from './staff-access.ts';

/** POST /cases/{id}/payments: idempotent on the payment reference. */
export const handler = apiHandler(
  async (deps, request) => {
    const { id } = parseWith(caseIdParams, request.pathParameters, 'path');
    const payment = parseWith(paymentBody, request.body, 'body');
    await recordPayment(deps, id, { ...payment, ...signedInPerson(request.caller) });
    return { status: 200, body: await caseView(deps, id) };
  },
  { staff: STAFF_ACCESS.RecordPayment },
);
