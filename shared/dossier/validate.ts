import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import schema from '../../schemas/dossier.v1.schema.json' with { type: 'json' };
import { isCalendarDate } from '../rules/calendar.ts';
import type { Dossier } from './schema.ts';

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    ajv.addFormat('date', { type: 'string', validate: isCalendarDate });
    compiled = ajv.compile(schema);
  }
  return compiled;
}

export type DossierValidation = { ok: true; dossier: Dossier } | { ok: false; errors: string[] };

function describe(e: ErrorObject): string {
  return `${e.instancePath || '/'} ${e.message ?? e.keyword}`;
}

/** Validates a JSON value against the published schema (schemas/dossier.v1.schema.json), as an agency would. */
export function validateDossier(json: unknown): DossierValidation {
  const validate = validator();
  if (validate(json)) return { ok: true, dossier: json as Dossier };
  return { ok: false, errors: (validate.errors ?? []).map(describe) };
}
