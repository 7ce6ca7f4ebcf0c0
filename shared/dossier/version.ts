/** The dossier's published schema: kept apart from the zod schema so code that builds a dossier stays small. */
export const DOSSIER_SCHEMA_ID = 'https://schemas.collections.example/dossier.v1.schema.json';
export const DOSSIER_SCHEMA_VERSION = '1';
