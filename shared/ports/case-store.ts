import type { Case } from '../domain/case.ts';
import type { RenderedLetter } from './letter-delivery.ts';

/**
 * A letter as it was sent: the rendering handed to delivery, with the SHA-256 of its HTML, which is the
 * `contentHash` of the letter's record on the case (shared/letters/record.ts).
 */
export interface KeptLetter extends RenderedLetter {
  contentHash: string;
}

/** Where case records live. One record per case; every write is guarded by the case's version. */
export interface CaseStore {
  get(caseId: string): Promise<Case | null>;
  /** Creates the case unless one with its id exists; returns the stored case either way. */
  create(record: Case): Promise<{ created: boolean; record: Case }>;
  /**
   * Writes `record` (whose version must be `expectedVersion + 1`) only if the stored version is
   * still `expectedVersion`; throws ConcurrentUpdateError otherwise.
   */
  replace(record: Case, expectedVersion: number): Promise<void>;
  /**
   * Claims an intake key (e.g. a creditor's invoice number) for a case id; returns the case id that
   * holds the key, which is `caseId` when this call claimed it.
   */
  claimIntakeKey(key: string, caseId: string): Promise<string>;
  /** Gives up a key this case claimed (an intake refused halfway); a key another case holds stays. */
  releaseIntakeKey(key: string, caseId: string): Promise<void>;
  /**
   * Keeps a letter of case `c` as it will be sent, before the case records it: one item beside the case,
   * overwriting an earlier copy under the same id (a copy no record names was never sent). It carries the
   * case's retention; every later write of the case carries it on (`replace`), and a write of a case whose
   * personal data was erased erases the letters' text with it.
   */
  keepLetter(letter: KeptLetter, c: Case): Promise<void>;
  /** The kept letter, or null when none was kept under this id or its text was erased with the case's personal data. */
  getLetter(caseId: string, letterId: string): Promise<KeptLetter | null>;
}

/**
 * The intake key of a creditor's invoice: intake claims it for the case that holds the invoice, and the
 * exact invoice-number lookup of the case list reads it (no index needed).
 */
export function invoiceIntakeKey(creditorId: string, invoiceNumber: string): string {
  return `${creditorId}#${invoiceNumber}`;
}
