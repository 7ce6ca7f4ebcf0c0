/**
 * A debtor's claim that they cancelled the contract (opzegging; DOMAIN.md section 3).
 *
 * 1. Form and channel: the contract's terms decide, within the consumer limits: a form stricter than a private
 *    written statement (registered post only) is presumed unreasonable, so a plain letter or e-mail counts
 *    (6:237 sub m); a consumer may always cancel the way the contract was concluded (6:236 sub o).
 * 2. The notice works from the day it reaches the trader (3:37 lid 3). No recorded receipt and no confirmation
 *    by the trader: a person must review the debtor's proof.
 * 3. Effective end: the notice period counts from the day of receipt (one month from 7 March ends on 6 April);
 *    a fixed initial term runs to its end; after a tacit renewal a consumer contract runs for an indefinite
 *    time with at most one month's notice (6:236 sub j, 6:237 sub o). Business contracts: the terms as written.
 * 4. Evidence of use after the effective end weakens the claim but never decides it: needs review.
 * 5. Verdict valid: an invoice period after the effective end is void, a period straddling it is owed pro rata.
 */
import { InvalidInputError } from '../errors.ts';
import { type CalendarDate, daysBetween, maxDate, minDate, monthsPeriodLastDay } from './calendar.ts';
import {
  type CancellationClaim,
  type CancellationTerms,
  CONTACT_CHANNELS,
  type ContactChannel,
  type UsageEvidence,
} from './cancellation-terms.ts';
import { presumedDelivery } from './demand-term.ts';
import { divideRoundHalfUp, euros } from './money.ts';
import { type Reason, reason } from './reason.ts';
import {
  optionalDate,
  requireArray,
  requireBoolean,
  requireCents,
  requireDate,
  requireObject,
  requireOneOf,
  requireWholeNumber,
} from './validate.ts';

export type CancellationVerdict = 'valid' | 'invalid' | 'needs-review';

export interface CancellationInput {
  buyer: 'consumer' | 'business';
  concludedOn: CalendarDate;
  concludedVia: ContactChannel;
  terms: CancellationTerms;
  claim: CancellationClaim;
  usage?: UsageEvidence | null;
  /** An invoice the debtor disputes: the period it covers (inclusive) and its amount. */
  invoicePeriod?: { start: CalendarDate; end: CalendarDate; amountCents: number } | null;
}

export interface CancellationAssessment {
  verdict: CancellationVerdict;
  /** Last day the contract runs; null when the notice does not count. */
  effectiveEnd: CalendarDate | null;
  /** What stays owed on the invoice period: full, pro rata or 0; null without invoicePeriod or when a person decides. */
  owedCents: number | null;
  /** The day the notice is taken to have reached the trader (recorded or presumed); null when it does not count. */
  noticeReceivedOn: CalendarDate | null;
  /** What stays owed on the invoice period if a reviewer accepts the effective end (needs-review only). */
  owedIfUpheldCents: number | null;
  reasons: Reason[];
}

/** Channels that give a written statement (a web form or e-mail is written in electronic form, 6:227a). */
export const WRITTEN_CHANNELS: readonly ContactChannel[] = ['online', 'email', 'post', 'registered-post'];
/** A consumer's cap on the notice period after a tacit renewal (6:236 sub j). */
export const CONSUMER_MAX_NOTICE_MONTHS = 1;

const FORMS = ['any', 'written', 'registered-post'] as const;

function parseTerms(value: unknown): CancellationTerms {
  const t = requireObject(value, 'terms');
  const acceptedChannels = requireArray(t.acceptedChannels, 'terms.acceptedChannels').map((c, i) =>
    requireOneOf(c, `terms.acceptedChannels[${i}]`, CONTACT_CHANNELS),
  );
  const terms: CancellationTerms = {
    requiredForm: requireOneOf(t.requiredForm, 'terms.requiredForm', FORMS),
    acceptedChannels,
    noticePeriodMonths: requireWholeNumber(t.noticePeriodMonths, 'terms.noticePeriodMonths', 60),
    initialTermMonths: requireWholeNumber(t.initialTermMonths, 'terms.initialTermMonths', 240),
    tacitRenewal: requireBoolean(t.tacitRenewal, 'terms.tacitRenewal'),
  };
  if (t.renewalTermMonths !== undefined) {
    terms.renewalTermMonths = requireWholeNumber(t.renewalTermMonths, 'terms.renewalTermMonths', 240);
  }
  return terms;
}

function parseClaim(value: unknown): CancellationClaim {
  const c = requireObject(value, 'claim');
  return {
    noticeReceivedOn: optionalDate(c.noticeReceivedOn, 'claim.noticeReceivedOn'),
    noticeSentOn: requireDate(c.noticeSentOn, 'claim.noticeSentOn'),
    channel: requireOneOf(c.channel, 'claim.channel', CONTACT_CHANNELS),
    confirmedByTrader: requireBoolean(c.confirmedByTrader, 'claim.confirmedByTrader'),
  };
}

export function assessCancellation(input: CancellationInput): CancellationAssessment {
  const obj = requireObject(input, 'input');
  const buyer = requireOneOf(obj.buyer, 'buyer', ['consumer', 'business'] as const);
  const concludedOn = requireDate(obj.concludedOn, 'concludedOn');
  const concludedVia = requireOneOf(obj.concludedVia, 'concludedVia', CONTACT_CHANNELS);
  const terms = parseTerms(obj.terms);
  const claim = parseClaim(obj.claim);
  let usage: UsageEvidence | null = null;
  if (obj.usage !== undefined && obj.usage !== null) {
    const u = requireObject(obj.usage, 'usage');
    usage = { lastUsedOn: optionalDate(u.lastUsedOn, 'usage.lastUsedOn') };
    if (typeof u.description === 'string') usage.description = u.description;
  }
  let period: { start: CalendarDate; end: CalendarDate; amountCents: number } | null = null;
  if (obj.invoicePeriod !== undefined && obj.invoicePeriod !== null) {
    const p = requireObject(obj.invoicePeriod, 'invoicePeriod');
    period = {
      start: requireDate(p.start, 'invoicePeriod.start'),
      end: requireDate(p.end, 'invoicePeriod.end'),
      amountCents: requireCents(p.amountCents, 'invoicePeriod.amountCents'),
    };
    if (period.end < period.start)
      throw new InvalidInputError('invoicePeriod.end', 'must not be before invoicePeriod.start');
  }
  if (claim.noticeSentOn < concludedOn) {
    throw new InvalidInputError('claim.noticeSentOn', `must not be before concludedOn (${concludedOn})`);
  }
  if (claim.noticeReceivedOn && claim.noticeReceivedOn < claim.noticeSentOn) {
    throw new InvalidInputError(
      'claim.noticeReceivedOn',
      `must not be before claim.noticeSentOn (${claim.noticeSentOn})`,
    );
  }

  const reasons: Reason[] = [];
  const full = period ? period.amountCents : null;

  // 1. Form and channel.
  const formProblem = checkForm(buyer, concludedVia, terms, claim.channel, reasons);
  if (formProblem) {
    if (claim.confirmedByTrader) {
      reasons.push(
        reason(
          'CANCELLATION_CONFIRMED_DESPITE_FORM',
          "The trader confirmed the notice although it did not follow the contract's form or channel: a person decides whether the trader accepted it.",
          'art. 3:37 lid 3 BW; art. 6:248 BW',
        ),
      );
      return {
        verdict: 'needs-review',
        effectiveEnd: null,
        owedCents: null,
        noticeReceivedOn: null,
        owedIfUpheldCents: null,
        reasons,
      };
    }
    reasons.push(
      reason(
        'CANCELLATION_INVALID',
        'The notice does not count: dunning resumes and the debtor is told which clause of the contract it did not meet.',
        'art. 6:248 BW (the contract as agreed)',
      ),
    );
    return {
      verdict: 'invalid',
      effectiveEnd: null,
      owedCents: full,
      noticeReceivedOn: null,
      owedIfUpheldCents: null,
      reasons,
    };
  }

  // 2. Receipt.
  let verdict: CancellationVerdict = 'valid';
  let receivedOn = claim.noticeReceivedOn;
  if (receivedOn) {
    reasons.push(
      reason(
        'NOTICE_RECEIVED',
        `The notice reached the trader on ${receivedOn}; it works from that day.`,
        'art. 3:37 lid 3 BW',
      ),
    );
  } else {
    receivedOn =
      claim.channel === 'post' || claim.channel === 'registered-post'
        ? presumedDelivery(claim.noticeSentOn)
        : claim.noticeSentOn;
    if (claim.confirmedByTrader) {
      reasons.push(
        reason(
          'NOTICE_RECEIPT_CONFIRMED',
          `The trader confirmed the notice without recording the day it arrived; taken as ${receivedOn} (${claim.channel === 'post' || claim.channel === 'registered-post' ? 'presumed postal delivery' : 'the day it was sent'}).`,
          'art. 3:37 lid 3 BW',
        ),
      );
    } else {
      verdict = 'needs-review';
      reasons.push(
        reason(
          'NOTICE_RECEIPT_UNPROVEN',
          `The trader has no record of receiving the notice the debtor says was sent on ${claim.noticeSentOn}; proof is the debtor's burden and a person must review it (effective end shown as if it arrived on ${receivedOn}).`,
          'art. 3:37 lid 3 BW; art. 150 Rv (burden of proof)',
        ),
      );
    }
  }

  // 3. Effective end.
  const effectiveEnd = effectiveEndFor(buyer, concludedOn, terms, receivedOn, reasons);

  // 4. Usage after the end.
  if (usage?.lastUsedOn && usage.lastUsedOn > effectiveEnd) {
    verdict = 'needs-review';
    reasons.push(
      reason(
        'USAGE_AFTER_END',
        `The service was used on ${usage.lastUsedOn}${usage.description ? ` (${usage.description})` : ''}, after the contract would have ended on ${effectiveEnd}: this weakens the claim but never decides it; a person reviews.`,
        'DOMAIN.md section 3; seed 000 (keep proof of use after the claimed cancellation)',
      ),
    );
  }

  // 5. What stays owed.
  const owed = period ? owedForPeriod(period, effectiveEnd, reasons) : null;
  if (verdict === 'valid') {
    reasons.push(
      reason(
        'CANCELLATION_VALID',
        `The cancellation is valid: the contract ends on ${effectiveEnd}.`,
        'art. 6:248 BW; art. 3:37 lid 3 BW',
      ),
    );
    return {
      verdict,
      effectiveEnd,
      owedCents: owed,
      noticeReceivedOn: receivedOn,
      owedIfUpheldCents: null,
      reasons,
    };
  }
  return {
    verdict,
    effectiveEnd,
    owedCents: null,
    noticeReceivedOn: receivedOn,
    owedIfUpheldCents: owed,
    reasons,
  };
}

function satisfiesForm(channel: ContactChannel, form: CancellationTerms['requiredForm']): boolean {
  if (form === 'any') return true;
  if (form === 'written') return WRITTEN_CHANNELS.includes(channel);
  return channel === 'registered-post';
}

/** Pushes the reasons and returns true when the notice fails the form or channel the contract requires. */
function checkForm(
  buyer: 'consumer' | 'business',
  concludedVia: ContactChannel,
  terms: CancellationTerms,
  channel: ContactChannel,
  reasons: Reason[],
): boolean {
  if (buyer === 'consumer' && channel === concludedVia) {
    reasons.push(
      reason(
        'CANCELLED_SAME_WAY_AS_CONCLUDED',
        `The contract was concluded via ${concludedVia} and the consumer cancelled the same way, which a consumer may always do.`,
        'art. 6:236 sub o BW',
      ),
    );
    return false;
  }
  let form = terms.requiredForm;
  let accepted = terms.acceptedChannels;
  if (buyer === 'consumer' && form === 'registered-post') {
    form = 'written';
    reasons.push(
      reason(
        'FORM_STRICTER_THAN_WRITTEN',
        'The clause requiring registered post is presumed unreasonable for a consumer: a plain letter or e-mail counts.',
        'art. 6:237 sub m BW',
      ),
    );
  }
  if (buyer === 'consumer' && accepted.includes('registered-post')) {
    accepted = [...new Set<ContactChannel>([...accepted, 'post', 'email'])];
  }
  if (!satisfiesForm(channel, form)) {
    reasons.push(
      reason(
        'NOTICE_FORM_NOT_MET',
        `The contract requires a ${form === 'written' ? 'written' : 'registered-post'} notice; a notice by ${channel} does not meet it.`,
        buyer === 'consumer' ? 'art. 6:248 BW; art. 6:237 sub m BW' : 'art. 6:248 BW',
      ),
    );
    return true;
  }
  if (accepted.length > 0 && !accepted.includes(channel)) {
    reasons.push(
      reason(
        'NOTICE_CHANNEL_NOT_ACCEPTED',
        `The contract accepts notices via ${accepted.join(', ')}; this one came via ${channel}${buyer === 'consumer' ? `, and the contract was concluded via ${concludedVia}` : ''}.`,
        buyer === 'consumer' ? 'art. 6:248 BW; art. 6:236 sub o BW' : 'art. 6:248 BW',
      ),
    );
    return true;
  }
  reasons.push(
    reason(
      'NOTICE_FORM_MET',
      `A notice by ${channel} meets the form and channel the contract requires.`,
      'art. 6:248 BW',
    ),
  );
  return false;
}

function noticeEnd(receivedOn: CalendarDate, months: number): CalendarDate {
  return months === 0 ? receivedOn : monthsPeriodLastDay(receivedOn, months);
}

function effectiveEndFor(
  buyer: 'consumer' | 'business',
  concludedOn: CalendarDate,
  terms: CancellationTerms,
  receivedOn: CalendarDate,
  reasons: Reason[],
): CalendarDate {
  const n = terms.noticePeriodMonths;
  const notice = (months: number) =>
    months === 0
      ? 'ends on receipt'
      : `has ${months === 1 ? "one month's" : `${months} months'`} notice from the day of receipt`;
  if (terms.initialTermMonths === 0) {
    const end = noticeEnd(receivedOn, n);
    reasons.push(
      reason(
        'NOTICE_PERIOD',
        `The contract runs for an indefinite time and ${notice(n)}: it ends on ${end}.`,
        'art. 6:248 BW',
      ),
    );
    return end;
  }
  const firstTermEnd = monthsPeriodLastDay(concludedOn, terms.initialTermMonths);
  if (!terms.tacitRenewal) {
    reasons.push(
      reason(
        'FIXED_TERM_END',
        receivedOn > firstTermEnd
          ? `The fixed term of ${terms.initialTermMonths} months had already ended on ${firstTermEnd} without renewal.`
          : `The contract has a fixed term of ${terms.initialTermMonths} months without renewal: it ends on ${firstTermEnd}.`,
        'art. 6:248 BW',
      ),
    );
    return firstTermEnd;
  }
  if (buyer === 'consumer') {
    const cappedMonths = Math.min(n, CONSUMER_MAX_NOTICE_MONTHS);
    if (noticeEnd(receivedOn, n) <= firstTermEnd) {
      reasons.push(
        reason(
          'FIXED_TERM_END',
          `The notice came in time before the end of the initial term of ${terms.initialTermMonths} months: the contract ends on ${firstTermEnd}.`,
          'art. 6:248 BW',
        ),
      );
      return firstTermEnd;
    }
    const end = maxDate(firstTermEnd, noticeEnd(receivedOn, cappedMonths));
    reasons.push(
      reason(
        'CONSUMER_RENEWED_INDEFINITE',
        `After the initial term (to ${firstTermEnd}) the contract was tacitly renewed for an indefinite time, so the consumer may cancel at any time with at most one month's notice${n > CONSUMER_MAX_NOTICE_MONTHS ? ` (the contract's ${n} months are void)` : ''}: it ends on ${end}.`,
        n > CONSUMER_MAX_NOTICE_MONTHS ? 'art. 6:236 sub j BW; art. 6:237 sub o BW' : 'art. 6:236 sub j BW',
      ),
    );
    return end;
  }
  const renewal = terms.renewalTermMonths ?? terms.initialTermMonths;
  const wanted = noticeEnd(receivedOn, n);
  let months = terms.initialTermMonths;
  let end = firstTermEnd;
  while (wanted > end) {
    if (renewal === 0) {
      end = wanted;
      break;
    }
    months += renewal;
    end = monthsPeriodLastDay(concludedOn, months);
  }
  reasons.push(
    reason(
      'BUSINESS_TERM_END',
      end === firstTermEnd
        ? `The notice (${notice(n)}) came in time before the end of the initial term: the contract ends on ${end}.`
        : `The notice (${notice(n)}) came too late for the end of the current term, so the contract runs on to the end of the renewed term: ${end}.`,
      'art. 6:248 BW (the contract as written)',
    ),
  );
  return end;
}

function owedForPeriod(
  period: { start: CalendarDate; end: CalendarDate; amountCents: number },
  effectiveEnd: CalendarDate,
  reasons: Reason[],
): number {
  if (effectiveEnd >= period.end) {
    reasons.push(
      reason(
        'INVOICE_BEFORE_END',
        `The invoice covers ${period.start} to ${period.end}, before the contract ends on ${effectiveEnd}: it is owed in full (${euros(period.amountCents)}).`,
        'art. 6:248 BW',
      ),
    );
    return period.amountCents;
  }
  if (effectiveEnd < period.start) {
    reasons.push(
      reason(
        'INVOICE_AFTER_END',
        `The invoice covers ${period.start} to ${period.end}, after the contract ended on ${effectiveEnd}: nothing is owed.`,
        'art. 6:248 BW',
      ),
    );
    return 0;
  }
  const totalDays = daysBetween(period.start, period.end) + 1;
  const days = daysBetween(period.start, minDate(effectiveEnd, period.end)) + 1;
  const owed = divideRoundHalfUp(BigInt(period.amountCents) * BigInt(days), BigInt(totalDays));
  reasons.push(
    reason(
      'INVOICE_PRO_RATA',
      `The contract ends on ${effectiveEnd}, inside the invoice period ${period.start} to ${period.end}: ${days} of ${totalDays} days are owed, ${euros(owed)} of ${euros(period.amountCents)}.`,
      'art. 6:248 BW; DOMAIN.md section 3',
    ),
  );
  return owed;
}
