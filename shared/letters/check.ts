import type { Case, CaseStage, LetterKind } from '../domain/case.ts';
import { dunningBlock, isDunningLetter, pauseBlock } from '../domain/lifecycle.ts';
import { type DunningBlockReason, isClosedStage } from '../domain/vocabulary.ts';
import { formatEuro } from './format.ts';
import {
  type LetterCheck,
  type LetterInput,
  type LetterProblem,
  STATUTORY_TERM_WORDING,
} from './letter-model.ts';
import { renderLetter } from './render.ts';

/** The letters that print the reasons of a decision. */
const LETTERS_WITH_REASONS: readonly LetterKind[] = [
  'dispute-rejection',
  'withdrawal-confirmation',
  'cancellation-confirmation',
];

/** The other wording art. 6:96 lid 6 BW accepts (DOMAIN.md section 5). */
const ALTERNATIVE_TERM_WORDING = 'binnen vijftien dagen nadat deze brief bij u is bezorgd';

/**
 * Closed stages in which a letter of this kind is still the right thing to send: the confirmation of the
 * very event that closed the case. Every other letter is refused on a closed case.
 */
const ALLOWED_WHEN_CLOSED: Partial<Record<LetterKind, readonly CaseStage[]>> = {
  'withdrawal-confirmation': ['withdrawn', 'not-owed'],
  'cancellation-confirmation': ['cancelled', 'not-owed'],
  'handoff-notice': ['handed-off'],
};

function caseProblems(input: LetterInput, caseNow: Case): LetterProblem[] {
  const problems: LetterProblem[] = [];
  if (caseNow.caseId !== input.case.caseId) {
    problems.push({
      code: 'case-mismatch',
      text: `letter is for case ${input.case.caseId}, not ${caseNow.caseId}`,
    });
  }
  if (isDunningLetter(input.kind)) {
    // The one answer to "may we dun this case now" (shared/domain/lifecycle.ts).
    const block = dunningBlock(caseNow);
    if (block) problems.push({ code: BLOCK_PROBLEM[block.reason], text: block.text });
  } else if (isClosedStage(caseNow.stage) && !ALLOWED_WHEN_CLOSED[input.kind]?.includes(caseNow.stage)) {
    problems.push(
      caseNow.stage === 'paid'
        ? { code: 'case-paid', text: 'the case is paid: no letter is sent' }
        : { code: 'case-closed', text: `the case is closed (${caseNow.stage}): no ${input.kind} is sent` },
    );
  } else if (input.kind === 'handoff-notice' && caseNow.pauses.length > 0) {
    // The agency holds the case, but the debtor disputed it or the creditor held it meanwhile.
    const block = pauseBlock(caseNow);
    if (block) problems.push({ code: BLOCK_PROBLEM[block.reason], text: block.text });
  }
  return problems;
}

const BLOCK_PROBLEM: Record<DunningBlockReason, LetterProblem['code']> = {
  paid: 'case-paid',
  closed: 'case-closed',
  disputed: 'case-disputed',
  'on-hold': 'case-on-hold',
};

function fourteenDayProblems(input: LetterInput, text: string | null): LetterProblem[] {
  const problems: LetterProblem[] = [];
  const { perInvoice, principalCents, costsCents } = input.amounts;
  if (perInvoice.length === 0 || perInvoice.some((p) => !(p.principalCents > 0))) {
    problems.push({
      code: 'missing-invoice-principal',
      text: 'the letter must state the principal of every invoice',
    });
  } else if (text !== null) {
    for (const p of perInvoice) {
      if (!text.includes(p.number) || !text.includes(formatEuro(p.principalCents))) {
        problems.push({
          code: 'missing-invoice-principal',
          text: `the letter does not state invoice ${p.number} with its principal ${formatEuro(p.principalCents)}`,
        });
      }
    }
  }
  if (perInvoice.reduce((sum, p) => sum + p.principalCents, 0) !== principalCents) {
    problems.push({
      code: 'amounts-do-not-add-up',
      text: `the invoices' principals do not add up to the total principal ${formatEuro(principalCents)}`,
    });
  }
  const costs = input.costsIfUnpaidCents;
  if (costs === undefined || !Number.isSafeInteger(costs) || costs <= 0) {
    problems.push({
      code: 'missing-costs-amount',
      text: 'the letter must state the exact collection costs due if the term passes unpaid (art. 6:96 lid 6 BW)',
    });
  } else if (text !== null && !text.includes(formatEuro(costs))) {
    problems.push({
      code: 'missing-costs-amount',
      text: `the letter does not state the cost amount ${formatEuro(costs)}`,
    });
  }
  if (costsCents > 0) {
    problems.push({
      code: 'costs-charged-early',
      text: 'collection costs are not due before the 14-day term has passed; the letter may not charge them',
    });
  }
  if (text !== null && !text.includes(STATUTORY_TERM_WORDING) && !text.includes(ALTERNATIVE_TERM_WORDING)) {
    problems.push({
      code: 'missing-term-wording',
      text: `the letter must give the term as "${STATUTORY_TERM_WORDING}"`,
    });
  }
  if (input.vatStatement && input.creditor.vatDeductible) {
    problems.push({
      code: 'vat-not-chargeable',
      text: 'the creditor can deduct VAT, so no VAT may be charged on the collection costs',
    });
  }
  return problems;
}

/**
 * The last check before a letter goes out, run against the case as it is at that moment: refuses a
 * reminder or demand while the case may not be dunned (paid, closed, disputed, on hold), any other letter
 * on a closed case (except the confirmation of what closed it), and a 14-day letter that lacks a required element (principal per invoice, the exact cost amount,
 * the statutory term wording). Reads the rendered text, so a template edit that drops an element is
 * caught too.
 */
export function checkLetterBeforeSending(input: LetterInput, caseNow: Case): LetterCheck {
  const problems = caseProblems(input, caseNow);
  let text: string | null = null;
  try {
    text = renderLetter(input).text;
  } catch {
    text = null;
  }
  if (input.kind === 'fourteen-day-letter') problems.push(...fourteenDayProblems(input, text));
  if (input.kind === 'dispute-rejection') {
    const reasons =
      input.reasons ?? input.case.disputes.find((d) => d.disputeId === input.disputeId)?.verdict?.reasons;
    if (!reasons || reasons.length === 0) {
      problems.push({
        code: 'missing-reasons',
        text: 'a rejection must give its reasons with the clause or article',
      });
    }
  }
  if (input.kind === 'handoff-notice' && (!input.agencyName || !input.agencyContact)) {
    problems.push({
      code: 'missing-agency',
      text: 'a handoff notice must name the agency and give its contact details',
    });
  }
  const shown =
    input.reasons ?? input.case.disputes.find((d) => d.disputeId === input.disputeId)?.verdict?.reasons ?? [];
  const english = shown.filter((r) => !r.textNl);
  if (english.length > 0 && LETTERS_WITH_REASONS.includes(input.kind)) {
    problems.push({
      code: 'reason-not-in-dutch',
      text: `reasons without a Dutch text cannot go in a letter: ${english.map((r) => r.code).join(', ')}`,
    });
  }
  return problems.length === 0 ? { ok: true } : { ok: false, problems };
}
