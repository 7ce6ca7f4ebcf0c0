import { type Case, isClosed } from '../domain/case.ts';
import type { CalendarDate } from '../rules/calendar.ts';

export type PreHandoffRefusal =
  | 'time-barred'
  | 'dispute-open'
  | 'on-hold'
  | 'term-not-passed'
  | 'paid'
  | 'closed';

export type PreHandoffCheck = { ok: true } | { ok: false; reason: PreHandoffRefusal; text: string };

/** The day of the last demand: the latest demand or 14-day letter, else the scheduled demand day. */
function demandDate(c: Case): CalendarDate | null {
  const dates = c.letters
    .filter((l) => l.kind === 'fourteen-day-letter' || l.kind === 'demand')
    .map((l) => l.date);
  if (dates.length > 0) return dates.sort().at(-1) ?? null;
  return c.schedule.demandOn;
}

/**
 * Whether a case may go to the agency on `on` (pure; `timeBarred` comes from the rules engine's limitation
 * rule, 3:307 / 7:28 BW). Refuses, in this order: a closed case (paid or otherwise), a time-barred claim, an
 * open dispute, a hold, a payment since the demand, and a demand term that has not passed (it ends at 24:00
 * on its last day, so the handoff can be on the day after at the earliest). The reason names the state the
 * workflow routes to.
 */
export function preHandoffCheck(c: Case, on: CalendarDate, opts: { timeBarred: boolean }): PreHandoffCheck {
  if (c.stage === 'paid') return { ok: false, reason: 'paid', text: 'the case is paid' };
  if (isClosed(c.stage)) return { ok: false, reason: 'closed', text: `the case is closed (${c.stage})` };
  if (opts.timeBarred) {
    return { ok: false, reason: 'time-barred', text: 'the claim is time-barred and may not be handed off' };
  }
  const open = c.disputes.find((d) => d.status === 'open' || d.status === 'awaiting-reviewer');
  if (c.pause?.kind === 'dispute' || open) {
    const id = c.pause?.kind === 'dispute' ? c.pause.disputeId : open?.disputeId;
    return { ok: false, reason: 'dispute-open', text: `dispute ${id} is open` };
  }
  if (c.pause?.kind === 'hold' && (c.pause.until === null || c.pause.until >= on)) {
    return { ok: false, reason: 'on-hold', text: `the case is on hold: ${c.pause.reason}` };
  }
  const demandOn = demandDate(c);
  const paidSince = demandOn === null ? [] : c.payments.filter((p) => p.paidOn >= demandOn);
  if (paidSince.length > 0) {
    const cents = paidSince.reduce((s, p) => s + p.amountCents, 0);
    return {
      ok: false,
      reason: 'paid',
      text: `${paidSince.length} payment(s) of ${cents} cents in total since the demand of ${demandOn}: recompute the claim first`,
    };
  }
  const term = c.schedule.demandTerm;
  if (term === null) return { ok: false, reason: 'term-not-passed', text: 'no demand term on record' };
  if (on <= term.lastDayToPay) {
    return {
      ok: false,
      reason: 'term-not-passed',
      text: `the demand term runs through ${term.lastDayToPay}`,
    };
  }
  return { ok: true };
}
