// zod/mini: the same checks at a small fraction of the bundle size; every Lambda loads this module.
import * as z from 'zod/mini';
import { ConfigurationError } from '../errors.ts';

/**
 * What an operator configures: the creditor named on every letter and dossier, and the dunning
 * policy. Read once per process from the environment (Lambda env vars set by the CDK from the
 * `collections` context in cdk.json; locally from the same defaults).
 */
export const settingsSchema = z.object({
  creditor: z.object({
    id: z.string().check(z.minLength(1)),
    name: z.string().check(z.minLength(1)),
    street: z.string().check(z.minLength(1)),
    postalCode: z.string().check(z.minLength(1)),
    city: z.string().check(z.minLength(1)),
    country: z.string().check(z.minLength(1)),
    kvkNumber: z.string().check(z.minLength(1)),
    iban: z.string().check(z.minLength(1)),
    email: z.email(),
    /** False when the creditor cannot deduct VAT: the 21% uplift on collection costs applies. */
    vatDeductible: z.boolean(),
  }),
  policy: z.object({
    /** Calendar days after the due date before the reminder goes out (moved to a working day). */
    reminderDelayDays: z.int().check(z.minimum(1), z.maximum(90)),
    /** Calendar days after the reminder before the demand goes out (moved to a working day). */
    demandDelayDays: z.int().check(z.minimum(1), z.maximum(90)),
    /** Business debtors: calendar days to pay after the demand (moved to a working day). */
    businessDemandTermDays: z.int().check(z.minimum(7), z.maximum(90)),
    /** Working days a dispute review may stay undecided before it is escalated. */
    reviewEscalationWorkingDays: z.int().check(z.minimum(1), z.maximum(60)),
    /** A hold without an end date is looked at again after this many days. */
    openHoldReviewDays: z.int().check(z.minimum(1), z.maximum(365)),
  }),
  letters: z.object({
    fromAddress: z.email(),
    agencyName: z.string().check(z.minLength(1)),
    /** How a debtor reaches the agency; the handoff notice gives it (docs/letters-and-handoff.md). */
    agencyContact: z.object({
      street: z.string().check(z.minLength(1)),
      postalCode: z.string().check(z.minLength(1)),
      city: z.string().check(z.minLength(1)),
      phone: z.string().check(z.minLength(1)),
      email: z.email(),
    }),
  }),
});
export type Settings = z.infer<typeof settingsSchema>;
export type Creditor = Settings['creditor'];
export type DunningPolicy = Settings['policy'];

export const DEFAULT_SETTINGS: Settings = {
  creditor: {
    id: 'demo-creditor',
    name: 'Voorbeeld Diensten B.V.',
    street: 'Keizersgracht 100',
    postalCode: '1015 AA',
    city: 'Amsterdam',
    country: 'NL',
    kvkNumber: '12345678',
    iban: 'NL91ABNA0417164300',
    email: 'debiteuren@voorbeeld.example',
    vatDeductible: true,
  },
  policy: {
    reminderDelayDays: 7,
    demandDelayDays: 14,
    businessDemandTermDays: 14,
    reviewEscalationWorkingDays: 10,
    openHoldReviewDays: 30,
  },
  letters: {
    fromAddress: 'debiteuren@voorbeeld.example',
    agencyName: 'Incassobureau Voorbeeld',
    agencyContact: {
      street: 'Postbus 1234',
      postalCode: '3500 AA',
      city: 'Utrecht',
      phone: '030 123 45 67',
      email: 'info@incassobureau-voorbeeld.example',
    },
  },
};

export const SETTINGS_ENV = 'COLLECTIONS_SETTINGS';

/**
 * The port methods a deployed function may call, as JSON (`{"store":["get","replace"],...}`): set by the
 * CDK from the declaration its IAM grants come from (infra/function-access.ts), checked by the handler.
 */
export const PORTS_ENV = 'COLLECTIONS_PORTS';

/** Settings from the `COLLECTIONS_SETTINGS` JSON env var, or the defaults; invalid ones are a ConfigurationError. */
export function settingsFromEnvironment(env: NodeJS.ProcessEnv = process.env): Settings {
  const raw = env[SETTINGS_ENV];
  if (!raw) return DEFAULT_SETTINGS;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw new ConfigurationError(SETTINGS_ENV, 'is not valid JSON');
  }
  return parseSettings(value);
}

export function parseSettings(value: unknown): Settings {
  const result = z.safeParse(settingsSchema, value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new ConfigurationError(`settings.${issue?.path.join('.') ?? ''}`, issue?.message ?? 'invalid');
  }
  return result.data;
}
