/**
 * Regenerates the published JSON Schemas of the events from their zod schemas:
 *   npx tsx shared/events/write-json-schemas.ts
 * test/shared/events/json-schemas.test.ts fails when a file and its zod schema disagree (as parsed JSON).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PUBLISHED_EVENT_TYPES, type PublishedEventType } from '../domain/vocabulary.ts';
import { EVENT_SCHEMA_VERSION, eventJsonSchema } from './schema.ts';

export const EVENT_SCHEMA_DIR = fileURLToPath(new URL('../../schemas/events/', import.meta.url));

export function eventSchemaFile(type: PublishedEventType): string {
  return `${EVENT_SCHEMA_DIR}${type}.v${EVENT_SCHEMA_VERSION}.schema.json`;
}

export function serializedEventSchema(type: PublishedEventType): string {
  return `${JSON.stringify(eventJsonSchema(type), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  mkdirSync(EVENT_SCHEMA_DIR, { recursive: true });
  const files = PUBLISHED_EVENT_TYPES.map((type) => {
    writeFileSync(eventSchemaFile(type), serializedEventSchema(type));
    return eventSchemaFile(type);
  });
  // The repository's formatter owns the layout; the test compares parsed JSON, not text.
  execFileSync('npx', ['biome', 'format', '--write', ...files], { stdio: 'inherit' });
  console.log(`wrote ${files.length} schemas to ${EVENT_SCHEMA_DIR}`);
}
