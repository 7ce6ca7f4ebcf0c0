/**
 * Statutory interest (art. 6:119 BW) and statutory commercial interest (art. 6:119a BW); DOMAIN.md section 7.
 *
 * 1. Interest runs from `from` (the day after the due date) through `through` (the day of payment), inclusive.
 * 2. Each time a full year has passed since interest began, the interest still owed is added to the base
 *    (6:119 lid 2, 6:119a lid 3): on the anniversary, not on 1 January.
 * 3. A rate change applies from its effective date to the running debt (6:120).
 * 4. Stretches of one rate and one base: base x rate x days / 365 (also in leap years), rounded to cents half up,
 *    then summed. Consecutive table entries with the same rate form one stretch.
 */
import { InvalidInputError } from '../errors.ts';
import { addDays, addYears, type CalendarDate, daysBetween, maxDate, minDate } from './calendar.ts';
import {
  DAYS_PER_YEAR,
  INTEREST_RATES,
  INTEREST_TABLE_FROM,
  RATES_CONFIRMED_THROUGH,
} from './data/interest-rates.ts';
import { formatDutchDate } from './format-nl.ts';
import { divideRoundHalfUp, euros } from './money.ts';
import { type Reason, reason } from './reason.ts';
import { requireCents, requireDate, requireObject, requireOneOf } from './validate.ts';

export type InterestKind = 'statutory' | 'commercial';
export const INTEREST_KINDS: readonly InterestKind[] = ['statutory', 'commercial'];

export interface InterestStretch {
  from: CalendarDate;
  through: CalendarDate;
  days: number;
  /** Yearly rate in percent (12.25 = 12.25%). */
  rate: number;
  baseCents: number;
  interestCents: number;
}

interface RateSegment {
  from: CalendarDate;
  basisPoints: number;
  confirmed: boolean;
  source: string;
}

function segmentsFor(kind: InterestKind): RateSegment[] {
  const out: RateSegment[] = [];
  for (const entry of INTEREST_RATES) {
    const { basisPoints, confirmed, source } = entry[kind];
    const last = out[out.length - 1];
    // Equal rates in a row form one stretch, unless their confirmation differs (the flag names the day).
    if (last && last.basisPoints === basisPoints && last.confirmed === confirmed) continue;
    out.push({ from: entry.effectiveFrom, basisPoints, confirmed, source });
  }
  return out;
}

const SEGMENTS: Record<InterestKind, RateSegment[]> = {
  statutory: segmentsFor('statutory'),
  commercial: segmentsFor('commercial'),
};

export const ARTICLE: Record<InterestKind, string> = {
  statutory: 'art. 6:119 BW',
  commercial: 'art. 6:119a BW',
};

function segmentIndexOn(kind: InterestKind, date: CalendarDate): number {
  const segments = SEGMENTS[kind];
  let index = -1;
  for (let i = 0; i < segments.length; i++) if ((segments[i] as RateSegment).from <= date) index = i;
  return index;
}

/** The yearly rate in percent on a date. */
export function interestRateOn(kind: InterestKind, date: CalendarDate): number {
  const index = segmentIndexOn(kind, date);
  if (index < 0) throw new RangeError(`no ${kind} interest rate in the table before ${INTEREST_TABLE_FROM}`);
  return (SEGMENTS[kind][index] as RateSegment).basisPoints / 100;
}

/** Interest on one stretch: base x rate x days / 365, rounded half up. */
export function stretchInterestCents(baseCents: number, basisPoints: number, days: number): number {
  return divideRoundHalfUp(
    BigInt(baseCents) * BigInt(basisPoints) * BigInt(days),
    10_000n * BigInt(DAYS_PER_YEAR),
  );
}

/**
 * The running interest on one debt: accrue through a day, then apply payments to its interest and principal.
 * Used by `statutoryInterest` and by the ledger replay in claim.ts.
 */
export class InterestAccrual {
  readonly stretches: InterestStretch[] = [];
  readonly compoundedOn: CalendarDate[] = [];
  /** Interest accrued and not yet paid. */
  unpaidInterestCents = 0;
  /** The part of the unpaid interest that has been added to the base on an anniversary. */
  private capitalisedCents = 0;
  private next: CalendarDate;
  private year = 1;
  private usedUnconfirmed = new Set<string>();
  /** The first day interest ran at a rate not confirmed against its publication (or past the table's coverage). */
  unconfirmedFrom: CalendarDate | null = null;

  constructor(
    readonly kind: InterestKind,
    readonly startsOn: CalendarDate,
    public principalCents: number,
  ) {
    if (startsOn < INTEREST_TABLE_FROM) {
      throw new RangeError(
        `the interest table starts on ${INTEREST_TABLE_FROM}; interest from ${startsOn} is not covered`,
      );
    }
    this.next = startsOn;
  }

  get baseCents(): number {
    return this.principalCents + this.capitalisedCents;
  }

  /** Accrues interest for every day up to and including `through` not yet accrued. */
  accrueThrough(through: CalendarDate): void {
    while (this.next <= through) {
      const anniversary = addYears(this.startsOn, this.year);
      const segIndex = segmentIndexOn(this.kind, this.next);
      const segments = SEGMENTS[this.kind];
      const segment = segments[segIndex] as RateSegment;
      const nextSegment = segments[segIndex + 1];
      let last = minDate(through, addDays(anniversary, -1));
      if (nextSegment) last = minDate(last, addDays(nextSegment.from, -1));
      const days = daysBetween(this.next, last) + 1;
      const base = this.baseCents;
      const interestCents = stretchInterestCents(base, segment.basisPoints, days);
      if (!segment.confirmed) this.usedUnconfirmed.add(segment.from);
      const unconfirmedDay = !segment.confirmed
        ? this.next
        : last > RATES_CONFIRMED_THROUGH
          ? maxDate(this.next, addDays(RATES_CONFIRMED_THROUGH, 1))
          : null;
      if (unconfirmedDay && (this.unconfirmedFrom === null || unconfirmedDay < this.unconfirmedFrom))
        this.unconfirmedFrom = unconfirmedDay;
      this.stretches.push({
        from: this.next,
        through: last,
        days,
        rate: segment.basisPoints / 100,
        baseCents: base,
        interestCents,
      });
      this.unpaidInterestCents += interestCents;
      this.next = addDays(last, 1);
      if (this.next === anniversary) {
        this.capitalisedCents = this.unpaidInterestCents;
        this.compoundedOn.push(anniversary);
        this.year++;
      }
    }
  }

  /** A payment applied to this debt: interest first, then principal (6:44); the oldest interest goes first. */
  applyPayment(interestCents: number, principalCents: number): void {
    this.unpaidInterestCents -= interestCents;
    this.capitalisedCents = Math.max(0, this.capitalisedCents - interestCents);
    this.principalCents -= principalCents;
  }

  get accruedCents(): number {
    return this.stretches.reduce((sum, s) => sum + s.interestCents, 0);
  }

  reasons(): Reason[] {
    const article = ARTICLE[this.kind];
    const out: Reason[] = [];
    for (const on of this.compoundedOn) {
      out.push(
        reason(
          'INTEREST_COMPOUNDED',
          `A full year of interest had passed on ${on}: the interest owed was added to the base from that day.`,
          this.kind === 'statutory' ? 'art. 6:119 lid 2 BW' : 'art. 6:119a lid 3 BW',
        ),
      );
    }
    if (this.stretches.some((x) => x.through > RATES_CONFIRMED_THROUGH)) {
      out.push(ratesNotConfirmedReason(this.kind));
    }
    for (const from of this.usedUnconfirmed) {
      out.push(
        reason(
          'RATE_TO_BE_CONFIRMED',
          `The ${this.kind} rate used from ${from} is still to be confirmed against the official publication.`,
          `${article}; Besluit wettelijke rente`,
        ),
      );
    }
    return out;
  }
}

/** Interest ran past the last confirmed half-year: the rate used is the last one in the table, not a published one. */
export function ratesNotConfirmedReason(kind: InterestKind): Reason {
  return reason(
    'RATES_NOT_CONFIRMED',
    `The ${kind} interest runs past ${RATES_CONFIRMED_THROUGH}, the last day of the last half-year whose rate was confirmed; the last rate in the table is used until an operator enters the new one.`,
    `${ARTICLE[kind]}; art. 6:120 BW; Besluit vaststelling wettelijke rente`,
  );
}

/**
 * The sentence a letter and the dossier carry when interest ran at a rate not yet confirmed (Dutch: a debtor
 * reads it). Dates as "1 juli 2026".
 */
export function unconfirmedRatesNoticeNl(flag: {
  from: CalendarDate;
  confirmedThrough: CalendarDate;
}): string {
  return `Let op: de rente vanaf ${formatDutchDate(flag.from)} is berekend met een rentepercentage dat nog niet is gecontroleerd aan de officiële bekendmaking. Wijkt het af, dan passen wij het bedrag aan.`;
}

export interface InterestInput {
  kind: InterestKind;
  principalCents: number;
  /** First day interest runs (the day after the due date). */
  from: CalendarDate;
  /** Last day interest runs (the day of payment). */
  through: CalendarDate;
}

export interface InterestResult {
  interestCents: number;
  /** Base at the end, principal plus interest added on anniversaries. */
  finalBaseCents: number;
  /** First day a rate not (yet) confirmed against its publication was used; null when every rate was confirmed. */
  ratesUnconfirmedFrom: CalendarDate | null;
  days: number;
  stretches: InterestStretch[];
  reasons: Reason[];
}

export function statutoryInterest(input: InterestInput): InterestResult {
  const obj = requireObject(input, 'input');
  const kind = requireOneOf(obj.kind, 'kind', INTEREST_KINDS);
  const principalCents = requireCents(obj.principalCents, 'principalCents');
  const from = requireDate(obj.from, 'from');
  const through = requireDate(obj.through, 'through');
  if (from < INTEREST_TABLE_FROM) {
    throw new InvalidInputError('from', `the rate table starts on ${INTEREST_TABLE_FROM}, got ${from}`);
  }
  if (through < from)
    throw new InvalidInputError('through', `must not be before from (${from}), got ${through}`);
  const accrual = new InterestAccrual(kind, from, principalCents);
  accrual.accrueThrough(through);
  const interestCents = accrual.accruedCents;
  const days = daysBetween(from, through) + 1;
  const reasons: Reason[] = [
    reason(
      kind === 'statutory' ? 'INTEREST_STATUTORY' : 'INTEREST_COMMERCIAL',
      `${kind === 'statutory' ? 'Statutory' : 'Statutory commercial'} interest on ${euros(principalCents)} from ${from} through ${through} (${days} days): ${euros(interestCents)}.`,
      ARTICLE[kind],
    ),
    reason(
      'INTEREST_DAY_COUNT',
      'Each stretch of one rate and one base is base x rate x days / 365, rounded to cents half up, then summed; a rate change applies from its effective date.',
      'art. 6:120 BW; DOMAIN.md section 7 (product convention)',
    ),
    ...accrual.reasons(),
  ];
  return {
    interestCents,
    finalBaseCents: accrual.baseCents,
    ratesUnconfirmedFrom: accrual.unconfirmedFrom,
    days,
    stretches: accrual.stretches,
    reasons,
  };
}
