export type { BuildDossierInput, ClaimPart, DossierClaim, ServiceUseEvidence } from './build.ts';
export { buildDossier, cancellationTermsSummary, handoffIdempotencyKey } from './build.ts';
export { renderDossierHtml } from './render-html.ts';
export type { ComputationLine, Dossier } from './schema.ts';
export { DOSSIER_SCHEMA_ID, DOSSIER_SCHEMA_VERSION, DossierSchema, dossierJsonSchema } from './schema.ts';
export type { DossierValidation } from './validate.ts';
export { validateDossier } from './validate.ts';
