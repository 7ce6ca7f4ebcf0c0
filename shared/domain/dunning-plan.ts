import type { DunningPolicy } from '../config/settings.ts';
import {
  addDays,
  addWorkingDays,
  type CalendarDate,
  startOfDayInAmsterdam,
  termEnd,
  workingDayOnOrAfter,
} from '../rules/calendar.ts';
import { demandTerm } from '../rules/demand-term.ts';
import type { Case, Schedule, WaitKind } from './case.ts';

/**
 * Where dunning stands, as one value the workflow routes on. The names match the state machine's
 * RouteCase choices (infra/constructs/case-workflow.ts CaseRoute).
 */
export type DunningRoute =
  | 'await-reminder-day'
  | 'await-demand-day'
  | 'await-demand-term'
  | 'hand-off'
  | 'review-dispute'
  | 'await-reviewer'
  | 'await-release'
  | 'paid'
  | 'closed';

export interface PlannedWait {
  until: CalendarDate;
  /** Seconds from now until the start of `until` in Amsterdam; at least 1 (Step Functions' minimum). */
  seconds: number;
}

export interface StepResult {
  route: DunningRoute;
  wait: PlannedWait | null;
}

export const WAIT_FOR_ROUTE: Partial<Record<DunningRoute, WaitKind>> = {
  'await-reminder-day': 'reminder-day',
  'await-demand-day': 'demand-day',
  'await-demand-term': 'demand-term',
  'await-reviewer': 'reviewer-decision',
  'await-release': 'release',
};

export function plannedWait(until: CalendarDate, now: Date): PlannedWait {
  const ms = startOfDayInAmsterdam(until).getTime() - now.getTime();
  return { until, seconds: Math.max(1, Math.ceil(ms / 1000)) };
}

/** The first reminder day: a working day after the due date plus the policy delay, never inside a cooling-off period. */
export function planReminderDay(c: Case, today: CalendarDate, policy: DunningPolicy): CalendarDate {
  const earliestDue = c.invoices.map((i) => i.dueOn).sort()[0] ?? today;
  const candidates = [addDays(earliestDue, policy.reminderDelayDays), today];
  if (c.schedule.dunningAllowedFrom) candidates.push(c.schedule.dunningAllowedFrom);
  return workingDayOnOrAfter(candidates.sort().at(-1) as CalendarDate);
}

export function planDemandDay(reminderSentOn: CalendarDate, policy: DunningPolicy): CalendarDate {
  return workingDayOnOrAfter(addDays(reminderSentOn, policy.demandDelayDays));
}

/**
 * The demand's term: for consumers the statutory 14-day letter (presumed delivery, 14 days, extension);
 * for businesses the policy's term with the weekend/holiday extension. Handoff is the day after.
 */
export function planDemandTerm(
  c: Case,
  sentOn: CalendarDate,
  policy: DunningPolicy,
): NonNullable<Schedule['demandTerm']> {
  if (c.debtor.kind === 'consumer') {
    const term = demandTerm(sentOn);
    return {
      deliveredOn: term.deliveredOn,
      lastDayToPay: term.lastDayToPay,
      costsDueFrom: term.costsDueFrom,
    };
  }
  const lastDayToPay = termEnd(addDays(sentOn, policy.businessDemandTermDays));
  return { deliveredOn: sentOn, lastDayToPay, costsDueFrom: addDays(lastDayToPay, 1) };
}

export function reviewEscalationDay(from: CalendarDate, policy: DunningPolicy): CalendarDate {
  return addWorkingDays(from, policy.reviewEscalationWorkingDays);
}

/** Where dunning stands for a case today, and until when the workflow waits if it waits. */
export function nextRoute(c: Case, now: Date, today: CalendarDate, policy: DunningPolicy): StepResult {
  const waitUntil = (route: DunningRoute, until: CalendarDate): StepResult => ({
    route,
    wait: plannedWait(until < today ? today : until, now),
  });
  if (c.stage === 'paid') return { route: 'paid', wait: null };
  if (['handed-off', 'withdrawn', 'cancelled', 'not-owed', 'handoff-failed'].includes(c.stage)) {
    return { route: 'closed', wait: null };
  }
  if (c.pause?.kind === 'dispute') {
    const disputeId = c.pause.disputeId;
    const dispute = c.disputes.find((d) => d.disputeId === disputeId);
    if (dispute?.status === 'awaiting-reviewer') {
      return waitUntil('await-reviewer', nextEscalation(c, disputeId, today, policy));
    }
    return { route: 'review-dispute', wait: null };
  }
  if (c.pause?.kind === 'hold') {
    return waitUntil('await-release', c.pause.until ?? addDays(today, policy.openHoldReviewDays));
  }
  switch (c.stage) {
    case 'opened':
      return waitUntil('await-reminder-day', c.schedule.reminderOn ?? today);
    case 'reminded':
      return waitUntil('await-demand-day', c.schedule.demandOn ?? today);
    case 'demanded':
      return waitUntil('await-demand-term', c.schedule.handoffOn ?? today);
    default:
      return { route: 'hand-off', wait: null };
  }
}

/** The next day an undecided review escalates: every N working days after it started waiting. */
function nextEscalation(
  c: Case,
  disputeId: string,
  today: CalendarDate,
  policy: DunningPolicy,
): CalendarDate {
  const escalations = c.chronology.filter(
    (e) => e.type === 'review-escalated' && e.refs?.disputeId === disputeId,
  );
  const since =
    escalations.at(-1)?.on ??
    c.chronology.find((e) => e.type === 'review-requested' && e.refs?.disputeId === disputeId)?.on ??
    today;
  return reviewEscalationDay(since, policy);
}
