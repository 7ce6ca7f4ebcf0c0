import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { PUBLISHED_EVENT_TYPES, type PublishedEventType } from '../domain/vocabulary.ts';
import { isCalendarDate } from '../rules/calendar.ts';
import type { PublishedEvent } from './schema.ts';
import { EVENT_SCHEMA_VERSION } from './version.ts';

const validators = new Map<PublishedEventType, ValidateFunction>();

function validator(type: PublishedEventType): ValidateFunction {
  let compiled = validators.get(type);
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true });
    ajv.addFormat('date', { type: 'string', validate: isCalendarDate });
    ajv.addFormat('date-time', { type: 'string', validate: (s: string) => !Number.isNaN(Date.parse(s)) });
    const file = new URL(
      `../../schemas/events/${type}.v${EVENT_SCHEMA_VERSION}.schema.json`,
      import.meta.url,
    );
    compiled = ajv.compile(JSON.parse(readFileSync(file, 'utf8')));
    validators.set(type, compiled);
  }
  return compiled;
}

export type EventValidation = { ok: true; event: PublishedEvent } | { ok: false; errors: string[] };

function describe(e: ErrorObject): string {
  return `${e.instancePath || '/'} ${e.message ?? e.keyword}${e.params && 'additionalProperty' in e.params ? ` (${e.params.additionalProperty})` : ''}`;
}

/**
 * Validates a JSON value against the published schema of its `type` (schemas/events/<type>.v1.schema.json),
 * as a consumer would.
 */
export function validateEvent(json: unknown): EventValidation {
  const type = (json as { type?: unknown } | null)?.type;
  if (!(PUBLISHED_EVENT_TYPES as readonly unknown[]).includes(type)) {
    return { ok: false, errors: [`/type ${JSON.stringify(type)} is no published event type`] };
  }
  const validate = validator(type as PublishedEventType);
  if (validate(json)) return { ok: true, event: json as PublishedEvent };
  return { ok: false, errors: (validate.errors ?? []).map(describe) };
}
