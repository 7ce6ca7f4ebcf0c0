/**
 * Limitation (verjaring; DOMAIN.md section 9).
 *
 * 1. The period starts the day after the claim became due (3:307: "vijf jaren na de aanvang van de dag,
 *    volgende op die waarop de vordering opeisbaar is geworden"): 5 years for payment claims, 2 years for the
 *    purchase price in a consumer sale, including energy (7:28).
 * 2. A written demand (or acknowledgement) made before the claim lapses interrupts it (3:317, 3:318) and starts
 *    a new period the day after, of the same length, at most 5 years (3:319). A written demand is a statement
 *    that works when it reaches the debtor (3:37 lid 3): it interrupts on the day it is received, for a letter
 *    the presumed delivery day (HR 25-11-2016, ECLI:NL:HR:2016:2704). A letter sent on the last day and
 *    received after it does not interrupt.
 * 3. No weekend/holiday extension: the ATW does not apply to terms counted in years (ATW art. 4).
 *
 * Signature: isTimeBarred({ claimKind, dueOn, interruptions?: [{ on } | { sentOn }], on }) -> { timeBarred, lastDayToAct, ... }.
 */
import { InvalidInputError } from '../errors.ts';
import { addDays, addYears, type CalendarDate } from './calendar.ts';
import { LIMITATION_PERIODS, MAX_NEW_PERIOD_YEARS } from './data/limitation-periods.ts';
import { presumedDelivery } from './demand-term.ts';
import { type Reason, reason } from './reason.ts';
import { requireArray, requireDate, requireObject, requireOneOf } from './validate.ts';

export type ClaimKind = keyof typeof LIMITATION_PERIODS;
export const CLAIM_KINDS = Object.keys(LIMITATION_PERIODS) as ClaimKind[];

export interface LimitationInput {
  claimKind: ClaimKind;
  /** The day the claim became due (the invoice's due date). */
  dueOn: CalendarDate;
  /**
   * Written demands or acknowledgements that interrupt the period (3:317, 3:318), in any order: `on` is the day
   * it reached the debtor; for a posted letter give `sentOn` instead and the presumed delivery day is used.
   */
  interruptions?: { on?: CalendarDate; sentOn?: CalendarDate; kind?: 'written-demand' | 'acknowledgement' }[];
  /** The day to judge. */
  on: CalendarDate;
}

export interface Limitation {
  timeBarred: boolean;
  /** The last day the claim is still alive: it lapses at the end of this day. */
  lastDayToAct: CalendarDate;
  periodYears: number;
  /** Interruptions that counted (made while the claim was alive), in date order. */
  interruptedOn: CalendarDate[];
  reasons: Reason[];
}

/** The last day of a period of `years` starting the day after `eventDay`. */
function lastDayOfYears(eventDay: CalendarDate, years: number): CalendarDate {
  // Starts at 00:00 of eventDay + 1; `years` later it is 00:00 of (eventDay + 1) + years, so the last full day is
  // one before; a period starting on 29 February ends on 28 February.
  return addDays(addYears(addDays(eventDay, 1), years), -1);
}

export function isTimeBarred(input: LimitationInput): Limitation {
  const obj = requireObject(input, 'input');
  const claimKind = requireOneOf(obj.claimKind, 'claimKind', CLAIM_KINDS);
  const dueOn = requireDate(obj.dueOn, 'dueOn');
  const on = requireDate(obj.on, 'on');
  if (on < dueOn) throw new InvalidInputError('on', `must not be before dueOn (${dueOn})`);
  const raw = obj.interruptions === undefined ? [] : requireArray(obj.interruptions, 'interruptions');
  const interruptions = raw
    .map((item, i) => {
      const entry = requireObject(item, `interruptions[${i}]`);
      if (entry.on !== undefined && entry.sentOn !== undefined)
        throw new InvalidInputError(
          `interruptions[${i}].on`,
          'give either on (received) or sentOn, not both',
        );
      const date =
        entry.on === undefined && entry.sentOn !== undefined
          ? presumedDelivery(requireDate(entry.sentOn, `interruptions[${i}].sentOn`))
          : requireDate(entry.on, `interruptions[${i}].on`);
      if (entry.kind !== undefined) {
        requireOneOf(entry.kind, `interruptions[${i}].kind`, ['written-demand', 'acknowledgement'] as const);
      }
      return date;
    })
    .sort();
  const period = LIMITATION_PERIODS[claimKind];
  const years = period.years;
  const newYears = Math.min(years, MAX_NEW_PERIOD_YEARS);
  let lastDay = lastDayOfYears(dueOn, years);
  const reasons: Reason[] = [
    reason(
      claimKind === 'payment' ? 'LIMITATION_FIVE_YEARS' : 'LIMITATION_TWO_YEARS',
      `The claim became due on ${dueOn}; it lapses ${years} years after the start of the next day, at the end of ${lastDay}.`,
      period.article,
    ),
  ];
  const counted: CalendarDate[] = [];
  for (const date of interruptions) {
    if (date > on) break; // not yet received on the day judged
    if (date <= dueOn) {
      reasons.push(
        reason(
          'LIMITATION_INTERRUPTION_EARLY',
          `A demand on ${date} came before the claim was due (${dueOn}) and did not interrupt the period.`,
          'art. 3:317 BW',
        ),
      );
      continue;
    }
    if (date > lastDay) {
      reasons.push(
        reason(
          'LIMITATION_INTERRUPTION_TOO_LATE',
          `A demand received on ${date} reached the debtor after the claim had lapsed (${lastDay}): it cannot revive it.`,
          'art. 3:317 BW; art. 3:37 lid 3 BW',
        ),
      );
      continue;
    }
    const next = lastDayOfYears(date, newYears);
    if (next > lastDay) lastDay = next;
    counted.push(date);
    reasons.push(
      reason(
        'LIMITATION_INTERRUPTED',
        `The written demand received on ${date} interrupted the period; a new period of ${newYears} years runs to the end of ${next}.`,
        'art. 3:317 BW; art. 3:37 lid 3 BW; art. 3:319 BW',
      ),
    );
  }
  const timeBarred = on > lastDay;
  reasons.push(
    reason(
      timeBarred ? 'CLAIM_TIME_BARRED' : 'CLAIM_NOT_TIME_BARRED',
      timeBarred
        ? `On ${on} the claim is time-barred (it lapsed at the end of ${lastDay}): it must not be handed off.`
        : `On ${on} the claim is not time-barred; it lapses at the end of ${lastDay} unless interrupted again.`,
      `${period.article}; ATW art. 4 (no extension for terms in years)`,
    ),
  );
  return { timeBarred, lastDayToAct: lastDay, periodYears: years, interruptedOn: counted, reasons };
}
