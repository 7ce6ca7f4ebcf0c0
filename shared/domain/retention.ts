/**
 * How long a case's record is kept, and what erasing its personal data leaves. Pure. The policy and its
 * sources: README "Personal data and retention" and docs/data-model.md.
 */
import { type CalendarDate, startOfDayInAmsterdam } from '../rules/calendar.ts';
import type { Case, ChronologyEntry } from './case.ts';
import { isClosedStage } from './vocabulary.ts';

/**
 * The retention of a closed case's record, personal data included unless erased earlier: seven years
 * after the end of the year of the case's last event. The seven years are the fiscal retention of the
 * administration (art. 52 lid 4 AWR); they also outlast the limitation of the claim (5 years, art. 3:307
 * BW; consumer purchases 2 years, art. 7:28 BW) and of a claim to repay (5 years, art. 3:309 BW).
 */
export const RECORD_RETENTION = {
  yearsAfterYearOfLastEvent: 7,
  source: 'art. 52 lid 4 AWR (bewaarplicht, zeven jaren); art. 3:307, 3:309, 7:28 BW (verjaring)',
} as const;

/** The chronology entry (its id and type) that says a case's personal data was erased. */
export const PERSONAL_DATA_ERASED = 'personal-data-erased';

/** Whether the case's personal data was erased (then its kept letters lose their text too). */
export function isPersonalDataErased(c: Case): boolean {
  return c.chronology.some((e) => e.id === PERSONAL_DATA_ERASED);
}

/** What replaces an erased text. */
export const ERASED = '[verwijderd]';

/** The day the record of a closed case expires (DynamoDB TTL deletes it from then on); null while open. */
export function retentionEndsOn(c: Case): CalendarDate | null {
  if (!isClosedStage(c.stage)) return null;
  const last = c.chronology.reduce((latest, e) => (e.on > latest ? e.on : latest), c.openedAt.slice(0, 10));
  const year = Number(last.slice(0, 4)) + RECORD_RETENTION.yearsAfterYearOfLastEvent + 1;
  return `${year}-01-01`;
}

/** The TTL attribute's value: Unix seconds of the start of `retentionEndsOn` in Amsterdam; null while open. */
export function retentionExpiresAt(c: Case): number | null {
  const on = retentionEndsOn(c);
  return on === null ? null : Math.floor(startOfDayInAmsterdam(on).getTime() / 1000);
}

/**
 * The case without its personal data: the debtor's name, street, postal code, city and e-mail, dispute
 * statements, correspondence summaries and usage descriptions, hold reasons, reviewers' notes, letter
 * recipients, and the free text of chronology entries (notes, failure messages). Kept: the debtor's kind
 * and country, the contract's facts, invoices, payments, amounts, dates, letters (kind, date, amounts,
 * content hash, status), disputes' kinds, verdicts and legal reasons, and the chronology's entries
 * (type, date, actor, reference ids): the amounts and the legal chronology.
 */
export function withoutPersonalData(c: Case): Case {
  return {
    ...c,
    debtor: {
      kind: c.debtor.kind,
      name: ERASED,
      address: { street: ERASED, postalCode: '', city: '', country: c.debtor.address.country },
    },
    pauses: c.pauses.map((p) => (p.kind === 'hold' ? { ...p, reason: ERASED } : p)),
    disputes: c.disputes.map((d) => ({
      ...d,
      statement: ERASED,
      evidence: {
        ...(d.evidence.withdrawalNotice ? { withdrawalNotice: d.evidence.withdrawalNotice } : {}),
        ...(d.evidence.cancellation ? { cancellation: d.evidence.cancellation } : {}),
        ...(d.evidence.usage ? { usage: { lastUsedOn: d.evidence.usage.lastUsedOn } } : {}),
        ...(d.evidence.correspondence
          ? { correspondence: d.evidence.correspondence.map((m) => ({ on: m.on, summary: ERASED })) }
          : {}),
      },
      ...(d.verdict
        ? {
            verdict: {
              ...d.verdict,
              // A reviewer's reason is their note, free text; the rules' reasons are legal texts.
              reasons: d.verdict.reasons.map((r) =>
                r.code.startsWith('REVIEWER_') ? { ...r, text: ERASED } : r,
              ),
            },
          }
        : {}),
    })),
    letters: c.letters.map((l) => ({ ...l, recipient: ERASED })),
    chronology: c.chronology.map(withoutFreeText),
  };
}

/** Chronology entries whose summary carries free text get the summary the lifecycle writes without it. */
function withoutFreeText(e: ChronologyEntry): ChronologyEntry {
  switch (e.type) {
    case 'hold-released':
      return { ...e, summary: 'Hold released' };
    case 'workflow-restarted':
      return { ...e, summary: `Workflow restarted as ${e.refs?.execution ?? ''}`.trim() };
    case 'step-failed':
      return { ...e, summary: `Step failed: ${e.refs?.error ?? 'unknown'}` };
    default:
      return e;
  }
}
