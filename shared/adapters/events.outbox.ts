import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { TransientError } from '../errors.ts';
import type { PublishedEvent } from '../events/schema.ts';
import type { EventPublisher } from '../ports/events.ts';

/** The file an event is kept in, under the outbox folder: one folder per case, one file per entry. */
export function eventFilePath(dir: string, event: Pick<PublishedEvent, 'caseId' | 'entryId'>): string {
  return join(resolve(dir), encodeURIComponent(event.caseId), `${encodeURIComponent(event.entryId)}.json`);
}

/**
 * Local events: each event as JSON in `<dir>/<caseId>/<entryId>.json` (ids URL-encoded). A repeated
 * publication overwrites the same file with the same content, so the folder holds each event once.
 * Written to a temporary name and renamed, so a reader never sees half a file.
 */
export class OutboxEventPublisher implements EventPublisher {
  constructor(readonly dir: string) {}

  async publish(events: readonly PublishedEvent[]): Promise<void> {
    try {
      for (const event of events) {
        const file = eventFilePath(this.dir, event);
        await mkdir(join(file, '..'), { recursive: true });
        const temporary = `${file}.${randomUUID()}.tmp`;
        await writeFile(temporary, `${JSON.stringify(event, null, 2)}\n`, 'utf8');
        await rename(temporary, file);
      }
    } catch (error) {
      throw new TransientError(`could not write events to ${this.dir}`, { cause: error });
    }
  }
}
