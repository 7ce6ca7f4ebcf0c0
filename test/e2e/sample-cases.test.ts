import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isEngineKind } from '../../local/dynamodb/engines.ts';
import { type EventsReceiver, startEventsReceiver } from '../../local/events-receiver.ts';
import { LocalApp } from '../../local/local-app.ts';
import type { BundleLogLine } from '../../local/runtime/bundle-invoker.ts';
import { DEMO_END, DEMO_START, SAMPLE_CASES } from '../../local/sample-cases.ts';
import { actionInstant, runSampleCases, type SampleOutcome } from '../../local/scenario.ts';
import { DEFAULT_SETTINGS } from '../../shared/config/settings.ts';
import { validateDossier } from '../../shared/dossier/validate.ts';
import { eventIdOf, publishesEvent } from '../../shared/events/derive.ts';
import { validateEvent } from '../../shared/events/validate.ts';
import { claimOfCase } from '../../shared/use-cases/case-support.ts';

const engine = process.env.DYNAMODB_ENGINE ?? 'dynalite';

/** Every free text about a debtor the sample cases carry: names, e-mail, address, statements, notes. */
function personalTexts(): string[] {
  const texts = new Set<string>();
  const freeText = (value: unknown) => {
    if (typeof value === 'string') {
      if (/[\s@]/.test(value.trim()) && value.length >= 6) texts.add(value);
    } else if (Array.isArray(value)) value.forEach(freeText);
    else if (value && typeof value === 'object') Object.values(value).forEach(freeText);
  };
  for (const sample of SAMPLE_CASES) {
    const debtor = sample.intake.debtor as {
      name: string;
      email?: string;
      address: { street: string; postalCode: string; city: string };
    };
    for (const text of [debtor.name, debtor.email, debtor.address.street, debtor.address.postalCode]) {
      if (text) texts.add(text);
    }
    texts.add(`${debtor.address.postalCode} ${debtor.address.city}`);
    for (const action of sample.actions) {
      if (action.do === 'dispute') freeText(action.body);
      if (action.do === 'decide') texts.add(action.note);
    }
  }
  return [...texts];
}

describe(`the sample cases run through the synthesized workflow on the deployed bundles (${engine})`, () => {
  let app: LocalApp;
  let outcomes: Map<string, SampleOutcome>;
  /** What the functions logged (at DEBUG, the most there is), and what this process printed meanwhile. */
  const functionLogs: BundleLogLine[] = [];
  const processOutput: string[] = [];
  let webhook: EventsReceiver;
  const eventsDir = mkdtempSync(path.join(tmpdir(), 'events-'));

  beforeAll(async () => {
    if (!isEngineKind(engine)) throw new Error(`unknown DYNAMODB_ENGINE ${engine}`);
    webhook = await startEventsReceiver({ secret: 'sample-events-secret' });
    const writes = { out: process.stdout.write, err: process.stderr.write };
    const capture =
      (write: typeof process.stdout.write, stream: NodeJS.WriteStream) =>
      (chunk: unknown, ...rest: unknown[]): boolean => {
        processOutput.push(String(chunk));
        return (write as (...a: unknown[]) => boolean).call(stream, chunk, ...rest);
      };
    process.stdout.write = capture(writes.out, process.stdout) as typeof process.stdout.write;
    process.stderr.write = capture(writes.err, process.stderr) as typeof process.stderr.write;
    // vitest routes console output around process.stdout: capture it as well.
    const consoleMethods = (['log', 'info', 'warn', 'error', 'debug'] as const).map((name) => {
      const original = console[name];
      console[name] = (...args: unknown[]) => {
        processOutput.push(args.map(String).join(' '));
        original(...args);
      };
      return () => {
        console[name] = original;
      };
    });
    try {
      app = await LocalApp.start({
        start: actionInstant(DEMO_START),
        mode: 'bundles',
        engine,
        outboxDir: mkdtempSync(path.join(tmpdir(), 'outbox-')),
        eventsDir,
        eventsWebhook: { url: webhook.url, secret: 'sample-events-secret' },
        logLevel: 'DEBUG',
        bundleLogs: (line) => functionLogs.push(line),
      });
      const results = await runSampleCases(app, SAMPLE_CASES, DEMO_END);
      outcomes = new Map(results.map((r) => [r.sample.key, r]));
    } finally {
      process.stdout.write = writes.out;
      process.stderr.write = writes.err;
      for (const restore of consoleMethods) restore();
    }
  }, 240_000);

  afterAll(async () => {
    await app?.stop();
    await webhook?.close();
  });

  const stored = async (key: string) => {
    const outcome = outcomes.get(key) as SampleOutcome;
    const c = await app.store.get(outcome.caseId);
    if (!c) throw new Error(`case ${outcome.caseId} is not in DynamoDB`);
    return { outcome, c, types: c.chronology.map((e) => e.type) };
  };

  it('every event of the sample cases is valid against its schema, published once per chronology entry, and reached the webhook signed', async () => {
    await app.events.settled();
    const types = new Set<string>();
    const expectedIds: string[] = [];
    for (const { caseId } of outcomes.values()) {
      const c = await app.store.get(caseId);
      if (!c) throw new Error(`case ${caseId} is not in DynamoDB`);
      expect(c.unpublished, caseId).toBeUndefined();
      const ids = c.chronology.filter(publishesEvent).map((e) => eventIdOf(caseId, e.id));
      const files = readdirSync(path.join(eventsDir, caseId)).filter((f) => f.endsWith('.json'));
      const published = files.map((f) => JSON.parse(readFileSync(path.join(eventsDir, caseId, f), 'utf8')));
      for (const event of published) {
        expect(validateEvent(event), `${event.id}`).toEqual({ ok: true, event });
        types.add(event.type);
      }
      expect(published.map((e) => e.id).sort()).toEqual([...ids].sort());
      for (const id of ids) expect(app.events.accepted.get(id), id).toBe(1);
      expectedIds.push(...ids);
    }
    expect(
      webhook
        .received()
        .map((e) => e.id)
        .sort(),
    ).toEqual(expectedIds.sort());
    expect(webhook.log().every((l) => l.status === 204)).toBe(true);
    expect([...types].sort()).toEqual(
      expect.arrayContaining([
        'case-opened',
        'letter-sent',
        'payment-received',
        'paid-in-full',
        'dispute-raised',
        'review-requested',
        'review-escalated',
        'dispute-decided',
        'handed-off',
      ]),
    );
  });

  it('every sample case ends in its expected state', () => {
    for (const sample of SAMPLE_CASES) {
      const outcome = outcomes.get(sample.key) as SampleOutcome;
      expect({ key: sample.key, stage: outcome.view.stage, workflow: outcome.execution?.status }).toEqual({
        key: sample.key,
        stage: sample.expected.stage,
        workflow: sample.expected.workflow,
      });
      if (sample.expected.waitingIn) expect(outcome.execution?.currentState).toBe(sample.expected.waitingIn);
    }
  });

  it('a consumer who never pays gets a reminder, then the 14-day letter, and is handed off once its term has passed', async () => {
    const { c, types } = await stored('never-pays');
    expect(types).toEqual(
      expect.arrayContaining([
        'case-opened',
        'workflow-started',
        'letter-sent',
        'handoff-prepared',
        'handed-off',
      ]),
    );
    const kinds = c.letters.map((l) => l.kind);
    expect(kinds).toEqual(['reminder', 'fourteen-day-letter', 'handoff-notice']);
    const letter = c.letters[1];
    const term = c.schedule.demandTerm;
    expect(term).not.toBeNull();
    const handedOffOn = c.chronology.find((e) => e.type === 'handed-off')?.on as string;
    expect(handedOffOn >= (term?.costsDueFrom as string)).toBe(true);
    expect(letter?.date).toBeDefined();
    expect(c.handoff?.agencyReference).toMatch(/\S+/);
    const received = app.agencyReceiver?.received().find((d) => d.caseId === c.caseId);
    expect(validateDossier(received)).toMatchObject({ ok: true });
    // The agency gets exactly the rules engine's claim on the handoff day.
    const claim = claimOfCase(c, c.handoff?.handedOffOn as string, DEFAULT_SETTINGS);
    expect(received?.claim.total.amountCents).toBe(claim.totalCents);
    expect(received?.claim.interest.amountCents).toBe(claim.interestCents);
    expect(received?.claim.costs.amountCents).toBe(4000);
    expect(received?.letters.map((l) => l.kind)).toEqual(['reminder', 'fourteen-day-letter']);
  });

  it("the consumer's 14-day letter states the principal per invoice, the exact costs and the statutory term", async () => {
    const { c } = await stored('never-pays');
    const letter = c.letters.find((l) => l.kind === 'fourteen-day-letter');
    const text = readFileSync(path.join(app.outboxDir, `${letter?.letterId}.txt`), 'utf8');
    expect(text).toMatch(/INV-2026-0101\s.*€ 89,00/);
    expect(text).toContain('binnen veertien dagen vanaf de dag nadat deze brief bij u is bezorgd');
    // BIK minimum for a principal of EUR 89.00 (DOMAIN.md example 1).
    expect(text).toContain('incassokosten verschuldigd van € 40,00');
    expect(text).not.toMatch(/btw/i);
  });

  it('a consumer who pays after the reminder ends paid, with no demand sent', async () => {
    const { c, types } = await stored('pays-after-reminder');
    expect(c.letters.map((l) => l.kind)).toEqual(['reminder']);
    expect(types.at(-1)).toBe('paid-in-full');
  });

  it('a business that pays part and then the rest ends paid after both payments', async () => {
    const { c, types } = await stored('business-pays-in-parts');
    expect(c.payments.map((p) => p.reference)).toEqual(['BANK-0103-1', 'BANK-0103-2']);
    expect(types).toContain('payment-received');
    expect(types).toContain('paid-in-full');
    expect(c.letters.map((l) => l.kind)).not.toContain('fourteen-day-letter');
  });

  it('a door-to-door customer who posted a withdrawal on the last cooling-off day owes nothing, though it arrived after the reminder', async () => {
    const { outcome, c, types } = await stored('door-to-door-withdrawal');
    expect(c.stage).toBe('withdrawn');
    expect(types).toContain('withdrawal-accepted');
    // No payment may be demanded inside the cooling-off period (ends Thu 2026-04-16).
    expect(c.schedule.dunningAllowedFrom).toBe('2026-04-17');
    expect(c.letters.map((l) => [l.kind, l.date])).toEqual([
      ['reminder', '2026-04-17'],
      ['withdrawal-confirmation', '2026-04-20'],
    ]);
    expect(outcome.view.amounts.totalCents).toBe(0);
  });

  it('a claimed phone cancellation against a written-only clause does not stop dunning', async () => {
    const { c, types } = await stored('phone-cancellation-kept-using');
    expect(types).toContain('dispute-raised');
    expect(c.disputes[0]?.status).toBe('rejected');
    // The record says why, with the contract clause it did not meet.
    const rejected = c.chronology.find((e) => e.type === 'dispute-rejected');
    expect(rejected?.refs?.reasons).toContain('NOTICE_FORM_NOT_MET');
    expect(rejected?.summary).toContain('written notice');
    expect(types.indexOf('dispute-raised')).toBeLessThan(types.indexOf('handed-off'));
  });

  it('a software-project client disputing over delays waits for a reviewer, with escalations recorded', async () => {
    const { outcome, c, types } = await stored('software-project-dispute');
    expect(c.pauses.map((p) => p.kind)).toEqual(['dispute']);
    expect(c.disputes[0]?.status).toBe('awaiting-reviewer');
    expect(types).toContain('review-requested');
    expect(types).toContain('review-escalated');
    // Operators are told of each escalation on the alerts topic (SNS), with ids and a count only.
    const escalations = c.chronology.filter((e) => e.type === 'review-escalated');
    const alerts = (app.bundles?.standIns.published ?? [])
      .map((p) => JSON.parse(p.message))
      .filter((m) => m.caseId === c.caseId);
    expect(alerts).toEqual(
      escalations.map((_, i) =>
        expect.objectContaining({
          alert: 'review-escalated',
          disputeId: c.disputes[0]?.disputeId,
          escalation: i + 1,
        }),
      ),
    );
    expect(JSON.stringify(alerts)).not.toContain(c.debtor.name);
    // Nothing is sent while the dispute is open.
    expect(c.letters.map((l) => l.kind)).toEqual(['reminder']);
    expect(c.letters.every((l) => l.date < (c.pauses[0]?.since as string))).toBe(true);
    expect(outcome.execution?.status).toBe('RUNNING');
  });

  it('logs no debtor name, address, e-mail, statement or note: those stay in the case record', () => {
    const texts = personalTexts();
    expect(texts).toEqual(expect.arrayContaining(['J. de Vries', 'j.devries@example.nl', 'Dorpsstraat 1']));
    expect(texts.some((t) => t.startsWith('Ik heb in januari telefonisch opgezegd'))).toBe(true);
    const logged = [...functionLogs.map((l) => l.line), ...processOutput].join('\n');
    // The capture worked: every function's steps logged (the paid case among them).
    expect(functionLogs.length).toBeGreaterThan(50);
    const found = texts.filter((t) => logged.toLowerCase().includes(t.toLowerCase()));
    expect(found).toEqual([]);
  });

  it('logs JSON lines with the case id, the workflow steps also the execution name; a paid case at info', () => {
    const lines = functionLogs.map((l) => ({ ...l, json: JSON.parse(l.line) as Record<string, unknown> }));
    const paid = outcomes.get('pays-after-reminder') as SampleOutcome;
    for (const { json } of lines.filter((l) => l.json.service === 'collections')) {
      expect(json).toMatchObject({ caseId: expect.any(String), level: expect.any(String) });
      if (json.message === 'step completed' || String(json.message).startsWith('step ')) {
        expect(json.executionName).toEqual(expect.stringMatching(new RegExp(`^${json.caseId}`)));
      }
    }
    const ofPaid = lines.filter((l) => l.json.caseId === paid.caseId);
    expect(ofPaid.some((l) => l.json.level === 'INFO' && l.json.route === 'paid')).toBe(true);
    expect(ofPaid.filter((l) => l.json.level === 'ERROR')).toEqual([]);
  });

  it('writes each letter to the outbox exactly once', () => {
    const files = readdirSync(app.outboxDir).filter((f) => f.endsWith('.html'));
    const letters = [...outcomes.values()].flatMap((o) => o.view.letters as { letterId: string }[]);
    expect(files.sort()).toEqual(letters.map((l) => `${l.letterId}.html`).sort());
  });
});
