import { DEFAULT_SETTINGS, type DunningPolicy } from '../config/settings.ts';
import type { Case } from '../domain/case.ts';
import { isPersonalDataErased, retentionExpiresAt } from '../domain/retention.ts';
import { CaseRecordTooLargeError, ConcurrentUpdateError, InvalidInputError } from '../errors.ts';
import type { CaseStore, KeptLetter } from '../ports/case-store.ts';
import { type Clock, systemClock } from '../ports/clock.ts';
import { caseIndexAttributes, type IndexAttributes } from './case-index.ts';

/** DynamoDB's item limit; the JSON text of a case is a close upper bound of its item size. */
const MAX_RECORD_BYTES = 400 * 1024;

/**
 * The CaseStore contract in a Map: for fast tiers (the lifecycle's model-based tests run thousands of
 * commands on it) and the throughput benchmark, which separates the runtime's and the handlers' own cost
 * from the embedded DynamoDB's. Records cross a JSON boundary as they do with DynamoDB (no shared
 * references), and a record too large for one DynamoDB item is refused as the DynamoDB adapter refuses it.
 */
export class MemoryCaseStore implements CaseStore {
  readonly #cases = new Map<string, { version: number; text: string; indexed: IndexAttributes }>();
  readonly #intake = new Map<string, string>();
  /** Kept letters by case id and letter id, with their retention as the DynamoDB adapter keeps it. */
  readonly #letters = new Map<string, Map<string, { text: string | null; expiresAt: number | null }>>();
  readonly #clock: Clock;
  readonly #policy: DunningPolicy;

  /** `clock` and `policy` date the next step in the index attributes, as the DynamoDB adapter does. */
  constructor(options: { clock?: Clock; policy?: DunningPolicy } = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#policy = options.policy ?? DEFAULT_SETTINGS.policy;
  }

  /** Every case with its index attributes as of its last save (for MemoryCaseQueries). */
  indexed(): { caseId: string; attributes: IndexAttributes }[] {
    return [...this.#cases].map(([caseId, stored]) => ({ caseId, attributes: stored.indexed }));
  }

  /** The case that holds an intake key, if any. */
  intakeHolder(key: string): string | null {
    return this.#intake.get(key) ?? null;
  }

  #stored(record: Case, text: string) {
    return {
      version: record.version,
      text,
      indexed: caseIndexAttributes(record, this.#clock.now(), this.#policy),
    };
  }

  async get(caseId: string): Promise<Case | null> {
    const stored = this.#cases.get(caseId);
    return stored === undefined ? null : (JSON.parse(stored.text) as Case);
  }

  async create(record: Case): Promise<{ created: boolean; record: Case }> {
    const existing = this.#cases.get(record.caseId);
    if (existing !== undefined) return { created: false, record: JSON.parse(existing.text) as Case };
    this.#cases.set(record.caseId, this.#stored(record, text(record)));
    return { created: true, record };
  }

  async replace(record: Case, expectedVersion: number): Promise<void> {
    if (record.version !== expectedVersion + 1) {
      throw new InvalidInputError('version', `must be ${expectedVersion + 1}, the expected version plus one`);
    }
    const stored = text(record);
    if (this.#cases.get(record.caseId)?.version !== expectedVersion) {
      throw new ConcurrentUpdateError(record.caseId);
    }
    this.#cases.set(record.caseId, this.#stored(record, stored));
    // The letters follow their case's retention; their text goes with its personal data.
    const expiresAt = retentionExpiresAt(record);
    const erased = isPersonalDataErased(record);
    for (const kept of this.#letters.get(record.caseId)?.values() ?? []) {
      kept.expiresAt = expiresAt;
      if (erased) kept.text = null;
    }
  }

  async keepLetter(letter: KeptLetter, c: Case): Promise<void> {
    if (letter.caseId !== c.caseId) {
      throw new InvalidInputError(
        'caseId',
        `letter ${letter.letterId} is of case ${letter.caseId}, not ${c.caseId}`,
      );
    }
    const letters = this.#letters.get(c.caseId) ?? new Map();
    letters.set(letter.letterId, { text: JSON.stringify(letter), expiresAt: retentionExpiresAt(c) });
    this.#letters.set(c.caseId, letters);
  }

  async getLetter(caseId: string, letterId: string): Promise<KeptLetter | null> {
    const text = this.#letters.get(caseId)?.get(letterId)?.text;
    return text ? (JSON.parse(text) as KeptLetter) : null;
  }

  /** A kept letter's retention (Unix seconds; null: none), as the DynamoDB adapter's `expiresAt`; undefined when not kept. */
  letterExpiresAt(caseId: string, letterId: string): number | null | undefined {
    return this.#letters.get(caseId)?.get(letterId)?.expiresAt;
  }

  async claimIntakeKey(key: string, caseId: string): Promise<string> {
    const holder = this.#intake.get(key);
    if (holder !== undefined) return holder;
    this.#intake.set(key, caseId);
    return caseId;
  }

  async releaseIntakeKey(key: string, caseId: string): Promise<void> {
    if (this.#intake.get(key) === caseId) this.#intake.delete(key);
  }
}

function text(record: Case): string {
  const json = JSON.stringify(record);
  const size = Buffer.byteLength(json, 'utf8');
  if (size > MAX_RECORD_BYTES) throw new CaseRecordTooLargeError(record.caseId, size, MAX_RECORD_BYTES);
  return json;
}
