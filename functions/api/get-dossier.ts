import { renderDossierHtml } from '../../shared/dossier/render-html.ts';
import { caseDossier } from '../../shared/use-cases/case-commands.ts';
import { apiHandler, parseWith } from '../lib/api-handler.ts';
import { caseIdParams, dossierQuery } from './schemas.ts';
import { STAFF_ACCESS } from './staff-access.ts';

/**
 * GET /cases/{id}/dossier: the evidence record on today's date (contract terms, invoices, letters and
 * events in order, verdicts with reasons, amounts with their computation), as JSON valid against
 * schemas/dossier.v1.schema.json, or with `?format=html` as the readable rendering.
 */
export const handler = apiHandler(
  async (deps, request) => {
    const { id } = parseWith(caseIdParams, request.pathParameters, 'path');
    const { format } = parseWith(dossierQuery, request.query, 'query');
    const dossier = await caseDossier(deps, id);
    if (format === 'html')
      return { status: 200, body: renderDossierHtml(dossier), contentType: 'text/html; charset=utf-8' };
    return { status: 200, body: dossier };
  },
  { staff: STAFF_ACCESS.GetDossier },
);
