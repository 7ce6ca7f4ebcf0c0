import { CaseNotFoundError, ConcurrentUpdateError } from '../errors.ts';
import { publishesEvent } from '../events/derive.ts';
import type { CaseStore } from '../ports/case-store.ts';
import type { Case, ChronologyEntry } from './case.ts';

export interface UpdateCaseOptions {
  /** Reads-and-writes before a ConcurrentUpdateError is given up on and rethrown (default 8). */
  maxAttempts?: number;
  /**
   * Real time (ms) after which no new attempt starts: the ConcurrentUpdateError is rethrown instead. A
   * write already sent is awaited, so the caller's answer always says whether it was applied.
   */
  budgetMs?: number;
}

const DEFAULT_MAX_ATTEMPTS = 8;
/** Backoff between attempts: a random wait in [0, min(CAP, BASE * 2^attempt)) ms ("full jitter"). */
const BACKOFF_BASE_MS = 4;
const BACKOFF_CAP_MS = 250;

/**
 * Applies `mutate` to the stored case under optimistic locking.
 *
 * 1. Read the case (strongly consistent); an unknown id is a CaseNotFoundError.
 * 2. Apply `mutate` to it. `null`, or a case equal to the one read, means nothing to change: return
 *    the case as read, without writing.
 * 3. Write the result with version + 1, on condition that the stored version is still the one read.
 * 4. When another writer got there first, wait a little (jittered) and start again from 1, so
 *    `mutate` always sees the latest case. After `maxAttempts` the ConcurrentUpdateError is rethrown.
 *
 * `mutate` must be a pure function of the case it is given: it may run more than once. Errors it
 * throws (a stage conflict, a paid case) end the update at once and are not retried.
 */
export async function updateCase(
  store: CaseStore,
  caseId: string,
  mutate: (current: Case) => Case | null,
  options: UpdateCaseOptions = {},
): Promise<Case> {
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be a positive integer, not ${maxAttempts}`);
  }
  const startedAt = performance.now();
  const budgetMs = options.budgetMs ?? Number.POSITIVE_INFINITY;
  for (let attempt = 1; ; attempt++) {
    const current = await store.get(caseId);
    if (current === null) throw new CaseNotFoundError(caseId);
    // Taken before `mutate` runs: it may change `current` in place.
    const readVersion = current.version;
    const before = JSON.stringify(current);
    const mutated = mutate(current);
    if (mutated === null) return current;
    const unchanged = { ...mutated, version: readVersion };
    if (JSON.stringify(unchanged) === before) return unchanged;
    const next: Case = { ...mutated, version: readVersion + 1 };
    try {
      await store.replace(next, readVersion);
      return next;
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError) || attempt >= maxAttempts) throw error;
      const pause = Math.random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
      if (performance.now() - startedAt + pause >= budgetMs) throw error;
      await sleep(pause);
    }
  }
}

/**
 * Appends `entry` to the case's chronology unless an entry with the same `id` is already there, in
 * which case the case is returned unchanged (same object). An entry that is published as an event also
 * goes on the case's `unpublished` list. Step handlers derive the id from what the
 * step did (e.g. `reminder-sent:<letterId>`), so a retried step appends once.
 */
export function appendChronology(c: Case, entry: ChronologyEntry): Case {
  if (hasChronologyEntry(c, entry.id)) return c;
  // An entry other systems hear about goes on the outbox list in the same write (docs/events.md).
  const unpublished = publishesEvent(entry) ? { unpublished: [...(c.unpublished ?? []), entry.id] } : {};
  return { ...c, chronology: [...c.chronology, entry], ...unpublished };
}

export function hasChronologyEntry(c: Case, entryId: string): boolean {
  return c.chronology.some((e) => e.id === entryId);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
