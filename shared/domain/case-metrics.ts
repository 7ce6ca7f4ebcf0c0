import type { Case } from './case.ts';
import { type CaseMetricName, DECIDED_DISPUTE_STATUSES } from './vocabulary.ts';

/**
 * One data point of an operational metric: a count (or, for ReviewEscalations, how many times the review
 * has now been escalated), with at most one dimension from a small fixed list (a letter kind, a dispute
 * kind, a decision). Ids and personal data never become dimensions.
 */
export interface CaseMetric {
  name: CaseMetricName;
  value: number;
  dimension?: { name: 'LetterKind' | 'DisputeKind' | 'Decision'; value: string };
}

/** What the metrics compare between two versions of a case: small, so it is cheap to keep per read. */
export interface CaseFacts {
  stage: Case['stage'];
  letters: Record<string, { kind: string; status: string }>;
  disputes: Record<string, { kind: string; status: string }>;
  /** review-escalated entries per dispute id. */
  escalations: Record<string, number>;
  failures: number;
}

export function caseFacts(c: Case): CaseFacts {
  const escalations: Record<string, number> = {};
  let failures = 0;
  for (const e of c.chronology) {
    if (e.type === 'review-escalated') {
      const id = e.refs?.disputeId ?? '';
      escalations[id] = (escalations[id] ?? 0) + 1;
    } else if (e.type === 'step-failed') failures++;
  }
  return {
    stage: c.stage,
    letters: Object.fromEntries(c.letters.map((l) => [l.letterId, { kind: l.kind, status: l.status }])),
    disputes: Object.fromEntries(c.disputes.map((d) => [d.disputeId, { kind: d.kind, status: d.status }])),
    escalations,
    failures,
  };
}

const DECIDED: ReadonlySet<string> = new Set(DECIDED_DISPUTE_STATUSES);

/**
 * The metrics a write from `before` (null: the case is new) to `after` amounts to. Derived from the
 * record, not from the code path that wrote it, so every function counts the same things the same way
 * and a retried write that changes nothing counts nothing.
 */
export function caseMetrics(before: CaseFacts | null, after: CaseFacts): CaseMetric[] {
  const out: CaseMetric[] = [];
  if (before === null) out.push({ name: 'CasesOpened', value: 1 });
  for (const [id, l] of Object.entries(after.letters)) {
    if (l.status === 'delivered' && before?.letters[id]?.status !== 'delivered')
      out.push({ name: 'LettersSent', value: 1, dimension: { name: 'LetterKind', value: l.kind } });
  }
  for (const [id, d] of Object.entries(after.disputes)) {
    const was = before?.disputes[id];
    if (!was)
      out.push({ name: 'DisputesRaised', value: 1, dimension: { name: 'DisputeKind', value: d.kind } });
    if (DECIDED.has(d.status) && !DECIDED.has(was?.status ?? ''))
      out.push({ name: 'DisputesDecided', value: 1, dimension: { name: 'Decision', value: d.status } });
  }
  for (const [id, count] of Object.entries(after.escalations)) {
    if (count > (before?.escalations[id] ?? 0)) {
      out.push({ name: 'ReviewsEscalated', value: 1 });
      out.push({ name: 'ReviewEscalations', value: count });
    }
  }
  if (after.stage !== before?.stage) {
    if (after.stage === 'handed-off') out.push({ name: 'HandoffsCompleted', value: 1 });
    if (after.stage === 'handoff-failed') out.push({ name: 'HandoffsFailed', value: 1 });
  }
  if (after.failures > (before?.failures ?? 0)) out.push({ name: 'CaseFailures', value: 1 });
  return out;
}
