import type { Case } from '../domain/case.ts';
import { CaseRecordTooLargeError, ConcurrentUpdateError, InvalidInputError } from '../errors.ts';
import type { CaseStore } from '../ports/case-store.ts';

/** DynamoDB's item limit; the JSON text of a case is a close upper bound of its item size. */
const MAX_RECORD_BYTES = 400 * 1024;

/**
 * The CaseStore contract in a Map: for fast tiers (the lifecycle's model-based tests run thousands of
 * commands on it) and the throughput benchmark, which separates the runtime's and the handlers' own cost
 * from the embedded DynamoDB's. Records cross a JSON boundary as they do with DynamoDB (no shared
 * references), and a record too large for one DynamoDB item is refused as the DynamoDB adapter refuses it.
 */
export class MemoryCaseStore implements CaseStore {
  readonly #cases = new Map<string, { version: number; text: string }>();
  readonly #intake = new Map<string, string>();

  async get(caseId: string): Promise<Case | null> {
    const stored = this.#cases.get(caseId);
    return stored === undefined ? null : (JSON.parse(stored.text) as Case);
  }

  async create(record: Case): Promise<{ created: boolean; record: Case }> {
    const existing = this.#cases.get(record.caseId);
    if (existing !== undefined) return { created: false, record: JSON.parse(existing.text) as Case };
    this.#cases.set(record.caseId, { version: record.version, text: text(record) });
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
    this.#cases.set(record.caseId, { version: record.version, text: stored });
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
