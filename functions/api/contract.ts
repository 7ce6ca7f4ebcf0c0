import type * as core from 'zod/v4/core';
import {
  caseList,
  caseView,
  disputeList,
  letterAsSent,
  openCaseResponse,
  recordDisputeResponse,
} from './responses.ts';
import {
  caseListQuery,
  debtorEmailBody,
  decisionBody,
  disputeBody,
  disputeListQuery,
  dossierQuery,
  holdBody,
  openCaseBody,
  paymentBody,
  releaseBody,
  restartBody,
} from './schemas.ts';

/** What a response of a route carries: a zod schema, the dossier's published schema, or HTML. */
export type ResponseBody = { json: core.$ZodType } | { json: 'dossier'; html?: true } | null;

export interface RouteContract {
  summary: string;
  /** The request body's schema; `required: false` when the route accepts no body too. */
  body?: { schema: core.$ZodType; required: boolean };
  query?: core.$ZodObject;
  /** Success responses by status; every route also answers with the error shape (see ERROR_STATUSES). */
  responses: Record<number, { description: string; body: ResponseBody }>;
  /** Error statuses this route answers with besides 400 (always possible: path and body validation). */
  errors: (404 | 409 | 413 | 503)[];
}

/**
 * The contract of each route in API_ROUTES (infra/constructs/case-api.ts), by route id. The OpenAPI
 * document (openapi/cases.v1.json) and the API Gateway request models are generated from it.
 */
export const API_CONTRACT: Record<string, RouteContract> = {
  OpenCase: {
    summary: 'Open a case for overdue invoices of one debtor (idempotent on the invoice numbers)',
    body: { schema: openCaseBody, required: true },
    responses: {
      201: { description: 'The case was opened and its workflow started', body: { json: openCaseResponse } },
      200: {
        description: 'The same invoices came before: the existing case',
        body: { json: openCaseResponse },
      },
    },
    errors: [409, 503],
  },
  ListCases: {
    summary:
      'List cases by stage, pause, awaiting reviewer, next step before a day, debtor kind, invoice number, debtor name (prefix) or opening day; a page at a time',
    query: caseListQuery,
    responses: { 200: { description: 'A page of case summaries', body: { json: caseList } } },
    errors: [503],
  },
  ListDisputes: {
    summary: "The disputes of a status, oldest first: the reviewer's worklist (awaiting-reviewer) by default",
    query: disputeListQuery,
    responses: { 200: { description: 'A page of disputes', body: { json: disputeList } } },
    errors: [503],
  },
  GetCase: {
    summary: 'Read a case: stage, amounts now, next step and its date, open dispute, chronology',
    responses: { 200: { description: 'The case', body: { json: caseView } } },
    errors: [404, 503],
  },
  RecordPayment: {
    summary: 'Record a payment (idempotent on its reference), allocated to costs, interest, principal',
    body: { schema: paymentBody, required: true },
    responses: { 200: { description: 'The case after the payment', body: { json: caseView } } },
    errors: [404, 409, 503],
  },
  RecordDispute: {
    summary: "Record the debtor's dispute: dunning pauses and the dispute review starts",
    body: { schema: disputeBody, required: true },
    responses: { 201: { description: 'The dispute and the case', body: { json: recordDisputeResponse } } },
    errors: [404, 409, 503],
  },
  DecideDispute: {
    summary: "A reviewer's decision on a dispute: reject, accept or settle",
    body: { schema: decisionBody, required: true },
    responses: { 200: { description: 'The case after the decision', body: { json: caseView } } },
    errors: [404, 409, 503],
  },
  CorrectDebtorEmail: {
    summary:
      "Correct the debtor's e-mail address (e.g. after a bounce): later letters go there; release a letter-undeliverable hold afterwards",
    body: { schema: debtorEmailBody, required: true },
    responses: { 200: { description: 'The case with the new address', body: { json: caseView } } },
    errors: [404, 409, 503],
  },
  HoldCase: {
    summary: 'Pause dunning on a case, optionally until a date',
    body: { schema: holdBody, required: true },
    responses: { 200: { description: 'The case on hold', body: { json: caseView } } },
    errors: [404, 409, 503],
  },
  ReleaseCase: {
    summary: 'Resume dunning on a held case',
    body: { schema: releaseBody, required: false },
    responses: { 200: { description: 'The case, dunning resumed', body: { json: caseView } } },
    errors: [404, 409, 503],
  },
  RestartCase: {
    summary:
      'Restart the workflow of a case whose execution failed, once the cause is fixed: a new execution <caseId>-<n> continues from the case record (409 unless failed)',
    body: { schema: restartBody, required: false },
    responses: { 200: { description: 'The case, its workflow restarted', body: { json: caseView } } },
    errors: [404, 409, 503],
  },
  GetDossier: {
    summary: 'The evidence record of a case today, as JSON (schemas/dossier.v1.schema.json) or HTML',
    query: dossierQuery,
    responses: { 200: { description: 'The dossier', body: { json: 'dossier', html: true } } },
    errors: [404, 503],
  },
  GetLetter: {
    summary:
      'A letter of a case as the debtor got it (rendered HTML, text, subject), kept when it was sent; 404 naming path.letterId for a letter not kept or erased with the personal data',
    responses: { 200: { description: 'The letter as sent', body: { json: letterAsSent } } },
    errors: [404, 503],
  },
};
