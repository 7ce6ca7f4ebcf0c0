import type { LetterKind } from '../../domain/case.ts';
import { cancellationConfirmation } from './cancellation-confirmation.nl.ts';
import { demand } from './demand.nl.ts';
import { disputeRejection } from './dispute-rejection.nl.ts';
import { fourteenDayLetter } from './fourteen-day-letter.nl.ts';
import { handoffNotice } from './handoff-notice.nl.ts';
import { reminder } from './reminder.nl.ts';
import type { LetterTemplate } from './types.ts';
import { withdrawalConfirmation } from './withdrawal-confirmation.nl.ts';

export { layout } from './layout.nl.ts';
export type { LetterTemplate } from './types.ts';

/** The Dutch template of each letter kind. */
export const TEMPLATES_NL: Readonly<Record<LetterKind, LetterTemplate>> = {
  reminder,
  demand,
  'fourteen-day-letter': fourteenDayLetter,
  'withdrawal-confirmation': withdrawalConfirmation,
  'cancellation-confirmation': cancellationConfirmation,
  'dispute-rejection': disputeRejection,
  'handoff-notice': handoffNotice,
};
