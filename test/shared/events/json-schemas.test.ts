import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_EVENT_TYPES } from '../../../shared/domain/vocabulary.ts';
import { eventJsonSchema, eventSchemaId } from '../../../shared/events/schema.ts';
import { validateEvent } from '../../../shared/events/validate.ts';
import { EVENT_SCHEMA_DIR, eventSchemaFile } from '../../../shared/events/write-json-schemas.ts';

describe('the published event schemas', () => {
  it('hold one file per event type and no other (run `npx tsx shared/events/write-json-schemas.ts` after a change)', () => {
    expect(readdirSync(EVENT_SCHEMA_DIR).sort()).toEqual(
      PUBLISHED_EVENT_TYPES.map((t) => `${t}.v1.schema.json`).sort(),
    );
  });

  it.each(PUBLISHED_EVENT_TYPES)(
    '%s: the file is what its zod schema generates, and names itself',
    (type) => {
      const published = JSON.parse(readFileSync(eventSchemaFile(type), 'utf8'));
      expect(published).toEqual(JSON.parse(JSON.stringify(eventJsonSchema(type))));
      expect(published.$id).toBe(eventSchemaId(type));
      expect(published.properties.type).toEqual({ type: 'string', const: type });
      expect(published.required).toEqual(expect.arrayContaining(['id', 'caseId', 'creditorId', 'entryId']));
      // Closed: nothing outside the schema (free text about the debtor) can be added to an event.
      expect(published.additionalProperties).toBe(false);
    },
  );

  it('refuse an event with a field the schema does not know, or of an unknown type', () => {
    const event = {
      type: 'hold-placed',
      id: 'case-1/hold:1',
      version: 1,
      caseId: 'case-1',
      creditorId: 'creditor-1',
      entryId: 'hold:1',
      occurredAt: '2026-03-10T09:00:00.000Z',
      on: '2026-03-10',
      until: null,
    };
    expect(validateEvent(event).ok).toBe(true);
    expect(validateEvent({ ...event, reason: 'Betalingsregeling met J. de Vries' })).toEqual({
      ok: false,
      errors: ['/ must NOT have additional properties (reason)'],
    });
    expect(validateEvent({ ...event, type: 'case-reopened' }).ok).toBe(false);
  });
});
