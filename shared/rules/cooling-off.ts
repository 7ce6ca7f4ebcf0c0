/**
 * The consumer's right of withdrawal (herroepingsrecht, arts. 6:230g-6:230z BW; DOMAIN.md section 2).
 *
 * 1. Applies to consumers in distance and off-premises contracts; not off-premises at EUR 50.00 or less.
 * 2. 14 days from the day after conclusion (services, energy, digital content) or receipt (goods, the last
 *    item), then the weekend/holiday extension (Regulation 1182/71 art. 3 lid 4 via 6:230i lid 2; same list
 *    as ATW, a product decision).
 * 3. Not informed: 14 days from the day the information is received, at most 12 months after the end of the
 *    original period (6:230o lid 2).
 * 4. A withdrawal is in time when it is sent before the period ends; arrival does not matter (6:230o lid 3).
 * 5. A service started early on the consumer's express request is owed pro rata; otherwise nothing (6:230s).
 */
import { InvalidInputError } from '../errors.ts';
import { addDays, addMonths, type CalendarDate, daysBetween, maxDate, minDate, termEnd } from './calendar.ts';
import { formatDutchDate as nlDate, formatEuro as nlEuro } from './format-nl.ts';
import { divideRoundHalfUp, euros } from './money.ts';
import { type Reason, reason } from './reason.ts';
import {
  optionalDate,
  requireBoolean,
  requireCents,
  requireDate,
  requireObject,
  requireOneOf,
} from './validate.ts';

export const COOLING_OFF_DAYS = 14;
export const NOT_INFORMED_MAX_MONTHS = 12;
/** Off-premises contracts where the consumer pays at most this have no right of withdrawal (6:230h lid 2 sub a). */
export const OFF_PREMISES_THRESHOLD_CENTS = 5_000;

export type Buyer = 'consumer' | 'business';
export type SalesChannel = 'off-premises' | 'distance' | 'on-premises';
export type Subject = 'service' | 'goods';

export interface CoolingOffInput {
  buyer: Buyer;
  channel: SalesChannel;
  subject: Subject;
  concludedOn: CalendarDate;
  /** Goods: the day the consumer (or the last of several items) received them. */
  goodsReceivedOn?: CalendarDate | null;
  /** Everything the consumer pays under the contract (contracts concluded together added up). */
  priceCents: number;
  /** Day the consumer received the information about the right; null when never informed. */
  informedOn: CalendarDate | null;
  /** Day the consumer sent the withdrawal (postmark, e-mail sent date); null when none was given. */
  noticeSentOn?: CalendarDate | null;
}

export interface CoolingOff {
  applies: boolean;
  /** Last day of the period (after extensions); null when the right does not apply or has not started yet. */
  periodEnd: CalendarDate | null;
  /** null when no notice was given. */
  withdrawalInTime: boolean | null;
  /** First day of the 14 days (the day after conclusion or receipt). */
  periodStart: CalendarDate | null;
  /** End of the period had the consumer been informed in time. */
  originalPeriodEnd: CalendarDate | null;
  /** Off-premises: payment may not be demanded before this day (6:230t lid 5); otherwise null. */
  paymentDemandableFrom: CalendarDate | null;
  reasons: Reason[];
}

const BUYERS: readonly Buyer[] = ['consumer', 'business'];
const CHANNELS: readonly SalesChannel[] = ['off-premises', 'distance', 'on-premises'];
const SUBJECTS: readonly Subject[] = ['service', 'goods'];

export function coolingOff(input: CoolingOffInput): CoolingOff {
  const obj = requireObject(input, 'input');
  const buyer = requireOneOf(obj.buyer, 'buyer', BUYERS);
  const channel = requireOneOf(obj.channel, 'channel', CHANNELS);
  const subject = requireOneOf(obj.subject, 'subject', SUBJECTS);
  const concludedOn = requireDate(obj.concludedOn, 'concludedOn');
  const goodsReceivedOn = optionalDate(obj.goodsReceivedOn, 'goodsReceivedOn');
  const priceCents = requireCents(obj.priceCents, 'priceCents');
  if (obj.informedOn === undefined)
    throw new InvalidInputError('informedOn', 'must be a date YYYY-MM-DD or null');
  const informedOn = optionalDate(obj.informedOn, 'informedOn');
  const noticeSentOn = optionalDate(obj.noticeSentOn, 'noticeSentOn');
  if (goodsReceivedOn && goodsReceivedOn < concludedOn) {
    throw new InvalidInputError('goodsReceivedOn', `must not be before concludedOn (${concludedOn})`);
  }
  if (noticeSentOn && noticeSentOn < concludedOn) {
    throw new InvalidInputError('noticeSentOn', `must not be before concludedOn (${concludedOn})`);
  }

  const none = (why: Reason): CoolingOff => ({
    applies: false,
    periodEnd: null,
    withdrawalInTime: noticeSentOn ? false : null,
    periodStart: null,
    originalPeriodEnd: null,
    paymentDemandableFrom: null,
    reasons: [
      why,
      ...(noticeSentOn
        ? [
            reason(
              'WITHDRAWAL_NO_RIGHT',
              'There is no right of withdrawal, so the notice does not end the contract.',
              'art. 6:230o BW',
              'U heeft bij deze overeenkomst geen herroepingsrecht. Uw herroeping beëindigt de overeenkomst daarom niet.',
            ),
          ]
        : []),
    ],
  });
  if (buyer !== 'consumer') {
    return none(
      reason(
        'COOLING_OFF_NOT_CONSUMER',
        'Only a consumer has a right of withdrawal; the buyer is a business.',
        'art. 6:230g lid 1 BW',
        'Alleen een consument heeft een herroepingsrecht (bedenktijd). U heeft de overeenkomst gesloten als bedrijf.',
      ),
    );
  }
  if (channel === 'on-premises') {
    return none(
      reason(
        'COOLING_OFF_ON_PREMISES',
        "The contract was concluded on the trader's premises: no right of withdrawal.",
        'art. 6:230o lid 1 BW',
        'U heeft de overeenkomst in onze winkel of vestiging gesloten. Dan is er geen herroepingsrecht (bedenktijd).',
      ),
    );
  }
  if (channel === 'off-premises' && priceCents <= OFF_PREMISES_THRESHOLD_CENTS) {
    return none(
      reason(
        'COOLING_OFF_UNDER_THRESHOLD',
        `Off-premises contract where the consumer pays ${euros(priceCents)}, not more than EUR 50.00: no right of withdrawal.`,
        'art. 6:230h lid 2 sub a BW',
        `U heeft de overeenkomst buiten onze winkel gesloten en betaalt ${nlEuro(priceCents)}. Bij een bedrag van niet meer dan € 50,00 is er geen herroepingsrecht (bedenktijd).`,
      ),
    );
  }

  const reasons: Reason[] = [
    reason(
      'COOLING_OFF_APPLIES',
      `A consumer in a${channel === 'distance' ? ' distance' : 'n off-premises'} contract${channel === 'off-premises' ? ` paying ${euros(priceCents)} (more than EUR 50.00)` : ''} may withdraw within 14 days without giving a reason.`,
      'art. 6:230o lid 1 BW',
      `U heeft de overeenkomst ${channel === 'distance' ? 'op afstand (bijvoorbeeld online of telefonisch)' : `buiten onze winkel gesloten en betaalt ${nlEuro(priceCents)} (meer dan € 50,00)`}. U mag de overeenkomst dan binnen 14 dagen zonder opgave van redenen herroepen.`,
    ),
  ];
  const eventDay = subject === 'service' ? concludedOn : goodsReceivedOn;
  if (eventDay === null) {
    reasons.push(
      reason(
        'COOLING_OFF_GOODS_NOT_RECEIVED',
        'The goods have not been received, so the 14 days have not started; a withdrawal before receipt is in time.',
        'art. 6:230o lid 1 sub b BW',
        'U heeft de goederen nog niet ontvangen, dus de 14 dagen zijn nog niet begonnen. Een herroeping vóór de ontvangst is op tijd.',
      ),
    );
    return {
      applies: true,
      periodEnd: null,
      withdrawalInTime: noticeSentOn ? true : null,
      periodStart: null,
      originalPeriodEnd: null,
      paymentDemandableFrom: null,
      reasons,
    };
  }
  const periodStart = addDays(eventDay, 1);
  const rawEnd = addDays(eventDay, COOLING_OFF_DAYS);
  const originalEnd = termEnd(rawEnd);
  reasons.push(
    reason(
      subject === 'service' ? 'COOLING_OFF_FROM_CONCLUSION' : 'COOLING_OFF_FROM_RECEIPT',
      `The 14 days start the day after ${subject === 'service' ? `the contract was concluded (${eventDay})` : `the goods were received (${eventDay})`}: day 14 is ${rawEnd}.`,
      subject === 'service' ? 'art. 6:230o lid 1 sub a BW' : 'art. 6:230o lid 1 sub b BW',
      `De 14 dagen beginnen op de dag nadat ${subject === 'service' ? `de overeenkomst is gesloten (${nlDate(eventDay)})` : `u de goederen heeft ontvangen (${nlDate(eventDay)})`}. De veertiende dag is ${nlDate(rawEnd)}.`,
    ),
  );
  if (originalEnd !== rawEnd) {
    reasons.push(
      reason(
        'TERM_EXTENDED',
        `Day 14 (${rawEnd}) is a Saturday, Sunday or legal holiday, so the period ends on ${originalEnd}.`,
        'art. 3 lid 4 Verordening (EEG, Euratom) nr. 1182/71; art. 6:230i lid 2 BW',
        `De veertiende dag (${nlDate(rawEnd)}) is een zaterdag, zondag of feestdag. De bedenktijd eindigt daarom op ${nlDate(originalEnd)}.`,
      ),
    );
  }

  let periodEnd = originalEnd;
  const cap = termEnd(addMonths(originalEnd, NOT_INFORMED_MAX_MONTHS));
  if (informedOn === null) {
    periodEnd = cap;
    reasons.push(
      reason(
        'COOLING_OFF_NOT_INFORMED',
        `The consumer was never informed of the right, so the period runs 12 months longer: until ${cap}.`,
        'art. 6:230o lid 2 BW',
        `U heeft geen informatie over het herroepingsrecht gekregen. De bedenktijd loopt daarom 12 maanden langer, tot en met ${nlDate(cap)}.`,
      ),
    );
  } else if (informedOn > concludedOn) {
    const lateEnd = termEnd(addDays(informedOn, COOLING_OFF_DAYS));
    periodEnd = minDate(maxDate(originalEnd, lateEnd), cap);
    reasons.push(
      reason(
        'COOLING_OFF_INFORMED_LATE',
        informedOn > cap
          ? `The information came on ${informedOn}, after the 12-month maximum: the period ended on ${cap}.`
          : `The consumer received the information late, on ${informedOn}: the period ends 14 days later, on ${periodEnd}.`,
        'art. 6:230o lid 2 BW',
        informedOn > cap
          ? `U kreeg de informatie over het herroepingsrecht pas op ${nlDate(informedOn)}, na de uiterste termijn van 12 maanden. De bedenktijd eindigde op ${nlDate(cap)}.`
          : `U kreeg de informatie over het herroepingsrecht te laat, op ${nlDate(informedOn)}. De bedenktijd eindigt 14 dagen later, op ${nlDate(periodEnd)}.`,
      ),
    );
  }

  let withdrawalInTime: boolean | null = null;
  if (noticeSentOn) {
    withdrawalInTime = noticeSentOn <= periodEnd;
    reasons.push(
      withdrawalInTime
        ? reason(
            'WITHDRAWAL_IN_TIME',
            `The withdrawal was sent on ${noticeSentOn}, by the end of the period (${periodEnd}); when it arrived does not matter.`,
            'art. 6:230o lid 3 BW',
            `U heeft uw herroeping op ${nlDate(noticeSentOn)} verstuurd, uiterlijk op de laatste dag van de bedenktijd (${nlDate(periodEnd)}). Wanneer wij haar ontvingen, maakt niet uit.`,
          )
        : reason(
            'WITHDRAWAL_TOO_LATE',
            `The withdrawal was sent on ${noticeSentOn}, after the period ended on ${periodEnd}.`,
            'art. 6:230o BW',
            `U heeft uw herroeping op ${nlDate(noticeSentOn)} verstuurd, na het einde van de bedenktijd op ${nlDate(periodEnd)}.`,
          ),
    );
  }

  let paymentDemandableFrom: CalendarDate | null = null;
  if (channel === 'off-premises') {
    paymentDemandableFrom = addDays(periodEnd, 1);
    reasons.push(
      reason(
        'COOLING_OFF_NO_PAYMENT_DEMAND',
        `Off-premises: payment may not be demanded before ${paymentDemandableFrom} (no reminder, default or interest before then).`,
        'art. 6:230t lid 5 BW',
        `Omdat u de overeenkomst buiten onze winkel heeft gesloten, vragen wij pas vanaf ${nlDate(paymentDemandableFrom)} om betaling.`,
      ),
    );
  }
  return {
    applies: true,
    periodEnd,
    withdrawalInTime,
    periodStart,
    originalPeriodEnd: originalEnd,
    paymentDemandableFrom,
    reasons,
  };
}

export interface ServiceStartedEarlyInput {
  channel: 'off-premises' | 'distance';
  /** The consumer expressly asked for the service to start during the period. */
  expressRequest: boolean;
  /** The request was made on a durable medium (required for off-premises contracts). */
  requestOnDurableMedium: boolean;
  /** The consumer was informed of the right and of what an early start costs (6:230m lid 1 sub h, j). */
  informed: boolean;
  /** The price and the days it covers (e.g. a month's subscription). */
  priceCents: number;
  coversFrom: CalendarDate;
  coversThrough: CalendarDate;
  serviceStartedOn: CalendarDate;
  /** Day the withdrawal was sent: the service counts as provided through this day. */
  withdrawnOn: CalendarDate;
}

export interface ServiceStartedEarly {
  owedCents: number;
  providedDays: number;
  coveredDays: number;
  reasons: Reason[];
}

/** What a consumer who withdraws owes for a service started during the period (6:230s lid 4-5; CJEU C-97/22). */
export function owedForServiceStartedEarly(input: ServiceStartedEarlyInput): ServiceStartedEarly {
  const obj = requireObject(input, 'input');
  const channel = requireOneOf(obj.channel, 'channel', ['off-premises', 'distance'] as const);
  const expressRequest = requireBoolean(obj.expressRequest, 'expressRequest');
  const onDurableMedium = requireBoolean(obj.requestOnDurableMedium, 'requestOnDurableMedium');
  const informed = requireBoolean(obj.informed, 'informed');
  const priceCents = requireCents(obj.priceCents, 'priceCents');
  const coversFrom = requireDate(obj.coversFrom, 'coversFrom');
  const coversThrough = requireDate(obj.coversThrough, 'coversThrough');
  const startedOn = requireDate(obj.serviceStartedOn, 'serviceStartedOn');
  const withdrawnOn = requireDate(obj.withdrawnOn, 'withdrawnOn');
  if (coversThrough < coversFrom)
    throw new InvalidInputError('coversThrough', 'must not be before coversFrom');
  if (withdrawnOn < startedOn)
    throw new InvalidInputError('withdrawnOn', 'must not be before serviceStartedOn');
  const coveredDays = daysBetween(coversFrom, coversThrough) + 1;
  const first = maxDate(startedOn, coversFrom);
  const last = minDate(withdrawnOn, coversThrough);
  const providedDays = last >= first ? daysBetween(first, last) + 1 : 0;

  const missing: string[] = [];
  const missingNl: string[] = [];
  if (!expressRequest) {
    missing.push('the consumer did not expressly ask for an early start');
    missingNl.push('u heeft niet uitdrukkelijk gevraagd om eerder te beginnen');
  }
  if (channel === 'off-premises' && !onDurableMedium) {
    missing.push('the off-premises request was not on a durable medium');
    missingNl.push('uw verzoek is niet op papier of een andere duurzame drager vastgelegd');
  }
  if (!informed) {
    missing.push('the consumer was not informed of the right and the cost of an early start');
    missingNl.push('u bent niet geïnformeerd over het herroepingsrecht en de kosten van eerder beginnen');
  }
  if (missing.length > 0) {
    return {
      owedCents: 0,
      providedDays,
      coveredDays,
      reasons: [
        reason(
          'EARLY_START_NOTHING_OWED',
          `The consumer owes nothing for the service provided during the period: ${missing.join('; ')}.`,
          'art. 6:230s lid 5 BW; HvJ EU C-97/22',
          `U bent niets verschuldigd voor de dienst tijdens de bedenktijd: ${missingNl.join('; ')}.`,
        ),
      ],
    };
  }
  const owedCents = divideRoundHalfUp(BigInt(priceCents) * BigInt(providedDays), BigInt(coveredDays));
  return {
    owedCents,
    providedDays,
    coveredDays,
    reasons: [
      reason(
        'EARLY_START_PRO_RATA',
        `The consumer asked for the early start and was informed: ${providedDays} of ${coveredDays} days of ${euros(priceCents)} are owed, ${euros(owedCents)}.`,
        'art. 6:230s lid 4 BW',
        `U heeft gevraagd om tijdens de bedenktijd te beginnen en u bent daarover geïnformeerd. U betaalt voor ${providedDays} van de ${coveredDays} dagen: ${nlEuro(owedCents)} van ${nlEuro(priceCents)}.`,
      ),
    ],
  };
}
