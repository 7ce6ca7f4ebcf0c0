/**
 * The case API's routes: what the stack deploys (infra/constructs/case-api.ts) and what the local server
 * serves. No CDK import here, so the local runtime reads the table without loading the CDK.
 */
import type { PortUse } from './function-access.ts';
export interface ApiRoute {
  id: string;
  method: 'GET' | 'POST';
  /** API Gateway resource path with `{param}` placeholders. */
  path: string;
  entry: string;
  /**
   * The port methods the handler's code calls (shared/use-cases/case-commands.ts): its IAM grants and
   * environment follow from this (infra/function-access.ts). A query route adds e.g. `store: ['listCases']`
   * with the index its method maps to in PORT_PERMISSIONS.
   */
  uses: PortUse;
  description: string;
}

/** Every route of the case API; the local server serves the same table. */
export const API_ROUTES: readonly ApiRoute[] = [
  {
    id: 'OpenCase',
    method: 'POST',
    path: '/cases',
    entry: 'functions/api/open-case.ts',
    uses: {
      // A case as created is written again once its events are published (the outbox list cleared).
      store: ['get', 'create', 'replace', 'claimIntakeKey', 'releaseIntakeKey'],
      workflow: ['startCase'],
      events: ['publish'],
    },
    description: 'Opens a case for overdue invoices and starts its workflow',
  },
  {
    id: 'ListCases',
    method: 'GET',
    path: '/cases',
    entry: 'functions/api/list-cases.ts',
    uses: { queries: ['listCases'] },
    description:
      'Lists cases by filters (stage, pause, reviewer, next step, debtor, invoice, opening), paged',
  },
  {
    id: 'ListDisputes',
    method: 'GET',
    path: '/disputes',
    entry: 'functions/api/list-disputes.ts',
    uses: { queries: ['listDisputes'] },
    description: "Lists the disputes of a status, oldest first: the reviewer's worklist",
  },
  {
    id: 'GetCase',
    method: 'GET',
    path: '/cases/{id}',
    entry: 'functions/api/get-case.ts',
    uses: { store: ['get'] },
    description: 'Reads a case: stage, amounts now, next step, chronology',
  },
  {
    id: 'RecordPayment',
    method: 'POST',
    path: '/cases/{id}/payments',
    entry: 'functions/api/record-payment.ts',
    uses: { store: ['get', 'replace'], workflow: ['signal'], events: ['publish'] },
    description: 'Records a payment, allocated to costs, interest and principal',
  },
  {
    id: 'RecordDispute',
    method: 'POST',
    path: '/cases/{id}/disputes',
    entry: 'functions/api/record-dispute.ts',
    uses: { store: ['get', 'replace'], workflow: ['signal'], events: ['publish'] },
    description: 'Records a dispute and pauses dunning',
  },
  {
    id: 'DecideDispute',
    method: 'POST',
    path: '/cases/{id}/disputes/{disputeId}/decision',
    entry: 'functions/api/decide-dispute.ts',
    uses: { store: ['get', 'replace'], workflow: ['signal'], events: ['publish'] },
    description: "Records a reviewer's decision on a dispute: reject, accept or settle",
  },
  {
    id: 'CorrectDebtorEmail',
    method: 'POST',
    path: '/cases/{id}/debtor-email',
    entry: 'functions/api/correct-debtor-email.ts',
    uses: { store: ['get', 'replace'], events: ['publish'] },
    description: "Corrects the debtor's e-mail address; later letters go there",
  },
  {
    id: 'HoldCase',
    method: 'POST',
    path: '/cases/{id}/hold',
    entry: 'functions/api/hold-case.ts',
    uses: { store: ['get', 'replace'], workflow: ['signal'], events: ['publish'] },
    description: 'Pauses dunning on a case, optionally until a date',
  },
  {
    id: 'ReleaseCase',
    method: 'POST',
    path: '/cases/{id}/release',
    entry: 'functions/api/release-case.ts',
    uses: { store: ['get', 'replace'], workflow: ['signal'], events: ['publish'] },
    description: 'Resumes dunning on a held case',
  },
  {
    id: 'RestartCase',
    method: 'POST',
    path: '/cases/{id}/restart',
    entry: 'functions/api/restart-case.ts',
    uses: { store: ['get', 'replace'], workflow: ['isRunning', 'startCase'], events: ['publish'] },
    description: 'Restarts the workflow of a failed case from its record, in a new execution',
  },
  {
    id: 'GetDossier',
    method: 'GET',
    path: '/cases/{id}/dossier',
    entry: 'functions/api/get-dossier.ts',
    uses: { store: ['get'] },
    description: 'The evidence record of a case: terms, invoices, letters, events, verdicts, amounts',
  },
  {
    id: 'GetLetter',
    method: 'GET',
    path: '/cases/{id}/letters/{letterId}',
    entry: 'functions/api/get-letter.ts',
    uses: { store: ['get', 'getLetter'] },
    description: 'A letter of a case as the debtor got it: subject, HTML, text and its content hash',
  },
];
