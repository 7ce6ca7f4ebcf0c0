import type { Case } from '../shared/domain/case.ts';
import { ConcurrentUpdateError } from '../shared/errors.ts';
import type { CaseStore } from '../shared/ports/case-store.ts';

/**
 * The CaseStore contract in a Map, for the throughput benchmark only: it separates the runtime's and the
 * handlers' own cost from the embedded DynamoDB's. Records cross a JSON boundary as they do with DynamoDB
 * (no shared references), so serialisation cost stays in the comparison.
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
    this.#cases.set(record.caseId, { version: record.version, text: JSON.stringify(record) });
    return { created: true, record };
  }

  async replace(record: Case, expectedVersion: number): Promise<void> {
    if (this.#cases.get(record.caseId)?.version !== expectedVersion) {
      throw new ConcurrentUpdateError(record.caseId);
    }
    this.#cases.set(record.caseId, { version: record.version, text: JSON.stringify(record) });
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
