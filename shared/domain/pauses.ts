import type { Case, CasePause, Dispute } from './case.ts';
import { isOpenDisputeStatus } from './vocabulary.ts';

export type HoldPause = Extract<CasePause, { kind: 'hold' }>;
export type DisputePause = Extract<CasePause, { kind: 'dispute' }>;

/** The creditor's hold in force, if any. */
export function holdOf(c: Pick<Case, 'pauses'>): HoldPause | null {
  return (c.pauses.find((p) => p.kind === 'hold') as HoldPause | undefined) ?? null;
}

/** The pause of the dispute under review, if any. */
export function disputePauseOf(c: Pick<Case, 'pauses'>): DisputePause | null {
  return (c.pauses.find((p) => p.kind === 'dispute') as DisputePause | undefined) ?? null;
}

/** The dispute not yet decided (at most one), if any. */
export function openDisputeOf(c: Pick<Case, 'disputes'>): Dispute | null {
  return c.disputes.find((d) => isOpenDisputeStatus(d.status)) ?? null;
}

export function withoutPause(c: Case, kind: CasePause['kind']): Case {
  return { ...c, pauses: c.pauses.filter((p) => p.kind !== kind) };
}
