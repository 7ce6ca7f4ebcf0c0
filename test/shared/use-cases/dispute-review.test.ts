import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/config/settings.ts';
import type { Case, Dispute } from '../../../shared/domain/case.ts';
import { lifecycleContext, transition } from '../../../shared/domain/lifecycle.ts';
import { decideDisputeByRules, type RulesDecision } from '../../../shared/use-cases/dispute-review.ts';
import { aCase } from '../../support/case-fixture.ts';

const now = new Date('2026-04-20T08:00:00Z');

/** The case after the rules' decision is recorded through the lifecycle. */
const decided = (c: Case, decision: RulesDecision, verdict: NonNullable<Dispute['verdict']>): Case => {
  if (!decision.upheld) throw new Error('the rules did not uphold the dispute');
  return transition(c, { ...decision.upheld, verdict }, lifecycleContext(now, DEFAULT_SETTINGS)).case;
};

const doorToDoor = (): Case =>
  aCase({
    contract: {
      reference: 'ENERGY-1',
      subject: 'service',
      channel: 'off-premises',
      concludedVia: 'in-person',
      concludedOn: '2026-04-02',
      priceCents: 144_000,
      coolingOffInformedOn: '2026-04-02',
    },
  });

const dispute = (overrides: Partial<Dispute>): Dispute => ({
  disputeId: 'dispute-1',
  kind: 'withdrawal',
  raisedOn: '2026-04-20',
  statement: 'test',
  evidence: {},
  status: 'open',
  ...overrides,
});

describe('dispute review by the rules', () => {
  it('a withdrawal posted on the last day of the cooling-off period is valid and closes the case as withdrawn', () => {
    const c = doorToDoor();
    const d = dispute({ evidence: { withdrawalNotice: { sentOn: '2026-04-16', channel: 'post' } } });
    const decision = decideDisputeByRules({ ...c, disputes: [d] }, d);
    expect(decision.verdict).toBe('valid');
    const after = decided({ ...c, disputes: [d] }, decision, {
      by: 'rules',
      verdict: 'valid',
      reasons: [],
      decidedOn: '2026-04-20',
    });
    expect(after.stage).toBe('withdrawn');
    expect(after.disputes[0]?.status).toBe('upheld');
    expect(after.chronology.at(-1)?.type).toBe('withdrawal-accepted');
  });

  it('a withdrawal posted the day after the period ended is invalid, with the article named', () => {
    const c = doorToDoor();
    const d = dispute({ evidence: { withdrawalNotice: { sentOn: '2026-04-17', channel: 'post' } } });
    const decision = decideDisputeByRules({ ...c, disputes: [d] }, d);
    expect(decision.verdict).toBe('invalid');
    expect(decision.reasons.map((r) => r.article).join(' ')).toMatch(/6:230/);
  });

  it('a withdrawal without a sending date goes to a person', () => {
    const c = doorToDoor();
    const d = dispute({});
    expect(decideDisputeByRules(c, d).verdict).toBe('needs-review');
  });

  it('a consumer who cancelled by phone a contract concluded by phone is released, even if the clause asks for writing', () => {
    const base = aCase();
    const c = aCase({
      contract: {
        ...(base.contract as NonNullable<Case['contract']>),
        concludedVia: 'phone',
        cancellationTerms: {
          requiredForm: 'written',
          acceptedChannels: ['email', 'post'],
          noticePeriodMonths: 1,
          initialTermMonths: 0,
          tacitRenewal: false,
        },
      },
      invoices: [
        {
          number: 'INV-FEB',
          amountCents: 3_100,
          issuedOn: '2026-02-01',
          dueOn: '2026-02-15',
          periodStart: '2026-02-01',
          periodEnd: '2026-02-28',
        },
      ],
    });
    const d = dispute({
      kind: 'cancellation',
      evidence: {
        cancellation: {
          noticeSentOn: '2025-12-10',
          noticeReceivedOn: '2025-12-10',
          channel: 'phone',
          confirmedByTrader: true,
        },
      },
    });
    const decision = decideDisputeByRules({ ...c, disputes: [d] }, d);
    expect(decision.verdict).toBe('valid');
    const after = decided({ ...c, disputes: [d] }, decision, {
      by: 'rules',
      verdict: 'valid',
      reasons: [],
      decidedOn: '2026-04-20',
    });
    // Ended on 2026-01-09: nothing is owed for February.
    expect(after.invoices[0]?.amountCents).toBe(0);
    expect(after.stage).toBe('cancelled');
  });

  it('a non-performance dispute always waits for a person, who is told what to check', () => {
    const c = aCase({ debtor: { ...aCase().debtor, kind: 'business' } });
    const d = dispute({ kind: 'non-performance' });
    const decision = decideDisputeByRules(c, d);
    expect(decision.verdict).toBe('needs-review');
    expect(decision.reasons[0]?.article).toContain('6:262');
  });
});
