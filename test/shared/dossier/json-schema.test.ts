import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOSSIER_SCHEMA_ID, dossierJsonSchema } from '../../../shared/dossier/schema.ts';
import { SCHEMA_FILE } from '../../../shared/dossier/write-json-schema.ts';

describe('the published dossier schema', () => {
  const published = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));

  it('is what the zod schema generates (run `npx tsx shared/dossier/write-json-schema.ts` after a change)', () => {
    expect(published).toEqual(JSON.parse(JSON.stringify(dossierJsonSchema())));
  });

  it('names itself, its draft and its version', () => {
    expect(published.$id).toBe(DOSSIER_SCHEMA_ID);
    expect(published.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(published.properties.schemaVersion).toEqual({ type: 'string', const: '1' });
    expect(SCHEMA_FILE.endsWith('schemas/dossier.v1.schema.json')).toBe(true);
  });
});
