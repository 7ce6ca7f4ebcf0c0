import type { StaffGroup } from '../../shared/domain/vocabulary.ts';

const READERS = ['viewer', 'reviewer', 'operator'] as const satisfies readonly StaffGroup[];

/**
 * The routes staff reach from the back office, by route id (API_ROUTES), and the groups that may call
 * each: any one of them suffices. On AWS these routes are served a second time by the staff API under
 * `/api` with a Cognito authorizer (infra/constructs/staff-api.ts); locally under `/api` with a dev token.
 * The handler checks the group (a Cognito authorizer only checks that the token is valid). Routes not
 * listed stay for back-office systems with IAM only (intake, recording a dispute).
 */
export const STAFF_ACCESS = {
  ListCases: READERS,
  ListDisputes: READERS,
  GetCase: READERS,
  GetDossier: READERS,
  GetLetter: READERS,
  DecideDispute: ['reviewer'],
  RecordPayment: ['operator'],
  CorrectDebtorEmail: ['operator'],
  HoldCase: ['operator'],
  ReleaseCase: ['operator'],
  RestartCase: ['operator'],
} as const satisfies Record<string, readonly StaffGroup[]>;

export type StaffRouteId = keyof typeof STAFF_ACCESS;

/** The path prefix of the staff routes (the staff API's resources, CloudFront's `/api/*` behaviour). */
export const STAFF_PATH_PREFIX = '/api';
