import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as sendReminderHandler } from '../../functions/workflow/send-reminder.ts';
import { isEngineKind } from '../../local/dynamodb/engines.ts';
import { LocalApp } from '../../local/local-app.ts';
import { actionInstant } from '../../local/scenario.ts';
import type { LetterDelivery, RenderedLetter } from '../../shared/ports/letter-delivery.ts';

const engine = process.env.DYNAMODB_ENGINE ?? 'dynalite';

/** A letter service that is down for its first `failures` deliveries. */
class FlakyDelivery implements LetterDelivery {
  attempts = 0;
  constructor(
    private readonly inner: LetterDelivery,
    private failures: number,
  ) {}
  async deliver(letter: RenderedLetter) {
    this.attempts++;
    if (this.failures > 0) {
      this.failures--;
      throw new Error('letter service unavailable');
    }
    return this.inner.deliver(letter);
  }
}

const intake = {
  debtor: {
    kind: 'consumer',
    name: 'P. Visser',
    email: 'p.visser@example.nl',
    address: { street: 'Stationsweg 2', postalCode: '4321 ZX', city: 'Zwolle', country: 'NL' },
  },
  invoices: [{ number: 'RETRY-1', amountCents: 25_000, issuedOn: '2026-02-01', dueOn: '2026-02-15' }],
};

describe(`a step that fails and is retried (${engine})`, () => {
  let app: LocalApp;
  let flaky: FlakyDelivery;
  let caseId: string;

  beforeAll(async () => {
    if (!isEngineKind(engine)) throw new Error(`unknown DYNAMODB_ENGINE ${engine}`);
    app = await LocalApp.start({
      start: actionInstant('2026-03-02'),
      engine,
      outboxDir: mkdtempSync(path.join(tmpdir(), 'outbox-')),
    });
    flaky = new FlakyDelivery(app.deps.letters, 2);
    app.deps.letters = flaky;
    const opened = await app.api('POST', '/cases', intake);
    expect(opened.status).toBe(201);
    caseId = opened.body.caseId;
    await app.runtime.runUntil(actionInstant('2026-03-05'));
  }, 120_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('sends the reminder once and records it once, with the failed attempts visible', async () => {
    const c = await app.store.get(caseId);
    const reminderId = `${caseId}-reminder`;
    expect(flaky.attempts).toBe(3);
    expect(
      c?.chronology.filter((e) => e.type === 'letter-sent' && e.refs?.letterId === reminderId),
    ).toHaveLength(1);
    expect(c?.chronology.filter((e) => e.type === 'letter-delivery-failed')).toHaveLength(2);
    expect(c?.letters).toEqual([expect.objectContaining({ letterId: reminderId, status: 'delivered' })]);
    expect(readdirSync(app.outboxDir).filter((f) => f.startsWith(reminderId))).toEqual([
      `${reminderId}.html`,
      `${reminderId}.txt`,
    ]);
    // Kept before the first attempt and delivered as kept: the outbox has what the record's hash names.
    const kept = await app.store.getLetter(caseId, reminderId);
    expect(kept?.contentHash).toBe(c?.letters[0]?.contentHash);
    expect(readFileSync(path.join(app.outboxDir, `${reminderId}.html`), 'utf8')).toBe(kept?.html);
    const execution = app.runtime.describeExecution(caseId);
    expect(execution?.status).toBe('RUNNING');
    expect(execution?.currentState).toBe('AwaitDemandDay');
  });

  it('a repeated invocation of the same step appends nothing and sends nothing', async () => {
    const before = await app.store.get(caseId);
    const attempts = flaky.attempts;
    await sendReminderHandler({ caseId, executionName: caseId }, {} as never);
    const after = await app.store.get(caseId);
    expect(after?.chronology).toEqual(before?.chronology);
    expect(after?.letters).toEqual(before?.letters);
    expect(flaky.attempts).toBe(attempts);
    expect(readdirSync(app.outboxDir).filter((f) => f.startsWith(`${caseId}-reminder`))).toHaveLength(2);
  });

  it('a step for an unknown case fails with CaseNotFoundError and creates nothing', async () => {
    await expect(sendReminderHandler({ caseId: 'case-does-not-exist' }, {} as never)).rejects.toMatchObject({
      name: 'CaseNotFoundError',
    });
    expect(await app.store.get('case-does-not-exist')).toBeNull();
  });

  it('a malformed invoice is refused with the field named, and no case or workflow is created', async () => {
    const bad = {
      ...intake,
      invoices: [{ number: 'RETRY-2', amountCents: 12.5, issuedOn: '2026-02-01', dueOn: '2026-02-15' }],
    };
    const res = await app.api('POST', '/cases', bad);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ error: 'InvalidInputError', field: 'body.invoices.0.amountCents' });
    expect(app.runtime.listExecutions()).toHaveLength(1);
  });
});
