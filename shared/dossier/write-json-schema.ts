/**
 * Regenerates the published JSON Schema from the zod schema:
 *   npx tsx shared/dossier/write-json-schema.ts
 * test/shared/dossier/json-schema.test.ts fails when the file and the zod schema disagree (as parsed JSON).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dossierJsonSchema } from './schema.ts';

export const SCHEMA_FILE = fileURLToPath(new URL('../../schemas/dossier.v1.schema.json', import.meta.url));

export function serializedSchema(): string {
  return `${JSON.stringify(dossierJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(SCHEMA_FILE, serializedSchema());
  // The repository's formatter owns the layout; the test compares parsed JSON, not text.
  execFileSync('npx', ['biome', 'format', '--write', SCHEMA_FILE], { stdio: 'inherit' });
  console.log(`wrote ${SCHEMA_FILE}`);
}
