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
import { stableHash32 } from '../stable-hash.ts';
import type { Case, Schedule } from './case.ts';
import { disputePauseOf, holdOf } from './pauses.ts';
import { CaseRoute, type DunningRoute, isClosedStage } from './vocabulary.ts';

export interface PlannedWait {
  until: CalendarDate;
  /** Seconds from now until the case's wake-up moment on `until`; at least 1 (Step Functions' minimum). */
  seconds: number;
}

/**
 * Wake-ups are spread over the early working day, 07:00 to 10:00 Amsterdam, at a moment fixed per case,
 * so the cases due on one day do not all hit Lambda, DynamoDB and SES in the same second. The legal date
 * stays the day itself: a step that wakes on `until` acts on `until`.
 */
export const WAKE_WINDOW = { fromHour: 7, seconds: 3 * 3600 } as const;

/** The case's moment within the wake window, in seconds after its start (deterministic per case). */
export function wakeOffsetSeconds(caseId: string): number {
  return stableHash32(caseId) % WAKE_WINDOW.seconds;
}

export interface StepResult {
  route: DunningRoute;
  wait: PlannedWait | null;
}

/** The wait until the case's wake-up moment on `until` (the start of that day when no case is named). */
export function plannedWait(until: CalendarDate, now: Date, caseId?: string): PlannedWait {
  const offsetMs =
    caseId === undefined ? 0 : (WAKE_WINDOW.fromHour * 3600 + wakeOffsetSeconds(caseId)) * 1000;
  const ms = startOfDayInAmsterdam(until).getTime() + offsetMs - now.getTime();
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

/**
 * Where dunning stands for a case today, and until when the workflow waits if it waits. A dispute
 * pause routes before a hold: the dispute's review runs while the creditor holds the case.
 */
export function nextRoute(c: Case, now: Date, today: CalendarDate, policy: DunningPolicy): StepResult {
  const waitUntil = (route: DunningRoute, until: CalendarDate): StepResult => ({
    route,
    wait: plannedWait(until < today ? today : until, now, c.caseId),
  });
  if (c.stage === 'paid') return { route: CaseRoute.Paid, wait: null };
  if (c.stage === 'handed-off') return { route: CaseRoute.HandedOff, wait: null };
  if (isClosedStage(c.stage)) return { route: CaseRoute.Closed, wait: null };
  const dispute = disputePauseOf(c);
  if (dispute) {
    const status = c.disputes.find((d) => d.disputeId === dispute.disputeId)?.status;
    if (status === 'awaiting-reviewer') {
      // A hold with an end date, in force beside the dispute, still ends on that date.
      const escalation = nextEscalation(c, dispute.disputeId, today, policy);
      const holdEnds = holdOf(c)?.until;
      return waitUntil(CaseRoute.AwaitReviewer, holdEnds && holdEnds < escalation ? holdEnds : escalation);
    }
    return { route: CaseRoute.ReviewDispute, wait: null };
  }
  const hold = holdOf(c);
  if (hold) return waitUntil(CaseRoute.AwaitRelease, hold.until ?? addDays(today, policy.openHoldReviewDays));
  switch (c.stage) {
    case 'opened':
      return waitUntil(CaseRoute.AwaitReminderDay, c.schedule.reminderOn ?? today);
    case 'reminded':
      return waitUntil(CaseRoute.AwaitDemandDay, c.schedule.demandOn ?? today);
    case 'demanded':
      return waitUntil(CaseRoute.AwaitDemandTerm, c.schedule.handoffOn ?? today);
    case 'handing-off':
      return { route: CaseRoute.DeliverDossier, wait: null };
  }
}

/** The next day an undecided review escalates: every N working days after it started waiting. */
export function nextEscalation(
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
