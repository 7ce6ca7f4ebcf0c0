import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Case } from '../../shared/domain/case.ts';

/**
 * `npm run serve` keeps its data: killed with SIGKILL in the middle of work and started again, it has
 * every case, payment and chronology entry it answered for, its workflows carry on from the case records,
 * and no letter goes to the provider twice (outside the documented unknown-outcome window).
 */
const dataDir = mkdtempSync(path.join(tmpdir(), 'serve-data-'));
let child: ChildProcess | null = null;

async function startServe(): Promise<{ url: string; process: ChildProcess }> {
  const proc = spawn('npx', ['tsx', 'local/serve.ts'], {
    env: { ...process.env, PORT: '0', DATA_DIR: dataDir, START: '2026-03-02' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: npx runs tsx runs node, and kill -9 must reach the server itself.
    detached: true,
  });
  child = proc;
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /Case API on (http:\/\/\S+)/.exec(output);
      if (found) resolve(found[1] as string);
    });
    proc.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    proc.on('exit', (code) => reject(new Error(`serve exited (${code}): ${output}`)));
  });
  return { url, process: proc };
}

async function call(url: string, method: string, route: string, body?: unknown) {
  const res = await fetch(`${url}${route}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** kill -9 of the whole process group (npx, tsx and the server's node process). */
function kill9(proc: ChildProcess): void {
  try {
    process.kill(-(proc.pid as number), 'SIGKILL');
  } catch {
    // already gone
  }
}

afterAll(() => {
  if (child) kill9(child);
});

describe('npm run serve after a kill -9', () => {
  it('keeps cases, payments and chronology, carries the workflows on, and sends no letter twice', async () => {
    const first = await startServe();
    const opened = await call(first.url, 'POST', '/cases', {
      debtor: {
        kind: 'consumer',
        name: 'E. Smit',
        email: 'e.smit@example.nl',
        address: { street: 'Laan 5', postalCode: '3500 AA', city: 'Utrecht', country: 'NL' },
      },
      invoices: [{ number: 'SERVE-1', amountCents: 40_000, issuedOn: '2026-01-20', dueOn: '2026-02-10' }],
    });
    expect(opened.status).toBe(201);
    const caseId = opened.body.caseId as string;
    await call(first.url, 'POST', '/_local/clock', { advanceDays: 3 });
    const paid = await call(first.url, 'POST', `/cases/${caseId}/payments`, {
      reference: 'BANK-SERVE-1',
      amountCents: 5_000,
      paidOn: '2026-03-04',
    });
    expect(paid.status).toBe(200);
    const before = (await call(first.url, 'GET', `/cases/${caseId}`)).body;
    expect(before.letters.map((l: { kind: string }) => l.kind)).toContain('reminder');

    // In the middle of work: the clock jumps to the demand day, and the process is killed.
    void call(first.url, 'POST', '/_local/clock', { advanceDays: 14 }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 30));
    const exited = new Promise((resolve) => first.process.once('exit', resolve));
    kill9(first.process);
    await exited;

    const second = await startServe();
    const after = (await call(second.url, 'GET', `/cases/${caseId}`)).body;
    // Virtual time resumes where the interrupted move was heading, never before what it already did.
    const resumedAt = Date.parse((await call(second.url, 'GET', '/_local/clock')).body.now);
    for (const e of after.chronology) expect(resumedAt).toBeGreaterThanOrEqual(Date.parse(e.at));
    expect(after.payments.map((p: { reference: string }) => p.reference)).toEqual(['BANK-SERVE-1']);
    const ids = after.chronology.map((e: { id: string }) => e.id);
    for (const e of before.chronology) expect(ids).toContain(e.id);

    // The workflow carries on from the record: the demand, its term, the agency.
    await call(second.url, 'POST', '/_local/clock', { advanceDays: 45 });
    const done = (await call(second.url, 'GET', `/cases/${caseId}`)).body as Case;
    expect(done.stage).toBe('handed-off');
    expect(done.payments).toHaveLength(1);
    const kinds = done.letters.map((l) => l.kind);
    expect(kinds).toEqual(['reminder', 'fourteen-day-letter', 'handoff-notice']);
    expect(done.chronology.map((e) => e.type)).toContain('workflow-restarted');

    const log = path.join(dataDir, 'outbox', 'ses-sendemail.log');
    expect(existsSync(log)).toBe(true);
    const sends = readFileSync(log, 'utf8').trim().split('\n');
    for (const letter of done.letters) {
      const unknown = done.chronology.some(
        (e) => e.type === 'letter-delivery-unknown' && e.refs?.letterId === letter.letterId,
      );
      expect(sends.filter((id) => id === letter.letterId)).toHaveLength(unknown ? 2 : 1);
    }
    kill9(second.process);
  }, 240_000);
});
