/** The real command-line tool, spawned as operations staff run it: JSON in on stdin, JSON out on stdout. */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(root, 'node_modules', '.bin', 'tsx');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], stdin: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const rules = (name: string, input: unknown, extra: string[] = []) =>
  run(
    tsx,
    ['cli/collections.ts', 'rules', name, ...extra],
    typeof input === 'string' ? input : JSON.stringify(input),
  );

describe.concurrent('collections rules, spawned', () => {
  it('npm run collections -- rules costs: EUR 30 costs EUR 48.40 with VAT', async () => {
    const r = await run(
      'npm',
      ['run', '--silent', 'collections', '--', 'rules', 'costs'],
      '{"debtor":"consumer","principalCents":3000,"vatUplift":true}',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      costsCents: 4_840,
      costsBeforeVatCents: 4_000,
      vatCents: 840,
    });
  });

  it('claim takes what the 14-day letter stated and a payment designation; a bad designation names its field', async () => {
    const input = {
      on: '2025-04-30',
      debtor: 'consumer',
      invoices: [{ number: 'F1', amountCents: 100_000, dueOn: '2025-01-31' }],
      payments: [
        { reference: 'p1', amountCents: 100_510, paidOn: '2025-03-18', designation: { invoices: ['F1'] } },
      ],
      costsDueFrom: '2025-03-20',
      demandStatement: { sentOn: '2025-03-03', amountCents: 100_510, lastDayToPay: '2025-03-19' },
    };
    const ok = await rules('claim', input);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      totalCents: 0,
      costsCents: 0,
      demandStatement: { met: true },
    });
    const bad = await rules('claim', {
      ...input,
      payments: [{ ...input.payments[0], designation: { invoices: ['F9'] } }],
    });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^invalid input: payments\[0\]\.designation\.invoices\[0\]: /);
  });

  it('collections rates lists the table and its coverage', async () => {
    const r = await run(tsx, ['cli/collections.ts', 'rates', '--json'], '');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.rates.at(-1)).toMatchObject({ effectiveFrom: '2026-01-01', statutory: { basisPoints: 400 } });
    expect(out.coverage).toMatchObject({ confirmedThrough: '2026-06-30', flaggedFrom: '2026-07-01' });
  });

  it('demand-deadline answers an array in the same order', async () => {
    const r = await rules('demand-deadline', [{ sentOn: '2025-03-07' }, { sentOn: '2025-03-03' }]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject([
      { deliveredOn: '2025-03-11', lastDayToPay: '2025-03-25', costsDueFrom: '2025-03-26' },
      { deliveredOn: '2025-03-05', lastDayToPay: '2025-03-19', costsDueFrom: '2025-03-20' },
    ]);
  });

  it('cooling-off gives applies, periodEnd, withdrawalInTime and reasons', async () => {
    const r = await rules('cooling-off', {
      buyer: 'consumer',
      channel: 'off-premises',
      subject: 'service',
      concludedOn: '2025-04-04',
      priceCents: 5_001,
      informedOn: '2025-04-04',
      noticeSentOn: '2025-04-22',
    });
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ applies: true, periodEnd: '2025-04-22', withdrawalInTime: true });
    expect(out.reasons[0]).toEqual(
      expect.objectContaining({
        code: expect.any(String),
        text: expect.any(String),
        article: expect.any(String),
      }),
    );
  });

  it('interest and allocate answer with the contract fields', async () => {
    const [interest, allocate] = await Promise.all([
      rules('interest', {
        kind: 'statutory',
        principalCents: 100_000,
        from: '2023-06-01',
        through: '2024-06-30',
      }),
      rules('allocate', {
        paymentCents: 50_000,
        costsCents: 15_000,
        interestCents: 2_000,
        principalCents: 100_000,
      }),
    ]);
    expect(JSON.parse(interest.stdout).interestCents).toBe(6_880);
    expect(JSON.parse(allocate.stdout)).toMatchObject({
      costsCents: 0,
      interestCents: 0,
      principalCents: 67_000,
      unallocatedCents: 0,
    });
  });

  it('cancellation reads its input from --input FILE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-cli-'));
    const file = join(dir, 'claim.json');
    writeFileSync(
      file,
      JSON.stringify({
        buyer: 'consumer',
        concludedOn: '2024-01-10',
        concludedVia: 'online',
        terms: {
          requiredForm: 'written',
          acceptedChannels: [],
          noticePeriodMonths: 1,
          initialTermMonths: 0,
          tacitRenewal: false,
        },
        claim: {
          noticeReceivedOn: '2025-03-07',
          noticeSentOn: '2025-03-07',
          channel: 'email',
          confirmedByTrader: true,
        },
        invoicePeriod: { start: '2025-04-01', end: '2025-04-30', amountCents: 3_000 },
      }),
    );
    const r = await run(tsx, ['cli/collections.ts', 'rules', 'cancellation', '--input', file], '');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      verdict: 'valid',
      effectiveEnd: '2025-04-06',
      owedCents: 600,
    });
  });

  it('bad input exits 2, names the field on stderr and prints nothing on stdout', async () => {
    const r = await rules('costs', { debtor: 'consumer', principalCents: '30.00' });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/principalCents/);
  });

  it('a bad item in an array is named by its position, and no partial output is printed', async () => {
    const r = await rules('cooling-off', [
      {
        buyer: 'consumer',
        channel: 'distance',
        subject: 'service',
        concludedOn: '2025-03-05',
        priceCents: 100,
        informedOn: null,
      },
      {
        buyer: 'consumer',
        channel: 'door',
        subject: 'service',
        concludedOn: '2025-03-05',
        priceCents: 100,
        informedOn: null,
      },
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/\[1\]\.channel/);
  });

  it('input that is not JSON, and an unknown rule, exit 2 with nothing on stdout', async () => {
    const [notJson, unknown] = await Promise.all([rules('interest', '{kind: statutory'), rules('taxes', {})]);
    for (const r of [notJson, unknown]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
    }
    expect(notJson.stderr).toMatch(/input: not valid JSON/);
    expect(unknown.stderr).toMatch(/unknown rule "taxes"/);
  });
});
