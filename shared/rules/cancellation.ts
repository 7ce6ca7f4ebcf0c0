/**
 * A debtor's claim that they cancelled the contract (opzegging; DOMAIN.md section 3).
 *
 * 1. Form and channel, decided per mode (oral, written, electronic; cancellation-terms.ts): a consumer may
 *    always cancel in the mode the contract was concluded in (6:236 sub o, "op overeenkomstige wijze"); a
 *    contract concluded electronically may be ended electronically (6:267; for a business that goes to a
 *    person when the clause says otherwise); otherwise the contract's terms decide, within the consumer limit
 *    that a form stricter than a private written statement is presumed unreasonable (6:237 sub m).
 * 2. The notice works from the day it reaches the trader (3:37 lid 3). No recorded receipt and no confirmation
 *    by the trader: a person must review the debtor's proof.
 * 3. Effective end: the notice period counts from the day of receipt (one month from 7 March ends on 6 April).
 *    A consumer's notice counts at one month at most: a longer period is presumed unreasonable from the start
 *    (6:237 sub o, initial term and indefinite contracts) and after a tacit renewal (6:236 sub j). Both clauses
 *    are voidable, not void; the product does not rely on them (docs/rules.md). Business: the terms as written.
 * 4. Evidence of use after the effective end weakens the claim but never decides it: needs review.
 * 5. Verdict valid: an invoice period after the effective end is void, a period straddling it is owed pro rata.
 *
 * Every reason carries a Dutch text (`textNl`) for the letter that tells the debtor the outcome.
 */
import { InvalidInputError } from '../errors.ts';
import { type CalendarDate, daysBetween, maxDate, minDate, monthsPeriodLastDay } from './calendar.ts';
import {
  type CancellationClaim,
  type CancellationTerms,
  CONTACT_CHANNELS,
  type ContactChannel,
  type ContactMode,
  contactModeOf,
  type UsageEvidence,
} from './cancellation-terms.ts';
import { presumedDelivery } from './demand-term.ts';
import { formatDutchDate as nlDate, formatEuro as nlEuro } from './format-nl.ts';
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
/**
 * A consumer's notice period counts at one month at most: longer is presumed unreasonable (6:237 sub o) and,
 * after a tacit renewal, unreasonable (6:236 sub j).
 */
export const CONSUMER_MAX_NOTICE_MONTHS = 1;

/** How each channel reads in a Dutch sentence ("een opzegging {per e-mail}"). */
export const CHANNEL_NL: Readonly<Record<ContactChannel, string>> = {
  online: 'via de website',
  email: 'per e-mail',
  phone: 'telefonisch',
  post: 'per brief',
  'registered-post': 'per aangetekende brief',
  'in-person': 'persoonlijk',
};
const MODE_NL: Readonly<Record<ContactMode, string>> = {
  oral: 'mondeling',
  written: 'op papier',
  electronic: 'elektronisch',
};
const MODE_EN: Readonly<Record<ContactMode, string>> = {
  oral: 'orally',
  written: 'on paper',
  electronic: 'electronically',
};

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
  if (t.clauseText !== undefined) {
    if (typeof t.clauseText !== 'string' || t.clauseText.trim() === '' || t.clauseText.length > 2000)
      throw new InvalidInputError('terms.clauseText', 'must be a text of 1 to 2000 characters');
    terms.clauseText = t.clauseText;
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

const isPostal = (channel: ContactChannel) => channel === 'post' || channel === 'registered-post';

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
  const notCounted = (verdict: CancellationVerdict, owedCents: number | null): CancellationAssessment => ({
    verdict,
    effectiveEnd: null,
    owedCents,
    noticeReceivedOn: null,
    owedIfUpheldCents: null,
    reasons,
  });

  // 1. Form and channel, per mode.
  const form = checkForm(buyer, concludedVia, terms, claim.channel, reasons);
  if (form === 'review') return notCounted('needs-review', null);
  if (form === 'not-met') {
    if (claim.confirmedByTrader) {
      reasons.push(
        reason(
          'CANCELLATION_CONFIRMED_DESPITE_FORM',
          "The trader confirmed the notice although it did not follow the contract's form or channel: a person decides whether the trader accepted it.",
          'art. 3:37 lid 3 BW; art. 6:248 BW',
          'Wij hebben uw opzegging bevestigd, hoewel die niet op de manier uit de overeenkomst is gedaan. Een medewerker beoordeelt of wij de opzegging hebben aanvaard.',
        ),
      );
      return notCounted('needs-review', null);
    }
    reasons.push(
      reason(
        'CANCELLATION_INVALID',
        'The notice does not count: dunning resumes and the debtor is told which clause of the contract it did not meet.',
        'art. 6:248 BW',
        'Uw opzegging voldoet niet aan de opzeggingsbepaling van de overeenkomst en telt daarom niet. De overeenkomst loopt door en de facturen blijven verschuldigd.',
      ),
    );
    return notCounted('invalid', full);
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
        `Wij hebben uw opzegging op ${nlDate(receivedOn)} ontvangen. De opzegging werkt vanaf die dag.`,
      ),
    );
  } else {
    receivedOn = isPostal(claim.channel) ? presumedDelivery(claim.noticeSentOn) : claim.noticeSentOn;
    if (claim.confirmedByTrader) {
      reasons.push(
        reason(
          'NOTICE_RECEIPT_CONFIRMED',
          `The trader confirmed the notice without recording the day it arrived; taken as ${receivedOn} (${isPostal(claim.channel) ? 'presumed postal delivery' : 'the day it was sent'}).`,
          'art. 3:37 lid 3 BW',
          `Wij hebben uw opzegging bevestigd. Wij gaan ervan uit dat wij die op ${nlDate(receivedOn)} hebben ontvangen${isPostal(claim.channel) ? ' (de dag waarop een brief gewoonlijk wordt bezorgd)' : ' (de dag waarop u haar verstuurde)'}.`,
        ),
      );
    } else {
      verdict = 'needs-review';
      reasons.push(
        reason(
          'NOTICE_RECEIPT_UNPROVEN',
          `The trader has no record of receiving the notice the debtor says was sent on ${claim.noticeSentOn}; proof is the debtor's burden and a person must review it (effective end shown as if it arrived on ${receivedOn}).`,
          'art. 3:37 lid 3 BW; art. 150 Rv',
          `Wij kunnen in onze administratie geen opzegging vinden die u op ${nlDate(claim.noticeSentOn)} zou hebben verstuurd. Een medewerker beoordeelt uw bewijs.`,
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
        'art. 150 Rv',
        `De dienst is op ${nlDate(usage.lastUsedOn)} nog gebruikt, na ${nlDate(effectiveEnd)}, de dag waarop de overeenkomst zou zijn geëindigd. Een medewerker beoordeelt wat dat betekent.`,
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
        `Uw opzegging is geldig. De overeenkomst eindigt op ${nlDate(effectiveEnd)}.`,
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

const FORM_NL: Readonly<Record<CancellationTerms['requiredForm'], string>> = {
  any: 'een opzegging in elke vorm',
  written: 'een schriftelijke opzegging (brief of e-mail)',
  'registered-post': 'een opzegging per aangetekende brief',
};

/**
 * Whether the notice meets the form and channel, decided per mode; pushes the reasons. `review`: a person
 * decides (a business's electronic notice of an electronic contract against a clause that says otherwise).
 */
function checkForm(
  buyer: 'consumer' | 'business',
  concludedVia: ContactChannel,
  terms: CancellationTerms,
  channel: ContactChannel,
  reasons: Reason[],
): 'met' | 'not-met' | 'review' {
  const noticeMode = contactModeOf(channel);
  const concludedMode = contactModeOf(concludedVia);
  const sameMode = noticeMode === concludedMode;
  if (buyer === 'consumer' && sameMode) {
    const electronic = noticeMode === 'electronic';
    reasons.push(
      reason(
        'CANCELLED_SAME_WAY_AS_CONCLUDED',
        `The contract was concluded ${MODE_EN[concludedMode]} (${concludedVia}) and the consumer cancelled ${MODE_EN[noticeMode]} (${channel}): a consumer may always cancel the way the contract was concluded, whatever the contract says.`,
        electronic ? 'art. 6:236 sub o BW; art. 6:267 BW' : 'art. 6:236 sub o BW',
        `U heeft de overeenkomst ${MODE_NL[concludedMode]} gesloten en ${MODE_NL[noticeMode]} opgezegd (${CHANNEL_NL[channel]}). Een consument mag altijd opzeggen op dezelfde manier als waarop de overeenkomst is gesloten.`,
      ),
    );
    return 'met';
  }
  let form = terms.requiredForm;
  let accepted = terms.acceptedChannels;
  if (buyer === 'consumer' && form === 'registered-post') {
    form = 'written';
    reasons.push(
      reason(
        'FORM_STRICTER_THAN_WRITTEN',
        'The clause requiring registered post is presumed unreasonable for a consumer (voidable, not void); the product does not rely on it: a plain letter or e-mail counts.',
        'art. 6:237 sub m BW',
        'De eis dat u per aangetekende brief opzegt, is voor een consument vermoedelijk onredelijk bezwarend (zo’n beding is vernietigbaar). Wij beroepen ons er niet op: een gewone brief of e-mail is genoeg.',
      ),
    );
  }
  if (buyer === 'consumer' && accepted.includes('registered-post')) {
    accepted = [...new Set<ContactChannel>([...accepted, 'post', 'email'])];
  }
  const formMet = satisfiesForm(channel, form);
  const channelMet = accepted.length === 0 || accepted.includes(channel);
  if (formMet && channelMet) {
    reasons.push(
      reason(
        'NOTICE_FORM_MET',
        `A notice by ${channel} meets the form and channel the contract requires.`,
        'art. 6:248 BW',
        `Een opzegging ${CHANNEL_NL[channel]} voldoet aan de vorm die de overeenkomst vraagt.`,
      ),
    );
    return 'met';
  }
  if (!formMet) {
    reasons.push(
      reason(
        'NOTICE_FORM_NOT_MET',
        `The contract requires a ${form === 'written' ? 'written' : 'registered-post'} notice; a notice by ${channel} does not meet it${buyer === 'consumer' ? `, and the contract was concluded ${MODE_EN[concludedMode]} (${concludedVia}), not ${MODE_EN[noticeMode]}` : ''}.`,
        buyer === 'consumer' ? 'art. 6:248 BW; art. 6:237 sub m BW; art. 6:236 sub o BW' : 'art. 6:248 BW',
        `De overeenkomst vraagt ${FORM_NL[form]}. Een opzegging ${CHANNEL_NL[channel]} voldoet daar niet aan${buyer === 'consumer' ? `, en u heeft de overeenkomst niet ${MODE_NL[noticeMode]} gesloten maar ${MODE_NL[concludedMode]}` : ''}.`,
      ),
    );
  } else {
    reasons.push(
      reason(
        'NOTICE_CHANNEL_NOT_ACCEPTED',
        `The contract accepts notices via ${accepted.join(', ')}; this one came via ${channel}${buyer === 'consumer' ? `, and the contract was concluded ${MODE_EN[concludedMode]} (${concludedVia}), not ${MODE_EN[noticeMode]}` : ''}.`,
        buyer === 'consumer' ? 'art. 6:248 BW; art. 6:236 sub o BW' : 'art. 6:248 BW',
        `De overeenkomst staat opzeggen alleen toe ${accepted.map((c) => CHANNEL_NL[c]).join(' of ')}. Uw opzegging kwam ${CHANNEL_NL[channel]}${buyer === 'consumer' ? `, en u heeft de overeenkomst niet ${MODE_NL[noticeMode]} gesloten maar ${MODE_NL[concludedMode]}` : ''}.`,
      ),
    );
  }
  if (buyer === 'business' && sameMode && noticeMode === 'electronic') {
    reasons.push(
      reason(
        'ELECTRONIC_NOTICE_OF_ELECTRONIC_CONTRACT',
        `The contract was concluded electronically (${concludedVia}) and the business cancelled electronically (${channel}); the law lets such a contract be ended by an electronic statement, against the clause: a person decides whether that reaches this notice.`,
        'art. 6:267 BW; art. 6:248 BW',
        'U heeft de overeenkomst elektronisch gesloten en elektronisch opgezegd. De wet staat toe dat zo’n overeenkomst elektronisch wordt beëindigd. Een medewerker beoordeelt uw opzegging.',
      ),
    );
    return 'review';
  }
  return 'not-met';
}

function noticeEnd(receivedOn: CalendarDate, months: number): CalendarDate {
  return months === 0 ? receivedOn : monthsPeriodLastDay(receivedOn, months);
}

const monthsNl = (n: number) => (n === 1 ? 'een maand' : `${n} maanden`);

function effectiveEndFor(
  buyer: 'consumer' | 'business',
  concludedOn: CalendarDate,
  terms: CancellationTerms,
  receivedOn: CalendarDate,
  reasons: Reason[],
): CalendarDate {
  const n = terms.noticePeriodMonths;
  const consumer = buyer === 'consumer';
  const capped = consumer ? Math.min(n, CONSUMER_MAX_NOTICE_MONTHS) : n;
  const overCap = consumer && n > CONSUMER_MAX_NOTICE_MONTHS;
  const notice = (months: number) =>
    months === 0
      ? 'ends on receipt'
      : `has ${months === 1 ? "one month's" : `${months} months'`} notice from the day of receipt`;
  const noticeNl = (months: number) =>
    months === 0
      ? 'eindigt op de dag van ontvangst van de opzegging'
      : `heeft een opzegtermijn van ${monthsNl(months)} vanaf de dag van ontvangst`;
  /** 6:237 sub o: a consumer's notice period over one month, presumed unreasonable (initial or indefinite). */
  const presumedUnreasonable = (end: CalendarDate) =>
    reason(
      'CONSUMER_NOTICE_PRESUMED_UNREASONABLE',
      `The contract's notice period of ${n} months is presumed unreasonable in a consumer contract (more than one month). The clause is voidable, not void; the product does not rely on it, so the consumer's notice counts at one month: the contract ends on ${end}.`,
      'art. 6:237 sub o BW; art. 6:233 sub a BW',
      `De opzegtermijn van ${monthsNl(n)} in de overeenkomst is langer dan een maand. Voor een consument wordt zo’n termijn vermoed onredelijk bezwarend te zijn (het beding is vernietigbaar). Wij beroepen ons er niet op en rekenen met een opzegtermijn van een maand: de overeenkomst eindigt op ${nlDate(end)}.`,
    );
  if (terms.initialTermMonths === 0) {
    const end = noticeEnd(receivedOn, capped);
    reasons.push(
      overCap
        ? presumedUnreasonable(end)
        : reason(
            'NOTICE_PERIOD',
            `The contract runs for an indefinite time and ${notice(n)}: it ends on ${end}.`,
            'art. 6:248 BW',
            `De overeenkomst geldt voor onbepaalde tijd en ${noticeNl(n)}: zij eindigt op ${nlDate(end)}.`,
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
        receivedOn > firstTermEnd
          ? `De overeenkomst gold voor ${monthsNl(terms.initialTermMonths)} en is op ${nlDate(firstTermEnd)} zonder verlenging geëindigd.`
          : `De overeenkomst geldt voor een vaste periode van ${monthsNl(terms.initialTermMonths)} zonder verlenging: zij eindigt op ${nlDate(firstTermEnd)}.`,
      ),
    );
    return firstTermEnd;
  }
  if (consumer) {
    if (noticeEnd(receivedOn, capped) <= firstTermEnd) {
      // In time for the end of the initial term; with a period over one month only thanks to 6:237 sub o.
      if (overCap && noticeEnd(receivedOn, n) > firstTermEnd)
        reasons.push(presumedUnreasonable(firstTermEnd));
      reasons.push(
        reason(
          'FIXED_TERM_END',
          `The notice came in time before the end of the initial term of ${terms.initialTermMonths} months: the contract ends on ${firstTermEnd}.`,
          'art. 6:248 BW',
          `Uw opzegging kwam op tijd voor het einde van de eerste periode van ${monthsNl(terms.initialTermMonths)}: de overeenkomst eindigt op ${nlDate(firstTermEnd)}.`,
        ),
      );
      return firstTermEnd;
    }
    const end = maxDate(firstTermEnd, noticeEnd(receivedOn, capped));
    reasons.push(
      reason(
        'CONSUMER_RENEWED_INDEFINITE',
        `After the initial term (to ${firstTermEnd}) the contract was tacitly renewed for an indefinite time, so the consumer may cancel at any time with at most one month's notice${overCap ? ` (the contract's ${n} months are voidable, not void; the product does not rely on them)` : ''}: it ends on ${end}.`,
        overCap ? 'art. 6:236 sub j BW; art. 6:233 sub a BW' : 'art. 6:236 sub j BW',
        `Na de eerste periode (tot en met ${nlDate(firstTermEnd)}) is de overeenkomst stilzwijgend verlengd voor onbepaalde tijd. U mag dan altijd opzeggen met een opzegtermijn van hoogstens een maand${overCap ? ` (de ${monthsNl(n)} uit de overeenkomst zijn voor een consument onredelijk bezwarend; dat beding is vernietigbaar en wij beroepen ons er niet op)` : ''}: de overeenkomst eindigt op ${nlDate(end)}.`,
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
      'art. 6:248 BW',
      end === firstTermEnd
        ? `De overeenkomst ${noticeNl(n)}. Uw opzegging kwam op tijd voor het einde van de eerste periode: de overeenkomst eindigt op ${nlDate(end)}.`
        : `De overeenkomst ${noticeNl(n)}. Uw opzegging kwam te laat voor het einde van de lopende periode, zodat de overeenkomst doorloopt tot het einde van de verlengde periode: ${nlDate(end)}.`,
    ),
  );
  return end;
}

function owedForPeriod(
  period: { start: CalendarDate; end: CalendarDate; amountCents: number },
  effectiveEnd: CalendarDate,
  reasons: Reason[],
): number {
  const periodNl = `${nlDate(period.start)} tot en met ${nlDate(period.end)}`;
  if (effectiveEnd >= period.end) {
    reasons.push(
      reason(
        'INVOICE_BEFORE_END',
        `The invoice covers ${period.start} to ${period.end}, before the contract ends on ${effectiveEnd}: it is owed in full (${euros(period.amountCents)}).`,
        'art. 6:248 BW',
        `De factuur gaat over ${periodNl}, vóór het einde van de overeenkomst op ${nlDate(effectiveEnd)}: het hele bedrag van ${nlEuro(period.amountCents)} blijft verschuldigd.`,
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
        `De factuur gaat over ${periodNl}, na het einde van de overeenkomst op ${nlDate(effectiveEnd)}: u bent daarvoor niets verschuldigd.`,
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
      'art. 6:248 BW',
      `De overeenkomst eindigt op ${nlDate(effectiveEnd)}, midden in de factuurperiode ${periodNl}. U betaalt alleen voor ${days} van de ${totalDays} dagen: ${nlEuro(owed)} van ${nlEuro(period.amountCents)}.`,
    ),
  );
  return owed;
}
