/**
 * Error classes are part of the workflow's contract: the state machine's Retry and Catch match on their
 * `name`, and the API maps them to HTTP status codes. Each sets `name` and carries a stable `code`.
 */
export abstract class CollectionsError extends Error {
  abstract readonly code: string;
  /**
   * A literal in every subclass: bundlers rename classes (esbuild's minify does), and Lambda reports this
   * name as the errorType the state machine's Retry and Catch match.
   */
  abstract override readonly name: string;
}

/**
 * The function's own configuration (an environment variable, the settings, a secret) is missing or
 * invalid: the operator's to fix, never the caller's fault (HTTP 500 with this code, logged).
 */
export class ConfigurationError extends CollectionsError {
  readonly code = 'CONFIGURATION_INVALID';
  override readonly name = 'ConfigurationError';
  constructor(
    readonly setting: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${setting}: ${message}`, options);
  }
}

/** Input that does not satisfy the contract of an operation (HTTP 400, CLI exit 2). */
export class InvalidInputError extends CollectionsError {
  readonly code = 'INVALID_INPUT';
  override readonly name = 'InvalidInputError';
  constructor(
    readonly field: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`${field}: ${message}`, options);
  }
}

export class CaseNotFoundError extends CollectionsError {
  readonly code = 'CASE_NOT_FOUND';
  override readonly name = 'CaseNotFoundError';
  constructor(readonly caseId: string) {
    super(`no case with id ${caseId}`);
  }
}

/** Another writer changed the case first; the caller re-reads and tries again. Transient. */
export class ConcurrentUpdateError extends CollectionsError {
  readonly code = 'CONCURRENT_UPDATE';
  override readonly name = 'ConcurrentUpdateError';
  constructor(
    readonly caseId: string,
    options?: ErrorOptions,
  ) {
    super(`case ${caseId} was changed by another writer`, options);
  }
}

/** Infrastructure that may succeed on a retry (throttling, timeouts). */
export class TransientError extends CollectionsError {
  readonly code = 'TRANSIENT';
  override readonly name = 'TransientError';
}

/** The case's stage does not allow this transition (HTTP 409). */
export class StageConflictError extends CollectionsError {
  readonly code = 'STAGE_CONFLICT';
  override readonly name = 'StageConflictError';
}

/**
 * A dunning action refused because the case may not be dunned now (shared/domain/lifecycle.ts
 * dunningBlock): the step that meets one routes the case from its record instead.
 */
export abstract class DunningBlockedError extends CollectionsError {}
export class CasePaidError extends DunningBlockedError {
  readonly code = 'CASE_PAID';
  override readonly name = 'CasePaidError';
}
export class CaseDisputedError extends DunningBlockedError {
  readonly code = 'CASE_DISPUTED';
  override readonly name = 'CaseDisputedError';
}
export class CaseOnHoldError extends DunningBlockedError {
  readonly code = 'CASE_ON_HOLD';
  override readonly name = 'CaseOnHoldError';
}
export class CaseClosedError extends DunningBlockedError {
  readonly code = 'CASE_CLOSED';
  override readonly name = 'CaseClosedError';
}
/** The agency refused the dossier (4xx): retrying will not help. */
export class AgencyRejectedError extends CollectionsError {
  readonly code = 'AGENCY_REJECTED';
  override readonly name = 'AgencyRejectedError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
/** The agency could not be reached or failed (5xx, timeout): retried with backoff. */
export class AgencyUnavailableError extends CollectionsError {
  readonly code = 'AGENCY_UNAVAILABLE';
  override readonly name = 'AgencyUnavailableError';
}

export class LetterRefusedError extends CollectionsError {
  readonly code = 'LETTER_REFUSED';
  override readonly name = 'LetterRefusedError';
}
export class LetterDeliveryError extends CollectionsError {
  readonly code = 'LETTER_DELIVERY_FAILED';
  override readonly name = 'LetterDeliveryError';
}

/**
 * The case record no longer fits one DynamoDB item (400 KB, names and values counted in UTF-8 bytes).
 * Not transient: retrying writes the same record. Raised by the store before it writes anything.
 */
export class CaseRecordTooLargeError extends CollectionsError {
  readonly code = 'CASE_RECORD_TOO_LARGE';
  override readonly name = 'CaseRecordTooLargeError';
  constructor(
    readonly caseId: string,
    readonly sizeBytes: number,
    readonly limitBytes: number,
  ) {
    super(`case ${caseId} is ${sizeBytes} bytes as a DynamoDB item; the limit is ${limitBytes}`);
  }
}

/** The case exists but holds no dispute with this id (HTTP 404). */
export class DisputeNotFoundError extends CollectionsError {
  readonly code = 'DISPUTE_NOT_FOUND';
  override readonly name = 'DisputeNotFoundError';
  constructor(
    readonly caseId: string,
    readonly disputeId: string,
  ) {
    super(`case ${caseId} has no dispute with id ${disputeId}`);
  }
}

/**
 * The case has no kept letter with this id (HTTP 404, field `path.letterId`): none was sent under it, it
 * was sent before letters were kept, or its text was erased with the case's personal data.
 */
export class LetterNotFoundError extends CollectionsError {
  readonly code = 'LETTER_NOT_FOUND';
  override readonly name = 'LetterNotFoundError';
  /** The request field that named the letter. */
  readonly field = 'path.letterId';
  constructor(
    readonly caseId: string,
    readonly letterId: string,
    why = 'no letter was kept under this id',
  ) {
    super(`case ${caseId} has no letter ${letterId}: ${why}`);
  }
}

/** The same invoice numbers came in again with other facts (HTTP 409 naming the field that differs). */
export class IntakeConflictError extends CollectionsError {
  readonly code = 'INTAKE_CONFLICT';
  override readonly name = 'IntakeConflictError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** The error names the state machine's Retry and Catch match (infra imports them from here). */
export const WorkflowError = {
  CasePaid: 'CasePaidError',
  CaseDisputed: 'CaseDisputedError',
  CaseOnHold: 'CaseOnHoldError',
  CaseClosed: 'CaseClosedError',
  ConcurrentUpdate: 'ConcurrentUpdateError',
  Transient: 'TransientError',
  LetterDelivery: 'LetterDeliveryError',
  AgencyUnavailable: 'AgencyUnavailableError',
  AgencyRejected: 'AgencyRejectedError',
} as const satisfies Record<string, string>;

/** A request body larger than the API takes (HTTP 413); refused before anything is read or claimed. */
export class RequestTooLargeError extends CollectionsError {
  readonly code = 'REQUEST_TOO_LARGE';
  override readonly name = 'RequestTooLargeError';
  constructor(readonly limitBytes: number) {
    super(`request bodies are limited to ${limitBytes} bytes`);
  }
}

/** A signed-in person whose groups do not allow this action (HTTP 403); nothing changes. */
export class ForbiddenError extends CollectionsError {
  readonly code = 'FORBIDDEN';
  override readonly name = 'ForbiddenError';
}
