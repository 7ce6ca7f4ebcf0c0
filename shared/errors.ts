/**
 * Error classes are part of the workflow's contract: the state machine's Retry and Catch match on their
 * `name`, and the API maps them to HTTP status codes. Each sets `name` and carries a stable `code`.
 */
export abstract class CollectionsError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Input that does not satisfy the contract of an operation (HTTP 400, CLI exit 2). */
export class InvalidInputError extends CollectionsError {
  readonly code = 'INVALID_INPUT';
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
  constructor(readonly caseId: string) {
    super(`no case with id ${caseId}`);
  }
}

/** Another writer changed the case first; the caller re-reads and tries again. Transient. */
export class ConcurrentUpdateError extends CollectionsError {
  readonly code = 'CONCURRENT_UPDATE';
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
}

/** The case's stage does not allow this transition (HTTP 409). */
export class StageConflictError extends CollectionsError {
  readonly code = 'STAGE_CONFLICT';
}

/** Dunning steps refuse to run on a case that changed under them; the workflow routes on these names. */
export class CasePaidError extends CollectionsError {
  readonly code = 'CASE_PAID';
}
export class CaseDisputedError extends CollectionsError {
  readonly code = 'CASE_DISPUTED';
}
export class CaseOnHoldError extends CollectionsError {
  readonly code = 'CASE_ON_HOLD';
}
export class CaseClosedError extends CollectionsError {
  readonly code = 'CASE_CLOSED';
}
/** A payment came in after the demand: a new demand for the rest goes out instead of the handoff. */
export class HandoffDeferredError extends CollectionsError {
  readonly code = 'HANDOFF_DEFERRED';
}
export class ClaimTimeBarredError extends CollectionsError {
  readonly code = 'CLAIM_TIME_BARRED';
}

/** The agency refused the dossier (4xx): retrying will not help. */
export class AgencyRejectedError extends CollectionsError {
  readonly code = 'AGENCY_REJECTED';
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
}

export class LetterRefusedError extends CollectionsError {
  readonly code = 'LETTER_REFUSED';
}
export class LetterDeliveryError extends CollectionsError {
  readonly code = 'LETTER_DELIVERY_FAILED';
}

/**
 * The case record no longer fits one DynamoDB item (400 KB, names and values counted in UTF-8 bytes).
 * Not transient: retrying writes the same record. Raised by the store before it writes anything.
 */
export class CaseRecordTooLargeError extends CollectionsError {
  readonly code = 'CASE_RECORD_TOO_LARGE';
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
  constructor(
    readonly caseId: string,
    readonly disputeId: string,
  ) {
    super(`case ${caseId} has no dispute with id ${disputeId}`);
  }
}
