/**
 * Done-when check of issue 11 (letters): every letter kind, rendered for a consumer and for a business the way
 * the workflow renders it (the claim from the rules engine, the reasons from the rules' own decision, recorded
 * through the lifecycle), reads Dutch only, has tables that add up, and never claims collection costs the
 * claim says are not yet due.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/config/settings.ts';
import type { Case, Dispute } from '../../../shared/domain/case.ts';
import { claimOfCase } from '../../../shared/domain/case-claim.ts';
import { lifecycleContext, transition } from '../../../shared/domain/lifecycle.ts';
import { LETTER_KINDS, type LetterKind } from '../../../shared/domain/vocabulary.ts';
import { checkLetterBeforeSending } from '../../../shared/letters/check.ts';
import type { LetterInput } from '../../../shared/letters/letter-model.ts';
import { renderLetter } from '../../../shared/letters/render.ts';
import type { RenderedLetter } from '../../../shared/ports/letter-delivery.ts';
import { collectionCosts } from '../../../shared/rules/costs.ts';
import { demandTerm } from '../../../shared/rules/demand-term.ts';
import type { Reason } from '../../../shared/rules/reason.ts';
import { letterAmounts, letterCreditor } from '../../../shared/use-cases/case-support.ts';
import { decideDisputeByRules } from '../../../shared/use-cases/dispute-review.ts';
import { consumerCase } from './letter-fixtures.ts';

const settings = DEFAULT_SETTINGS;
const creditor = letterCreditor(settings);
const ctx = (day: string) => lifecycleContext(new Date(`${day}T09:00:00Z`), settings);

/** Every operator text of every reason the rules gave in this file: none may reach a Dutch letter. */
const englishReasonTexts = new Set<string>();
const remember = (reasons: Reason[]) => {
  for (const r of reasons) englishReasonTexts.add(r.text);
  return reasons;
};

/** Words and forms that only an English sentence, an English amount or a raw code would put in a letter. */
const ENGLISH_MARKERS =
  /\b(the|and|with|notice|owed|invoice|payment|withdrawal|cancellation|consumer|trader|business|period|reviewer|dispute|costs|interest|principal|unpaid|days|which|must|cents|voidable|registered-post|in-person|off-premises|on-premises|online|needs-review)\b|EUR \d|\b\d{4}-\d{2}-\d{2}\b/i;

function decide(c: Case, d: Dispute, on: string): Case {
  const withDispute = { ...c, disputes: [...c.disputes, d], stage: c.stage };
  const decision = decideDisputeByRules(withDispute, d);
  remember(decision.reasons);
  const verdict = {
    by: 'rules' as const,
    verdict: decision.verdict,
    reasons: decision.reasons,
    decidedOn: on,
  };
  const event = decision.upheld
    ? { ...decision.upheld, verdict }
    : {
        type: 'dispute-decided-by-rules' as const,
        disputeId: d.disputeId,
        verdict,
        outcome: 'rejected' as const,
        entryType: 'dispute-rejected',
        summary: 'rejected',
      };
  return transition(withDispute, event, ctx(on)).case;
}

const dispute = (kind: Dispute['kind'], evidence: Dispute['evidence'], raisedOn: string): Dispute => ({
  disputeId: `${kind}-1`,
  kind,
  raisedOn,
  statement: kind === 'withdrawal' ? 'Ik heb binnen de bedenktijd herroepen.' : 'Ik heb opgezegd.',
  evidence,
  status: 'open',
});

/** One debtor's letters, each from the case as the workflow would hold it on the letter's date. */
function lettersOf(debtorKind: 'consumer' | 'business'): { input: LetterInput; current: Case }[] {
  const business = debtorKind === 'business';
  const base = consumerCase({
    debtor: {
      kind: debtorKind,
      name: business ? 'Bouwbedrijf Jansen B.V.' : 'J. de Vries',
      address: { street: 'Kerkstraat 12', postalCode: '1017 GB', city: 'Amsterdam', country: 'NL' },
      email: 'administratie@example.nl',
      ...(business ? { contactPerson: 'mevrouw Jansen' } : {}),
    },
    contract: {
      reference: 'ED-2024-7781',
      subject: 'service',
      channel: 'off-premises',
      concludedVia: 'in-person',
      concludedOn: '2024-10-01',
      priceCents: 42_000,
      coolingOffInformedOn: '2024-10-01',
      cancellationTerms: {
        requiredForm: 'written',
        acceptedChannels: ['post'],
        noticePeriodMonths: 1,
        initialTermMonths: 0,
        tacitRenewal: false,
        clauseText: 'Artikel 9.2: Opzeggen kan alleen per brief, met een opzegtermijn van een maand.',
      },
    },
    invoices: [
      { number: 'F-2025-0012', amountCents: 15_000, issuedOn: '2025-01-02', dueOn: '2025-01-16' },
      {
        number: 'F-2025-0047',
        amountCents: 20_000,
        issuedOn: '2025-02-01',
        dueOn: '2025-02-15',
        periodStart: '2025-02-01',
        periodEnd: '2025-02-28',
      },
    ],
    payments: [
      { reference: 'bank-1', amountCents: 5_000, paidOn: '2025-02-10', receivedAt: '2025-02-10T10:00:00Z' },
    ],
    stage: 'opened',
  });
  const input = (kind: LetterKind, c: Case, date: string, extra: Partial<LetterInput> = {}): LetterInput => ({
    kind,
    letterId: `${c.caseId}-${kind}`,
    date,
    creditor,
    case: c,
    amounts: letterAmounts(claimOfCase(c, date, settings)),
    ...extra,
  });
  const letters: { input: LetterInput; current: Case }[] = [];
  const add = (i: LetterInput) => letters.push({ input: i, current: i.case });

  // Reminder, then the demand (14-day letter for a consumer).
  add(input('reminder', { ...base, stage: 'opened' }, '2025-02-20', { payBy: '2025-03-03' }));
  const term = demandTerm('2025-03-03');
  const demanded: Case = { ...base, stage: 'reminded' };
  if (business) {
    add(input('demand', demanded, '2025-03-03', { payBy: term.lastDayToPay }));
  } else {
    const asked = input('fourteen-day-letter', demanded, '2025-03-03');
    add({
      ...asked,
      demandTerm: term,
      costsIfUnpaidCents: collectionCosts({
        debtor: 'consumer',
        principalCents: asked.amounts.principalCents,
      }).costsCents,
      vatStatement: false,
    });
  }
  const afterDemand: Case = {
    ...base,
    stage: 'demanded',
    schedule: { ...base.schedule, demandTerm: business ? null : term },
  };

  // A cancellation by phone against a clause that asks for a letter (another mode): rejected, clause quoted.
  const rejected = decide(
    afterDemand,
    dispute(
      'cancellation',
      {
        cancellation: {
          noticeSentOn: '2025-03-05',
          noticeReceivedOn: '2025-03-05',
          channel: 'email',
          confirmedByTrader: false,
        },
      },
      '2025-03-06',
    ),
    '2025-03-06',
  );
  add(input('dispute-rejection', rejected, '2025-03-06', { disputeId: 'cancellation-1' }));

  // A cancellation by letter, as the clause asks: valid, February owed pro rata.
  const cancelled = decide(
    afterDemand,
    dispute(
      'cancellation',
      {
        cancellation: {
          noticeSentOn: '2025-01-10',
          noticeReceivedOn: '2025-01-13',
          channel: 'post',
          confirmedByTrader: true,
        },
      },
      '2025-03-06',
    ),
    '2025-03-06',
  );
  const cancellation = cancelled.disputes[0] as Dispute;
  add(
    input('cancellation-confirmation', cancelled, '2025-03-06', {
      disputeId: cancellation.disputeId,
      reasons: cancellation.verdict?.reasons ?? [],
      effectiveOn: '2025-02-12',
    }),
  );

  // A withdrawal: a consumer's valid one closes the case; a business has no such right (rejection).
  const recent: Case = {
    ...afterDemand,
    contract: { ...(afterDemand.contract as NonNullable<Case['contract']>), concludedOn: '2025-01-02' },
  };
  const withdrawn = decide(
    recent,
    dispute('withdrawal', { withdrawalNotice: { sentOn: '2025-01-10', channel: 'post' } }, '2025-01-13'),
    '2025-02-12',
  );
  const withdrawal = withdrawn.disputes[0] as Dispute;
  add(
    input(business ? 'dispute-rejection' : 'withdrawal-confirmation', withdrawn, '2025-02-12', {
      disputeId: withdrawal.disputeId,
      reasons: withdrawal.verdict?.reasons ?? [],
    }),
  );

  // Handed off to the agency.
  const handedOff: Case = {
    ...afterDemand,
    stage: 'handed-off',
    handoff: { agencyReference: 'IB-2025-778', handedOffOn: '2025-03-24' },
  };
  add(
    input('handoff-notice', handedOff, '2025-03-24', {
      agencyName: settings.letters.agencyName,
      agencyContact: settings.letters.agencyContact,
    }),
  );
  return letters;
}

const euroCents = (text: string): number | null => {
  const m = /€\s*(-?)([\d.]+),(\d{2})/.exec(text);
  if (!m) return null;
  return (m[1] ? -1 : 1) * (Number((m[2] as string).replace(/\./g, '')) * 100 + Number(m[3]));
};

/** The tables of a rendered letter: rows of cells, the header row first. */
function tablesOf(letter: RenderedLetter): string[][][] {
  return [...letter.html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map((t) =>
    [...(t[1] as string).matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
      [...(row[1] as string).matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) =>
        (c[1] as string).replace(/<[^>]+>/g, ''),
      ),
    ),
  );
}

/**
 * Checks that every table with a total adds up: the amounts (last column) above a "Totaal ..." or "Nu te
 * betalen" row sum to it; a subtotal ("Totaal hoofdsom") replaces the rows it sums. Returns the final totals.
 */
function checkTablesAddUp(letter: RenderedLetter): number[] {
  const totals: number[] = [];
  for (const table of tablesOf(letter)) {
    let running = 0;
    for (const row of table.slice(1)) {
      const label = row[0] ?? '';
      const amount = euroCents(row.at(-1) ?? '');
      if (amount === null) continue;
      if (/^(Totaal|Nu te betalen)/.test(label)) {
        expect(amount, `${letter.kind}: "${label}"`).toBe(running);
        running = amount;
        if (!/^Totaal hoofdsom/.test(label)) totals.push(amount);
      } else {
        running += amount;
      }
    }
  }
  return totals;
}

describe.each(['consumer', 'business'] as const)('every letter a %s receives', (debtorKind) => {
  const letters = lettersOf(debtorKind);

  it('covers every letter kind the product sends this debtor, and each passes the check before sending', () => {
    const kinds = new Set(letters.map((l) => l.input.kind));
    const expected = LETTER_KINDS.filter((k) =>
      debtorKind === 'consumer'
        ? k !== 'demand'
        : k !== 'fourteen-day-letter' && k !== 'withdrawal-confirmation',
    );
    expect([...kinds].sort()).toEqual([...expected].sort());
    for (const { input, current } of letters)
      expect(checkLetterBeforeSending(input, current), input.kind).toEqual({ ok: true });
  });

  it.each(letters.map((l) => [l.input.kind, l] as const))('%s reads Dutch only', (_kind, { input }) => {
    const letter = renderLetter(input);
    expect(englishReasonTexts.size).toBeGreaterThan(0);
    for (const sentence of englishReasonTexts) expect(letter.text).not.toContain(sentence);
    // The letter's id is a technical key (`<caseId>-<kind>`), not a sentence: the one line left out.
    for (const line of letter.text.split('\n').filter((l) => !l.startsWith('Kenmerk brief: ')))
      expect(line, `${input.kind}: ${line}`).not.toMatch(ENGLISH_MARKERS);
    expect(letter.subject).not.toMatch(ENGLISH_MARKERS);
  });

  it.each(letters.map((l) => [l.input.kind, l] as const))(
    '%s: salutation by contact person or "heer/mevrouw", never the company name',
    (_kind, { input }) => {
      const text = renderLetter(input).text;
      expect(text).toContain(
        debtorKind === 'business' ? '\nGeachte mevrouw Jansen,\n' : '\nGeachte heer/mevrouw,\n',
      );
      expect(text).not.toContain(`Geachte ${input.case.debtor.name}`);
    },
  );

  it.each(letters.map((l) => [l.input.kind, l] as const))(
    '%s: every table adds up to what is owed',
    (_kind, { input }) => {
      const letter = renderLetter(input);
      const totals = checkTablesAddUp(letter);
      if (input.amounts.totalCents > 0 && input.kind !== 'withdrawal-confirmation')
        expect(totals, input.kind).toContain(input.amounts.totalCents);
    },
  );

  it.each(letters.map((l) => [l.input.kind, l] as const))(
    '%s: states collection costs in its table only when the claim says they are due, at the claim’s amount',
    (_kind, { input }) => {
      const claim = claimOfCase(input.case, input.date, settings);
      const rows = tablesOf(renderLetter(input))
        .flat()
        .filter((r) => /incassokosten/i.test(r[0] ?? ''));
      if (claim.costs.status === 'due' && claim.costsCents > 0) {
        expect(rows.map((r) => euroCents(r.at(-1) ?? ''))).toEqual([claim.costsCents]);
      } else {
        expect(rows).toEqual([]);
      }
    },
  );
});

describe('the letters of the done-when check say what the issue asks', () => {
  const consumer = lettersOf('consumer');
  const business = lettersOf('business');
  const text = (letters: typeof consumer, kind: LetterKind, n = 0) =>
    renderLetter((letters.filter((l) => l.input.kind === kind)[n] as (typeof consumer)[number]).input).text;

  it('a rejected cancellation quotes the contract clause it did not meet', () => {
    for (const letters of [consumer, business])
      expect(text(letters, 'dispute-rejection')).toContain(
        'De bepaling over opzeggen in uw overeenkomst ED-2024-7781 luidt: "Artikel 9.2: Opzeggen kan alleen per brief, met een opzegtermijn van een maand."',
      );
  });

  it('the withdrawal confirmation says payments come back within 14 days (6:230r)', () => {
    expect(text(consumer, 'withdrawal-confirmation')).toContain(
      'U heeft ons € 50,00 betaald. Dat bedrag betalen wij u terug binnen 14 dagen na de dag waarop wij uw herroeping ontvingen (art. 6:230r BW).',
    );
  });

  it('the handoff notice says "uit handen gegeven", names the agency with its contact details and the references', () => {
    const notice = text(consumer, 'handoff-notice');
    expect(notice).toContain('uit handen gegeven aan incassobureau Incassobureau Voorbeeld');
    expect(notice).not.toMatch(/overgedragen|overdracht/i);
    const a = DEFAULT_SETTINGS.letters.agencyContact;
    for (const detail of [a.street, `${a.postalCode} ${a.city}`, a.phone, a.email])
      expect(notice).toContain(detail);
    expect(notice).toContain(
      'het kenmerk IB-2025-778 van Incassobureau Voorbeeld en ons dossiernummer case-0001',
    );
  });

  it('a business reminder lists the costs line the claim has, and its total includes it', () => {
    const reminder = business.find((l) => l.input.kind === 'reminder')?.input as LetterInput;
    const claim = claimOfCase(reminder.case, reminder.date, settings);
    const letter = renderLetter(reminder);
    if (claim.costsCents > 0) {
      expect(letter.text).toMatch(/Buitengerechtelijke incassokosten\s+€ \d/);
      expect(letter.text).toContain('Besluit vergoeding voor buitengerechtelijke incassokosten');
    }
    expect(checkTablesAddUp(letter)).toEqual([claim.totalCents]);
  });
});
