import type { Case } from '../domain/case.ts';
import { updateCase } from '../domain/case-update.ts';
import { pendingEvents } from '../events/derive.ts';
import type { CaseDependencies } from './dependencies.ts';

/**
 * What a failed publication does: a workflow step throws (the workflow retries the step, which publishes
 * again); an API request keeps its answer (its change is saved) and leaves the entries on the list for
 * the case's next step or request to publish (docs/events.md).
 */
export type PublishFailure = 'throw' | 'defer';

/**
 * Publishes the events of the entries on the case's `unpublished` list, after the write that recorded
 * them.
 * 1. Derive the events from the recorded entries (shared/events/derive.ts).
 * 2. Publish them through the port (idempotent by event id).
 * 3. Take their ids off the list in a conditional write (re-read and again when another writer came first).
 * A crash between 2 and 3 publishes them again on the next run, under the same ids. Resolves with the
 * case as it stands after 3 (or as given, when nothing was pending or publishing was deferred).
 */
export async function publishPending(
  deps: Pick<CaseDependencies, 'store' | 'events'>,
  c: Case,
  onFailure: PublishFailure = 'throw',
): Promise<Case> {
  const ids = c.unpublished ?? [];
  if (ids.length === 0) return c;
  try {
    const events = pendingEvents(c);
    if (events.length > 0) await deps.events.publish(events);
    const published = new Set(ids);
    return await updateCase(deps.store, c.caseId, (fresh) => {
      const before = fresh.unpublished ?? [];
      const left = before.filter((id) => !published.has(id));
      if (left.length === before.length) return null;
      const { unpublished: _cleared, ...rest } = fresh;
      return left.length > 0 ? { ...rest, unpublished: left } : rest;
    });
  } catch (error) {
    if (onFailure === 'throw') throw error;
    console.warn(
      JSON.stringify({
        message: 'events not published yet; they go out with the next change of the case',
        caseId: c.caseId,
        entries: ids.length,
        error: (error as Error).name,
      }),
    );
    return c;
  }
}
