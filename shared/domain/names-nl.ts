import type { DisputeKind, LetterKind } from './vocabulary.ts';

/**
 * Dutch names of the letter and dispute kinds, as the dossier and the back office show them (one list,
 * in the letters' terms). No imports beyond types: the back office's bundle takes it as it is.
 */
export const LETTER_KIND_NL: Readonly<Record<LetterKind, string>> = {
  reminder: 'Betalingsherinnering',
  demand: 'Aanmaning',
  'fourteen-day-letter': 'Veertiendagenbrief (art. 6:96 lid 6 BW)',
  'withdrawal-confirmation': 'Bevestiging herroeping',
  'cancellation-confirmation': 'Bevestiging opzegging',
  'dispute-rejection': 'Afwijzing bezwaar',
  'handoff-notice': 'Kennisgeving uit handen geven',
};

export const DISPUTE_KIND_NL: Readonly<Record<DisputeKind, string>> = {
  withdrawal: 'Herroeping (bedenktijd)',
  cancellation: 'Opzegging',
  'non-performance': 'Tekortkoming / opschorting',
  amount: 'Bedrag',
  other: 'Overig',
};
