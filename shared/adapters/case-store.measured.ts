import type { Case } from '../domain/case.ts';
import { type CaseFacts, type CaseMetric, caseFacts, caseMetrics } from '../domain/case-metrics.ts';
import type { CaseStore, KeptLetter } from '../ports/case-store.ts';

/**
 * A case store that reports what each successful write changed as metrics. It keeps the facts of the
 * version it last read of each case: every write is a replacement of a version read just before
 * (shared/domain/case-update.ts), so the difference is exactly this write's.
 */
export class MeasuredCaseStore implements CaseStore {
  private readonly read = new Map<string, { version: number; facts: CaseFacts }>();

  constructor(
    private readonly inner: CaseStore,
    private readonly report: (metrics: CaseMetric[]) => void,
  ) {}

  async get(caseId: string): Promise<Case | null> {
    const c = await this.inner.get(caseId);
    if (c) this.read.set(caseId, { version: c.version, facts: caseFacts(c) });
    return c;
  }

  async create(record: Case): Promise<{ created: boolean; record: Case }> {
    const result = await this.inner.create(record);
    if (result.created) this.emit(caseMetrics(null, caseFacts(record)));
    this.read.set(record.caseId, { version: result.record.version, facts: caseFacts(result.record) });
    return result;
  }

  async replace(record: Case, expectedVersion: number): Promise<void> {
    await this.inner.replace(record, expectedVersion);
    const before = this.read.get(record.caseId);
    const after = caseFacts(record);
    this.read.set(record.caseId, { version: record.version, facts: after });
    // A replacement of a version this store did not read has no known "before": nothing is counted.
    if (before?.version === expectedVersion) this.emit(caseMetrics(before.facts, after));
  }

  claimIntakeKey(key: string, caseId: string): Promise<string> {
    return this.inner.claimIntakeKey(key, caseId);
  }

  releaseIntakeKey(key: string, caseId: string): Promise<void> {
    return this.inner.releaseIntakeKey(key, caseId);
  }

  keepLetter(letter: KeptLetter, c: Case): Promise<void> {
    return this.inner.keepLetter(letter, c);
  }

  getLetter(caseId: string, letterId: string): Promise<KeptLetter | null> {
    return this.inner.getLetter(caseId, letterId);
  }

  private emit(metrics: CaseMetric[]): void {
    if (metrics.length > 0) this.report(metrics);
  }
}
