import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runErase } from '../../cli/erase-command.ts';
import { createCaseTable } from '../../local/dynamodb/case-table.ts';
import { startDynalite } from '../../local/dynamodb/engines.ts';
import { startLocalHttpServer } from '../../local/http-server.ts';
import type { LocalApp } from '../../local/local-app.ts';
import { createDynamoDbClient, DynamoDbCaseStore } from '../../shared/adapters/case-store.dynamodb.ts';
import type { Case } from '../../shared/domain/case.ts';
import { ERASED } from '../../shared/domain/retention.ts';
import { startOfDayInAmsterdam } from '../../shared/rules/calendar.ts';
import { aCase, anEntry } from '../support/case-fixture.ts';
import { startTestApp } from '../support/local-app.ts';

/** A case that ended paid on 2026-04-10: kept until 2034-01-01 (seven years after the end of 2026). */
function closedIn2026(caseId: string): Case {
  const c = aCase({ caseId });
  return {
    ...c,
    stage: 'paid',
    chronology: [
      ...c.chronology,
      anEntry({ id: 'paid', on: '2026-04-10', at: '2026-04-10T09:00:00.000Z', type: 'paid-in-full' }),
    ],
  };
}

describe('the local server honours the retention DynamoDB TTL enforces on AWS', () => {
  let app: LocalApp;
  beforeAll(async () => {
    app = await startTestApp('2026-05-01');
  });
  afterAll(async () => app?.stop());

  it('deletes a closed case once its retention ended, and keeps an open one and one whose retention runs', async () => {
    await app.store.create(closedIn2026('case-closed-2026'));
    const letter = {
      letterId: 'case-closed-2026-reminder',
      caseId: 'case-closed-2026',
      kind: 'reminder' as const,
      date: '2026-03-01',
      recipient: { name: 'J. de Vries', address: ['Oudegracht 12', '3511 AP Utrecht'] },
      subject: 'Betalingsherinnering',
      html: '<p>Herinnering</p>',
      text: 'Herinnering',
      contentHash: 'not-checked-here',
    };
    await app.store.keepLetter(letter, closedIn2026('case-closed-2026'));
    await app.store.create(aCase({ caseId: 'case-open' }));
    const server = await startLocalHttpServer({ app, port: 0, clock: 'manual' });
    try {
      await server.advanceTo(new Date('2033-12-31T12:00:00Z'));
      expect(await app.store.get('case-closed-2026')).not.toBeNull();
      expect(await app.store.getLetter('case-closed-2026', letter.letterId)).not.toBeNull();
      // Written in 2033, the same kind of case is kept seven years after the end of 2033.
      await app.store.create({ ...closedIn2026('case-closed-2033'), openedAt: '2033-06-01T09:00:00.000Z' });
      await server.advanceTo(startOfDayInAmsterdam('2034-01-01'));
      expect(await app.store.get('case-closed-2026')).toBeNull();
      // Its letters as sent carry its retention and go with it.
      expect(await app.store.getLetter('case-closed-2026', letter.letterId)).toBeNull();
      expect(await app.store.get('case-closed-2033')).not.toBeNull();
      expect(await app.store.get('case-open')).not.toBeNull();
    } finally {
      await server.close();
    }
  });
});

describe('an operator erases a closed case’s personal data from the command line', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'erase-'));

  beforeAll(async () => {
    // The data folder of a stopped `npm run serve`: dynalite's tables on disk and the virtual clock.
    const engine = await startDynalite(path.join(dataDir, 'dynamodb'));
    const client = createDynamoDbClient({ endpoint: engine.endpoint });
    // The table as the local app creates it, once it is ACTIVE (dynalite creates tables asynchronously).
    await createCaseTable(client, 'cases');
    const store = new DynamoDbCaseStore({ client, tableName: 'cases' });
    await store.create(closedIn2026('case-paid'));
    await store.create(aCase({ caseId: 'case-open' }));
    client.destroy();
    await engine.stop();
    writeFileSync(path.join(dataDir, 'clock.json'), JSON.stringify({ now: '2026-06-01T08:00:00.000Z' }));
  });

  async function stored(caseId: string): Promise<Case | null> {
    const engine = await startDynalite(path.join(dataDir, 'dynamodb'));
    try {
      const client = createDynamoDbClient({ endpoint: engine.endpoint });
      return await new DynamoDbCaseStore({ client, tableName: 'cases' }).get(caseId);
    } finally {
      await engine.stop();
    }
  }

  it('erases the name, address and e-mail, keeps the amounts, and records the erasure', async () => {
    const result = await runErase([
      'case-paid',
      '--basis',
      'debtor-request',
      '--operator',
      'ops-anna',
      '--data-dir',
      dataDir,
    ]);
    expect(result).toEqual({
      exitCode: 0,
      stdout: `${JSON.stringify({ caseId: 'case-paid', stage: 'paid', erasedOn: '2026-06-01' })}\n`,
    });
    const c = await stored('case-paid');
    expect(c?.debtor.name).toBe(ERASED);
    expect(JSON.stringify(c)).not.toContain('j.devries@example.nl');
    expect(c?.invoices).toEqual(closedIn2026('case-paid').invoices);
    expect(c?.chronology.at(-1)).toMatchObject({ type: 'personal-data-erased', actor: 'operator:ops-anna' });
  });

  it('refuses an open case (exit 2, the code on standard error) and changes nothing', async () => {
    const result = await runErase([
      'case-open',
      '--basis=no-longer-needed',
      '--operator=ops-anna',
      `--data-dir=${dataDir}`,
    ]);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/^STAGE_CONFLICT: case case-open is opened/);
    expect((await stored('case-open'))?.debtor.name).toBe('J. de Vries');
  });

  it('names what is wrong with the command', async () => {
    expect(
      await runErase(['case-paid', '--basis', 'because', '--operator', 'x', '--data-dir', dataDir]),
    ).toMatchObject({
      exitCode: 2,
      stderr: expect.stringMatching(/^INVALID_INPUT: basis: must be one of debtor-request, no-longer-needed/),
    });
    expect(await runErase(['case-paid'], {})).toMatchObject({
      exitCode: 2,
      stderr: expect.stringContaining('CASE_TABLE_NAME is not set'),
    });
    expect(await runErase([], {})).toMatchObject({ exitCode: 2, stderr: expect.stringContaining('usage:') });
  });
});
