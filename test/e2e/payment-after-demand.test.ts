import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEngineKind } from '../../local/dynamodb/engines.ts';
import { LocalApp } from '../../local/local-app.ts';
import { actionInstant } from '../../local/scenario.ts';
import type { Case } from '../../shared/domain/case.ts';

const engine = process.env.DYNAMODB_ENGINE ?? 'dynalite';

describe(`a consumer who pays part after the 14-day letter (${engine})`, () => {
  let app: LocalApp;
  let c: Case;
  let payment: { status: number };

  beforeAll(async () => {
    if (!isEngineKind(engine)) throw new Error(`unknown DYNAMODB_ENGINE ${engine}`);
    app = await LocalApp.start({
      start: actionInstant('2026-03-02'),
      engine,
      outboxDir: mkdtempSync(path.join(tmpdir(), 'outbox-')),
    });
    const opened = await app.api('POST', '/cases', {
      debtor: {
        kind: 'consumer',
        name: 'R. Smit',
        email: 'r.smit@example.nl',
        address: { street: 'Molenweg 3', postalCode: '7411 AB', city: 'Deventer', country: 'NL' },
      },
      invoices: [{ number: 'PART-1', amountCents: 30_000, issuedOn: '2026-02-01', dueOn: '2026-02-15' }],
    });
    const caseId = opened.body.caseId as string;
    // The 14-day letter goes out Mon 2026-03-16; its term runs through Wed 2026-04-01.
    app.runtime.at(actionInstant('2026-04-01'), async () => {
      payment = await app.api('POST', `/cases/${caseId}/payments`, {
        reference: 'BANK-PART-1',
        amountCents: 10_000,
        paidOn: '2026-04-01',
      });
    });
    await app.runtime.runUntil(actionInstant('2026-06-01'));
    c = (await app.store.get(caseId)) as Case;
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('is not handed off on the first term: a new 14-day letter goes out for the rest', () => {
    expect(payment.status).toBe(200);
    const types = c.chronology.map((e) => e.type);
    expect(types.indexOf('handoff-deferred')).toBeGreaterThan(-1);
    expect(types.indexOf('handoff-deferred')).toBeLessThan(types.indexOf('handoff-prepared'));
    expect(c.letters.map((l) => [l.kind, l.date])).toEqual([
      ['reminder', '2026-03-02'],
      ['fourteen-day-letter', '2026-03-16'],
      ['fourteen-day-letter', '2026-04-02'],
      ['handoff-notice', '2026-04-22'],
    ]);
  });

  it('the second letter demands the rest, with its own term over Easter 2026', () => {
    const second = c.letters[2];
    expect(second?.letterId).toBe(`${c.caseId}-fourteen-day-letter-2`);
    // The EUR 100 went first to the interest of 16 Feb - 1 Apr (45 days at 4%, the 2026 rate, on EUR 300 =
    // EUR 1.48, 6:44).
    expect(second?.amounts.principalCents).toBe(20_148);
    // Sent Thu 04-02: Good Friday, Sunday and Easter Monday do not count -> delivered Tue 04-07.
    // What the letter asked is kept with its term (6:96 lid 6 BW).
    expect(c.schedule.demandTerm).toEqual({
      deliveredOn: '2026-04-07',
      lastDayToPay: '2026-04-21',
      costsDueFrom: '2026-04-22',
      stated: { amountCents: second?.amounts.totalCents, sentOn: '2026-04-02' },
    });
    expect(c.stage).toBe('handed-off');
  });
});
