/**
 * The back office: the size of what a browser downloads (web/build.ts, minified and gzip-compressed) and
 * the first render of the case page, measured in Chromium (@sparticuz/chromium via playwright-core)
 * against the local server: from navigation start until the page is drawn with the case, its dossier
 * and its timeline (`performance.mark('backoffice-rendered')` in web/src/main.ts), median of `runs`
 * fresh pages (browser cache off, so every run downloads the bundle).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { startLocalHttpServer } from '../local/http-server.ts';
import { LocalApp } from '../local/local-app.ts';
import { LocalStaffTokens } from '../local/staff-tokens.ts';
import { DEFAULT_SETTINGS } from '../shared/config/settings.ts';
import { addDays } from '../shared/rules/calendar.ts';
import { buildBackOffice } from '../web/build.ts';
import { launchBrowser } from '../web/chromium.ts';
import { sessionFromToken } from '../web/src/session.ts';
import { median } from './stats.ts';

export const SITE_SCRIPT_TARGET_KB = 50;
export const FIRST_RENDER_TARGET_MS = 1000;

export interface BackOfficeFigures {
  files: { path: string; bytes: number; gzipBytes: number }[];
  firstRenderMs: number;
  runs: number[];
}

export async function measureBackOffice(options: { runs: number }): Promise<BackOfficeFigures> {
  const site = buildBackOffice();
  const files = [...site].map(([p, f]) => ({
    path: p,
    bytes: f.body.length,
    gzipBytes: gzipSync(f.body).length,
  }));

  const outboxDir = mkdtempSync(path.join(tmpdir(), 'bench-backoffice-'));
  const start = new Date('2026-03-02T09:00:00Z');
  const app = await LocalApp.start({ start, settings: DEFAULT_SETTINGS, outboxDir });
  const tokens = LocalStaffTokens.create();
  const server = await startLocalHttpServer({ app, port: 0, clock: 'manual', site, staffTokens: tokens });
  const browser = await launchBrowser();
  try {
    const post = (p: string, body: unknown) =>
      fetch(`${server.url}${p}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<Record<string, string>>);
    const today = '2026-03-02';
    const { caseId } = await post('/cases', {
      debtor: {
        kind: 'consumer',
        name: 'M. Bakker',
        email: 'm.bakker@example.nl',
        address: { street: 'Lindelaan 8', postalCode: '3456 CD', city: 'Amersfoort', country: 'NL' },
      },
      contract: null,
      invoices: [
        { number: 'BENCH-1', amountCents: 12_000, issuedOn: addDays(today, -30), dueOn: addDays(today, -16) },
      ],
    });
    // A case with a history: reminder, a part payment, a dispute waiting for a reviewer.
    await server.advanceTo(new Date('2026-03-10T09:00:00Z'));
    await post(`/cases/${caseId}/payments`, {
      reference: 'BENCH-PAY-1',
      amountCents: 2_000,
      paidOn: '2026-03-10',
    });
    await post(`/cases/${caseId}/disputes`, { kind: 'other', statement: 'Bedrag klopt niet.' });

    const session = sessionFromToken(tokens.issue('bench', ['viewer', 'reviewer', 'operator']).idToken);
    const runs: number[] = [];
    for (let i = 0; i < options.runs; i++) {
      const context = await browser.newContext();
      await context.addInitScript(
        (s) => sessionStorage.setItem('backoffice.session', s),
        JSON.stringify(session),
      );
      const page = await context.newPage();
      await page.route('**/*', (route) =>
        route.continue({ headers: { ...route.request().headers(), 'cache-control': 'no-cache' } }),
      );
      await page.goto(`${server.url}/#/cases/${caseId}`);
      await page.waitForFunction(() => performance.getEntriesByName('backoffice-rendered').length > 0);
      if ((await page.getByTestId('timeline').count()) !== 1)
        throw new Error('the case page did not render its timeline');
      runs.push(
        await page.evaluate(
          () => performance.getEntriesByName('backoffice-rendered')[0]?.startTime ?? Number.NaN,
        ),
      );
      await context.close();
    }
    return { files, firstRenderMs: median(runs), runs };
  } finally {
    await browser.close();
    await server.close();
    app.runtime.dispose();
    await app.stop();
    rmSync(outboxDir, { recursive: true, force: true });
  }
}
