import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/rules/calendar.ts';
import { consumerIntake, LocalApi } from './support/local-api.ts';

/**
 * Intake refuses what the rules could not carry through to the end of a case's life, before anything is
 * claimed: the same invoice numbers open a case afterwards as if the refused request had never come.
 */
describe('intake refuses what cannot be carried through', () => {
  let api: LocalApi;

  beforeAll(async () => {
    api = await LocalApi.start();
  });

  afterAll(async () => {
    await api?.stop();
  });

  async function opensAfterwards(intake: ReturnType<typeof consumerIntake>) {
    const res = await api.post('/cases', intake);
    expect(res.status).toBe(201);
    return res;
  }

  it('an invoice due before the statutory interest table starts is refused, naming the field', async () => {
    const intake = consumerIntake(await api.today());
    const old = {
      ...intake,
      invoices: [{ ...intake.invoices[0], issuedOn: '2015-05-01', dueOn: '2015-06-01' }],
    };
    const res = await api.post('/cases', old);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: 'INVALID_INPUT', field: 'body.invoices.0.dueOn' });
    expect(res.body.message).toContain('2015-07-01');
    await opensAfterwards(intake);
  });

  it('a claim already time-barred is refused with the article', async () => {
    const today = await api.today();
    const intake = consumerIntake(today);
    const barred = {
      ...intake,
      invoices: [
        { ...intake.invoices[0], issuedOn: addDays(today, -6 * 365), dueOn: addDays(today, -6 * 365 + 14) },
      ],
    };
    const res = await api.post('/cases', barred);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ field: 'body.invoices.0.dueOn' });
    expect(res.body.message).toContain('3:307');
  });

  it('a name longer than a letter can carry is refused (400), bodies of 300 KB and 900 KB with 413, all before anything is claimed', async () => {
    const intake = consumerIntake(await api.today());
    const long = await api.post('/cases', {
      ...intake,
      debtor: { ...intake.debtor, name: 'x'.repeat(5_000) },
    });
    expect(long.status).toBe(400);
    expect(long.body).toMatchObject({ code: 'INVALID_INPUT', field: 'body.debtor.name' });
    for (const length of [300_000, 900_000]) {
      const huge = await api.post('/cases', {
        ...intake,
        debtor: { ...intake.debtor, name: 'x'.repeat(length) },
      });
      expect(huge.status).toBe(413);
      expect(huge.body).toMatchObject({ code: 'REQUEST_TOO_LARGE' });
    }
    await opensAfterwards(intake);
  });

  it('the same invoice numbers with another amount or debtor are a conflict naming the field; with the same facts, the existing case', async () => {
    const intake = consumerIntake(await api.today());
    const first = await opensAfterwards(intake);
    const again = await api.post('/cases', intake);
    expect(again.status).toBe(200);
    expect(again.body.caseId).toBe(first.body.caseId);
    const otherAmount = { ...intake, invoices: [{ ...intake.invoices[0], amountCents: 9_999 }] };
    const conflict = await api.post('/cases', otherAmount);
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({ code: 'INTAKE_CONFLICT', field: 'body.invoices.0.amountCents' });
    const otherDebtor = { ...intake, debtor: { ...intake.debtor, name: 'K. Jansen' } };
    expect((await api.post('/cases', otherDebtor)).body).toMatchObject({ field: 'body.debtor.name' });
    expect((await api.stored(first.body.caseId)).invoices[0]?.amountCents).toBe(
      intake.invoices[0].amountCents,
    );
  });

  it('answers what it refuses as the OpenAPI document says', () => {
    expect(api.contractProblems).toEqual([]);
  });
});
