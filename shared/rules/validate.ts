/**
 * Input checks shared by the rules: each throws InvalidInputError naming the field (HTTP 400, CLI exit 2).
 * Field names are dotted paths into the input (`invoices[1].dueOn`) so a caller can point at the mistake.
 */
import { InvalidInputError } from '../errors.ts';
import { type CalendarDate, isCalendarDate, LEGAL_HOLIDAY_YEARS } from './calendar.ts';

export function requireObject(value: unknown, field: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInputError(field, 'must be an object');
  }
  return value as Record<string, unknown>;
}

export function requireDate(value: unknown, field: string): CalendarDate {
  if (!isCalendarDate(value))
    throw new InvalidInputError(field, `must be a date YYYY-MM-DD, got ${show(value)}`);
  const year = Number(value.slice(0, 4));
  if (year < LEGAL_HOLIDAY_YEARS.first || year > LEGAL_HOLIDAY_YEARS.last - 1) {
    throw new InvalidInputError(
      field,
      `must lie in ${LEGAL_HOLIDAY_YEARS.first}-${LEGAL_HOLIDAY_YEARS.last - 1} (the legal calendar's range), got ${value}`,
    );
  }
  return value;
}

export function optionalDate(value: unknown, field: string): CalendarDate | null {
  return value === undefined || value === null ? null : requireDate(value, field);
}

export function requireCents(value: unknown, field: string, { positive = false } = {}): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidInputError(field, `must be a non-negative whole number of cents, got ${show(value)}`);
  }
  if (positive && value === 0) throw new InvalidInputError(field, 'must be more than 0 cents');
  return value;
}

export function requireWholeNumber(value: unknown, field: string, max = 1200): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw new InvalidInputError(field, `must be a whole number from 0 to ${max}, got ${show(value)}`);
  }
  return value;
}

export function requireOneOf<T extends string>(value: unknown, field: string, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) {
    throw new InvalidInputError(
      field,
      `must be one of ${allowed.map((a) => `"${a}"`).join(', ')}, got ${show(value)}`,
    );
  }
  return value as T;
}

export function requireBoolean(value: unknown, field: string): boolean {
  if (typeof value !== 'boolean')
    throw new InvalidInputError(field, `must be true or false, got ${show(value)}`);
  return value;
}

export function optionalBoolean(value: unknown, field: string, fallback: boolean): boolean {
  return value === undefined ? fallback : requireBoolean(value, field);
}

export function requireArray(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new InvalidInputError(field, 'must be an array');
  return value;
}

export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new InvalidInputError(field, `must be a non-empty string, got ${show(value)}`);
  }
  return value;
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
