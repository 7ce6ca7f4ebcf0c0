import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/config/settings.ts';
import {
  nextRoute,
  planDemandDay,
  planDemandTerm,
  plannedWait,
  planReminderDay,
  reviewEscalationDay,
} from '../../../shared/domain/dunning-plan.ts';
import { aCase } from '../../support/case-fixture.ts';

const policy = DEFAULT_SETTINGS.policy;
const at = (iso: string) => new Date(iso);

describe('the dunning plan', () => {
  it('plans the reminder a week after the due date, moved to a working day', () => {
    // Due Wed 2026-02-04 + 7 = Wed 02-11, a working day.
    expect(planReminderDay(aCase(), '2026-02-05', policy)).toBe('2026-02-11');
    // Due Mon 2025-04-21 + 7 = Mon 04-28; but due Sat 2025-04-19 + 7 = Sat 04-26 -> Mon 04-28.
    const dueSaturday = aCase({ invoices: [{ ...aCase().invoices[0]!, dueOn: '2025-04-19' }] });
    expect(planReminderDay(dueSaturday, '2025-04-20', policy)).toBe('2025-04-28');
  });

  it('never plans a reminder inside an off-premises cooling-off period, nor in the past', () => {
    const offPremises = aCase({ schedule: { ...aCase().schedule, dunningAllowedFrom: '2026-04-17' } });
    expect(planReminderDay(offPremises, '2026-02-05', policy)).toBe('2026-04-17');
    expect(planReminderDay(aCase(), '2026-03-02', policy)).toBe('2026-03-02');
  });

  it('plans the demand two weeks after the reminder, on a working day (Ascension Day 2025 is not one)', () => {
    expect(planDemandDay('2025-05-15', policy)).toBe('2025-05-30');
  });

  it("gives a consumer the statutory 14-day letter's term and a business the policy's term", () => {
    expect(planDemandTerm(aCase(), '2025-03-03', policy)).toEqual({
      deliveredOn: '2025-03-05',
      lastDayToPay: '2025-03-19',
      costsDueFrom: '2025-03-20',
    });
    const business = aCase({ debtor: { ...aCase().debtor, kind: 'business' } });
    // Sent Fri 2025-03-07 + 14 = Fri 03-21.
    expect(planDemandTerm(business, '2025-03-07', policy).lastDayToPay).toBe('2025-03-21');
    // Sent Sat 2025-04-12 + 14 = King's Day (Sat 04-26) -> Mon 04-28.
    expect(planDemandTerm(business, '2025-04-12', policy).lastDayToPay).toBe('2025-04-28');
  });

  it('escalates an undecided review after ten working days', () => {
    // From Mon 2025-04-14: Good Friday 04-18 and Easter Monday 04-21 do not count.
    expect(reviewEscalationDay('2025-04-14', policy)).toBe('2025-04-30');
  });

  it('waits until midnight in Amsterdam at the start of the planned day', () => {
    expect(plannedWait('2026-03-30', at('2026-03-29T12:00:00Z'))).toEqual({
      until: '2026-03-30',
      seconds: 10 * 3600,
    });
    expect(plannedWait('2026-03-01', at('2026-03-02T09:00:00Z')).seconds).toBe(1);
  });

  it('wakes each case at its own moment between 07:00 and 10:00 in Amsterdam on the planned day, the same every time', () => {
    const now = at('2026-03-29T12:00:00Z');
    const moments = Array.from({ length: 500 }, (_, i) => {
      const caseId = `case-${i}`;
      const wait = plannedWait('2026-03-30', now, caseId);
      expect(plannedWait('2026-03-30', now, caseId)).toEqual(wait);
      return now.getTime() + wait.seconds * 1000;
    });
    // 2026-03-30 07:00 Amsterdam (summer time) is 05:00 UTC.
    for (const m of moments) {
      expect(m).toBeGreaterThanOrEqual(Date.parse('2026-03-30T05:00:00Z'));
      expect(m).toBeLessThan(Date.parse('2026-03-30T08:00:00Z'));
    }
    // Spread, not bunched: 500 cases land on many different seconds.
    expect(new Set(moments).size).toBeGreaterThan(450);
  });

  it('routes a case by what the record says, not by the signal that woke it', () => {
    const now = at('2026-03-10T09:00:00Z');
    const route = (overrides: Parameters<typeof aCase>[0]) =>
      nextRoute(aCase(overrides), now, '2026-03-10', policy).route;
    expect(route({ stage: 'paid' })).toBe('paid');
    expect(route({ stage: 'withdrawn' })).toBe('closed');
    expect(route({ stage: 'opened' })).toBe('await-reminder-day');
    expect(route({ stage: 'reminded', schedule: { ...aCase().schedule, demandOn: '2026-03-16' } })).toBe(
      'await-demand-day',
    );
    expect(route({ stage: 'demanded' })).toBe('await-demand-term');
    expect(route({ stage: 'handing-off' })).toBe('deliver-dossier');
    expect(route({ stage: 'handed-off' })).toBe('handed-off');
    expect(route({ stage: 'time-barred' })).toBe('closed');
    expect(
      route({ pauses: [{ kind: 'hold', reason: 'payment plan', since: '2026-03-09', until: '2026-04-01' }] }),
    ).toBe('await-release');
    expect(route({ pauses: [{ kind: 'dispute', disputeId: 'dispute-1', since: '2026-03-09' }] })).toBe(
      'review-dispute',
    );
  });
});
