import { openCase } from '../../shared/use-cases/case-commands.ts';
import { apiHandler, parseWith } from '../lib/api-handler.ts';
import { openCaseBody } from './schemas.ts';

/** POST /cases: 201 with the new case, 200 with the existing one when the same invoices come again. */
export const handler = apiHandler(async (deps, request) => {
  const command = parseWith(openCaseBody, request.body, 'body');
  const { created, record } = await openCase(deps, command);
  return {
    status: created ? 201 : 200,
    body: { caseId: record.caseId, created, stage: record.stage, schedule: record.schedule },
  };
});
