import { CHANNEL_NL } from '../rules/cancellation.ts';
import type { CancellationTerms } from '../rules/cancellation-terms.ts';

const FORM_NL: Record<CancellationTerms['requiredForm'], string> = {
  any: 'opzeggen kan in elke vorm',
  written: 'opzeggen schriftelijk (brief of e-mail)',
  'registered-post':
    'opzeggen alleen per aangetekende post (voor consumenten vermoedelijk onredelijk bezwarend, art. 6:237 sub m BW)',
};

/** The cancellation terms in a sentence of Dutch, as a debtor or the agency reads them. */
export function cancellationTermsSummary(terms: CancellationTerms): string {
  const parts = [FORM_NL[terms.requiredForm]];
  parts.push(
    terms.acceptedChannels.length === 0
      ? 'via elk kanaal'
      : `alleen ${terms.acceptedChannels.map((c) => CHANNEL_NL[c]).join(' of ')}`,
  );
  parts.push(
    terms.noticePeriodMonths === 0
      ? 'zonder opzegtermijn'
      : `opzegtermijn ${terms.noticePeriodMonths} ${terms.noticePeriodMonths === 1 ? 'maand' : 'maanden'}`,
  );
  parts.push(
    terms.initialTermMonths === 0
      ? 'onbepaalde looptijd'
      : `eerste looptijd ${terms.initialTermMonths} maanden`,
  );
  if (terms.tacitRenewal) parts.push('daarna stilzwijgende verlenging');
  const sentence = parts.join('; ');
  return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
}

/**
 * What a rejection of a cancellation quotes (DOMAIN.md section 3: the debtor is told which clause the notice
 * did not meet): the clause as the contract words it, or else the recorded terms in Dutch.
 */
export function cancellationClauseQuote(terms: CancellationTerms): { text: string; verbatim: boolean } {
  return terms.clauseText
    ? { text: terms.clauseText, verbatim: true }
    : { text: cancellationTermsSummary(terms), verbatim: false };
}
