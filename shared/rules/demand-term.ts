/**
 * The term of the consumer 14-day letter (art. 6:96 lid 6 BW; DOMAIN.md section 5).
 *
 * 1. Presumed delivery: the second day after sending, where Sundays, Mondays and legal holidays do not count
 *    (HR 25-11-2016, ECLI:NL:HR:2016:2704).
 * 2. Fourteen days starting the day after delivery; the last day is extended past a weekend or holiday
 *    (ATW art. 1; a product decision: it only ever favours the debtor).
 * 3. Collection costs are due from the day after the last day to pay.
 */
import { addDays, type CalendarDate, isLegalHoliday, isoWeekday, termEnd } from './calendar.ts';
import { type Reason, reason } from './reason.ts';
import { requireDate } from './validate.ts';

export const DEMAND_TERM_DAYS = 14;
export const DELIVERY_DAYS = 2;

export interface DemandTerm {
  deliveredOn: CalendarDate;
  /** Day 14 of the term after the weekend/holiday extension: paying on this day is in time. */
  lastDayToPay: CalendarDate;
  /** First day the collection costs named in the letter are due. */
  costsDueFrom: CalendarDate;
  reasons: Reason[];
}

/** Whether a day counts towards presumed postal delivery (not Sunday, not Monday, not a legal holiday). */
export function isPostalDeliveryDay(date: CalendarDate): boolean {
  const weekday = isoWeekday(date);
  return weekday !== 7 && weekday !== 1 && !isLegalHoliday(date);
}

/** The presumed day a letter sent on `sentOn` is delivered. */
export function presumedDelivery(sentOn: CalendarDate): CalendarDate {
  let d = sentOn;
  for (let counted = 0; counted < DELIVERY_DAYS; ) {
    d = addDays(d, 1);
    if (isPostalDeliveryDay(d)) counted++;
  }
  return d;
}

export function demandTerm(sentOn: CalendarDate): DemandTerm {
  requireDate(sentOn, 'sentOn');
  const deliveredOn = presumedDelivery(sentOn);
  const rawLastDay = addDays(deliveredOn, DEMAND_TERM_DAYS);
  const lastDayToPay = termEnd(rawLastDay);
  const reasons: Reason[] = [
    reason(
      'DEMAND_PRESUMED_DELIVERY',
      `A letter sent on ${sentOn} is presumed delivered on ${deliveredOn}, the second day after sending not counting Sundays, Mondays and legal holidays.`,
      'HR 25-11-2016, ECLI:NL:HR:2016:2704',
    ),
    reason(
      'DEMAND_TERM_14_DAYS',
      `The debtor has 14 days starting the day after delivery to pay: day 14 is ${rawLastDay}.`,
      'art. 6:96 lid 6 BW',
    ),
  ];
  if (lastDayToPay !== rawLastDay) {
    reasons.push(
      reason(
        'TERM_EXTENDED',
        `Day 14 (${rawLastDay}) is a Saturday, Sunday or legal holiday, so the term ends on ${lastDayToPay}.`,
        'art. 1 Algemene termijnenwet',
      ),
    );
  }
  const costsDueFrom = addDays(lastDayToPay, 1);
  reasons.push(
    reason(
      'DEMAND_COSTS_DUE_FROM',
      `Unless paid by ${lastDayToPay}, the collection costs named in the letter are due from ${costsDueFrom}.`,
      'art. 6:96 lid 6 BW',
    ),
  );
  return { deliveredOn, lastDayToPay, costsDueFrom, reasons };
}
