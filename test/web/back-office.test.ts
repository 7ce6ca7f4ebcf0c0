import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../infra/constructs/collections-function.ts';
import { addDays, type CalendarDate } from '../../shared/rules/calendar.ts';
import { buildBackOffice } from '../../web/build.ts';
import { launchBrowser } from '../../web/chromium.ts';
import { LocalApi } from '../api/support/local-api.ts';

/**
 * The back office in a real browser (Chromium from @sparticuz/chromium, driven by playwright-core) against
 * `npm run serve`'s server: the same handlers, the dev sign-in, the site at `/`. One browser for the file;
 * a fresh context (no session) per person.
 */
describe('the back office in a browser', () => {
  let api: LocalApi;
  let browser: Browser;
  let today: CalendarDate;
  /** A business client withholding payment over delays: the dispute waits for a reviewer. */
  let disputedCase: string;
  let disputeId: string;
  /** A consumer who got a reminder and has not paid. */
  let openCase: string;

  beforeAll(async () => {
    [api, browser] = await Promise.all([
      LocalApi.start({ server: { site: buildBackOffice() } }),
      launchBrowser(),
    ]);
    today = await api.today();
    const address = { street: 'Stationsplein 4', postalCode: '3511 CE', city: 'Utrecht', country: 'NL' };
    const opened = await api.post('/cases', {
      debtor: {
        kind: 'business',
        name: 'Bouwbedrijf Van Dam B.V.',
        email: 'bouwbedrijf.van.dam.b.v@example.nl',
        address,
      },
      contract: null,
      invoices: [
        {
          number: `PRJ-${process.pid}-1`,
          amountCents: 1_250_000,
          issuedOn: addDays(today, -45),
          dueOn: addDays(today, -15),
        },
      ],
    });
    disputedCase = opened.body.caseId;
    const consumer = await api.post('/cases', {
      debtor: { kind: 'consumer', name: 'M. Bakker', email: 'm.bakker@example.nl', address },
      contract: null,
      invoices: [
        {
          number: `INV-${process.pid}-1`,
          amountCents: 12_000,
          issuedOn: addDays(today, -30),
          dueOn: addDays(today, -16),
        },
      ],
    });
    openCase = consumer.body.caseId;
    // A week on: both got their reminder; then the business client disputes.
    today = await api.advanceDays(8);
    const disputed = await api.post(`/cases/${disputedCase}/disputes`, {
      kind: 'non-performance',
      statement: 'Het project loopt maanden vertraging op; wij schorten betaling op.',
      evidence: { correspondence: [{ on: addDays(today, -3), summary: 'Klacht over vertraging fase 3' }] },
    });
    disputeId = disputed.body.disputeId;
  });

  afterAll(async () => {
    await browser?.close();
    await api?.stop();
  });

  async function signedIn(username: string, groups: string[], width = 1280): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'nl-NL' });
    const page = await context.newPage();
    await page.goto(`${api.url}/`);
    await page.getByLabel('Naam').fill(username);
    for (const g of groups) await page.getByRole('checkbox', { name: new RegExp(`^${g}:`) }).check();
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByText(`${username} (`).waitFor();
    return page;
  }

  it('a reviewer opens the worklist and finds the dispute waiting, then opens the case', async () => {
    const page = await signedIn('j.de.boer', ['reviewer']);
    await page.getByRole('link', { name: 'Werkvoorraad bezwaren' }).click();
    const row = page.getByRole('row').filter({ hasText: 'Bouwbedrijf Van Dam B.V.' });
    await expect(row.getByRole('cell').nth(1).textContent()).resolves.toContain('Tekortkoming');
    await row.getByRole('link').click();
    await page.getByRole('heading', { name: /Bouwbedrijf Van Dam B\.V\./ }).waitFor();
    expect(page.url()).toContain(`#/cases/${disputedCase}`);
    await page.context().close();
  });

  it('a reviewer reads the timeline and settles the dispute for 50%; the case changes', async () => {
    const page = await signedIn('j.de.boer', ['reviewer']);
    await page.goto(`${api.url}/#/cases/${disputedCase}`);
    const timeline = page.getByTestId('timeline');
    await timeline.waitFor();
    const items = await timeline.locator('li').allTextContents();
    expect(items.some((t) => t.includes('Brief verzonden: Betalingsherinnering'))).toBe(true);
    expect(items.some((t) => t.includes('Bezwaar ontvangen'))).toBe(true);
    expect(items.some((t) => t.includes('Beoordeling gevraagd'))).toBe(true);
    // Dates in Dutch, in order.
    const dates = await timeline
      .locator('time')
      .evaluateAll((els) => els.map((e) => e.getAttribute('datetime')));
    expect(dates).toEqual([...dates].sort());

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(PROJECT_ROOT, 'docs', 'back-office-case.png'), fullPage: false });

    const before = (await api.get(`/cases/${disputedCase}`)).body;
    const half = Math.round(before.amounts.totalCents / 2);
    const form = page.getByTestId('decide');
    await form.getByLabel('Schikken voor een bedrag').check();
    await form
      .getByLabel(/Motivering/)
      .fill('Vertraging erkend; schikking voor de helft van het openstaande bedrag.');
    // A typing slip that could mean an amount a thousand times off is refused, not guessed.
    const amount = form.getByLabel(/Schikkingsbedrag/);
    await amount.fill('0,001');
    await form.getByText('geen bedrag').waitFor();
    await form.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await form
      .getByRole('alert')
      .getByText(/Vul het schikkingsbedrag in euro in/)
      .waitFor();
    // The field the refusal is about is marked and has the focus.
    await expect(amount.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(amount.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    expect((await api.get(`/cases/${disputedCase}`)).body).toEqual(before);
    await amount.fill(`${Math.floor(half / 100)},${String(half % 100).padStart(2, '0')}`);
    await form.getByText(`= € ${Math.floor(half / 100).toLocaleString('nl-NL')},`).waitFor();
    await form.getByRole('button', { name: 'Besluit vastleggen' }).click();

    await expect
      .poll(() => page.getByTestId('total').textContent())
      .toBe(`€ ${Math.floor(half / 100).toLocaleString('nl-NL')},${String(half % 100).padStart(2, '0')}`);
    // The timeline shows the decision, by the signed-in reviewer.
    await page
      .getByTestId('timeline')
      .getByText(/^Geschikt voor € .* door j\.de\.boer$/)
      .waitFor();
    const after = (await api.get(`/cases/${disputedCase}`)).body;
    expect(after.settlement).toMatchObject({ amountCents: half, disputeId });
    expect(after.pauses).toEqual([]);
    // The reviewer recorded is the signed-in person, from the token.
    expect(after.chronology.find((e: { type: string }) => e.type === 'dispute-decided').actor).toBe(
      'reviewer:j.de.boer',
    );
    await page.context().close();
  });

  it('an operator records a payment on a tablet and sees it in the timeline and the amounts', async () => {
    const page = await signedIn('a.operator', ['operator'], 820);
    await page.goto(`${api.url}/#/cases/${openCase}`);
    const form = page.getByTestId('payment');
    await form.waitFor();
    const before = (await api.get(`/cases/${openCase}`)).body.amounts.totalCents;
    // Nothing wider than the tablet: the letters' table gives way (its hash column hides).
    await expect(page.evaluate(() => document.documentElement.scrollWidth)).resolves.toBeLessThanOrEqual(820);
    await form.getByLabel(/Referentie/).fill('BANK-0001');
    await form.getByLabel('Bedrag').fill('50,00');
    await form.getByLabel('Betaald op').fill(today);
    await form.getByRole('button', { name: 'Betaling vastleggen' }).click();
    await page.getByTestId('timeline').getByText('Betaling ontvangen').waitFor();
    const after = (await api.get(`/cases/${openCase}`)).body;
    expect(after.payments).toEqual([expect.objectContaining({ reference: 'BANK-0001', amountCents: 5_000 })]);
    expect(after.amounts.totalCents).toBe(before - 5_000);
    // The same bank reference with another amount: the API refuses (409); the person reads why in Dutch.
    await form.getByLabel(/Referentie/).fill('BANK-0001');
    await form.getByLabel(/Bedrag/).fill('60,00');
    await form.getByRole('button', { name: 'Betaling vastleggen' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toMatch(/^Dit kan niet \(meer\)/);
    expect((await api.get(`/cases/${openCase}`)).body).toEqual(after);
    await page.context().close();
  });

  it('a person without the reviewer group cannot decide: no form, and the API refuses with 403', async () => {
    const opened = await api.post('/cases', {
      debtor: {
        kind: 'business',
        name: 'Transport Noord B.V.',
        email: 'transport.noord.b.v@example.nl',
        address: { street: 'Kade 1', postalCode: '9711 AA', city: 'Groningen', country: 'NL' },
      },
      contract: null,
      invoices: [
        {
          number: `PRJ-${process.pid}-2`,
          amountCents: 500_000,
          issuedOn: addDays(today, -40),
          dueOn: addDays(today, -20),
        },
      ],
    });
    const caseId = opened.body.caseId;
    const disputed = await api.post(`/cases/${caseId}/disputes`, {
      kind: 'other',
      statement: 'Wij betwisten de factuur.',
    });
    const page = await signedIn('v.viewer', ['viewer', 'operator']);
    await page.goto(`${api.url}/#/cases/${caseId}`);
    await page.getByTestId('decide-not-allowed').waitFor();
    expect(await page.getByTestId('decide').count()).toBe(0);
    const status = await page.evaluate(
      async ({ caseId, disputeId }) => {
        const session = JSON.parse(sessionStorage.getItem('backoffice.session') ?? '{}');
        const res = await fetch(`/api/cases/${caseId}/disputes/${disputeId}/decision`, {
          method: 'POST',
          headers: { authorization: `Bearer ${session.idToken}`, 'content-type': 'application/json' },
          body: JSON.stringify({ decision: 'accept', note: 'Toch maar niet.' }),
        });
        return { status: res.status, body: await res.json() };
      },
      { caseId, disputeId: disputed.body.disputeId as string },
    );
    expect(status).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect((await api.get(`/cases/${caseId}`)).body.openDispute.status).toBe('awaiting-reviewer');
    await page.context().close();

    // Paid in full while the dispute waited: nobody can decide it now, so it leaves the worklist and the
    // case page says why instead of offering a form the API would refuse.
    const owed = (await api.get(`/cases/${caseId}`)).body.amounts.totalCents;
    await api.post(`/cases/${caseId}/payments`, {
      reference: 'BANK-NOORD',
      amountCents: owed,
      paidOn: today,
    });
    const reviewer = await signedIn('j.de.boer', ['reviewer']);
    await reviewer.goto(`${api.url}/#/cases/${caseId}`);
    await reviewer.getByTestId('decide-closed').waitFor();
    expect(await reviewer.getByTestId('decide').count()).toBe(0);
    await reviewer.getByRole('link', { name: 'Werkvoorraad bezwaren' }).click();
    await reviewer
      .getByRole('row')
      .filter({ hasText: 'Bouwbedrijf Van Dam B.V.' })
      .or(reviewer.getByText('Geen bezwaren'))
      .first()
      .waitFor();
    expect(await reviewer.getByRole('row').filter({ hasText: 'Transport Noord B.V.' }).count()).toBe(0);
    await reviewer.context().close();
  });

  it('an operator places a hold and releases it, by keyboard only', async () => {
    const page = await signedIn('a.operator', ['operator']);
    await page.goto(`${api.url}/#/cases/${openCase}`);
    const form = page.getByTestId('hold');
    await form.waitFor();
    // The skip link moves to the content and stays on the case.
    await page.getByRole('link', { name: 'Naar de inhoud' }).press('Enter');
    expect(page.url()).toContain(`#/cases/${openCase}`);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await form.getByLabel('Reden').focus();
    await page.keyboard.type('Betalingsregeling in overleg');
    await page.keyboard.press('Enter');
    await page.getByTestId('release').waitFor();
    expect((await api.get(`/cases/${openCase}`)).body.pauses).toEqual([
      expect.objectContaining({ kind: 'hold' }),
    ]);
    await page.getByTestId('release').getByLabel('Toelichting').focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('hold').waitFor();
    expect((await api.get(`/cases/${openCase}`)).body.pauses).toEqual([]);
    await page.context().close();
  });

  it('a viewer opens the case and reads the reminder as the debtor got it, by keyboard', async () => {
    const page = await signedIn('v.kijker', ['viewer']);
    await page.goto(`${api.url}/#/cases/${openCase}`);
    await page.getByRole('button', { name: /^Brief bekijken: Betalingsherinnering/ }).focus();
    await page.keyboard.press('Enter');
    const letter = page.frameLocator('[data-testid=letter-frame]');
    await expect(letter.locator('body').textContent()).resolves.toMatch(
      /Volgens onze administratie hebben wij de betaling[\s\S]*€\s?120,00/,
    );
    // The letter's own styles apply (the app's CSP for the page itself is unchanged: no inline styles).
    await expect(
      letter.locator('body').evaluate((body) => getComputedStyle(body).fontFamily),
    ).resolves.toContain('Georgia');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toMatch(
      /^Betalingsherinnering van .*: Betalingsherinnering/,
    );
    await page.getByTestId('letter-view').getByRole('button', { name: 'Sluiten' }).press('Enter');
    await page.getByTestId('letter-view').waitFor({ state: 'hidden' });
    // The dossier is shown with its own styles the same way.
    await page.getByRole('button', { name: 'Dossier tonen' }).click();
    const dossier = page.frameLocator('[data-testid=dossier-frame]');
    await expect(
      dossier
        .locator('table')
        .first()
        .evaluate((table) => getComputedStyle(table).borderCollapse),
    ).resolves.toBe('collapse');
    await expect(
      dossier
        .locator('td:has(> .amount)')
        .first()
        .evaluate((td) => getComputedStyle(td).textAlign),
    ).resolves.toBe('right');
    await page.context().close();
  });

  it('the site loads nothing from another origin and the staff routes need a token', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const origins = new Set<string>();
    page.on('request', (r) => origins.add(new URL(r.url()).origin));
    await page.goto(`${api.url}/`);
    await page.getByLabel('Naam').waitFor();
    expect([...origins]).toEqual([api.url]);
    const unsigned = await fetch(`${api.url}/api/cases/${openCase}`);
    expect(unsigned.status).toBe(401);
    // Signing in without a group is refused at once (every page would answer 403).
    await page.getByLabel('Naam').fill('zonder.groep');
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('alert').getByText('Kies ten minste één groep.').waitFor();
    await context.close();

    // A token that no longer holds: the next request answers 401 and the sign-in page says why.
    const expired = await signedIn('v.viewer', ['viewer']);
    await expired.evaluate(() => {
      const session = JSON.parse(sessionStorage.getItem('backoffice.session') ?? '{}');
      sessionStorage.setItem('backoffice.session', JSON.stringify({ ...session, idToken: 'x.y.z' }));
    });
    await expired.goto(`${api.url}/#/cases/${openCase}`);
    await expired.getByText('Uw sessie is verlopen. Meld u opnieuw aan.').waitFor();
    await expired.context().close();
    expect(api.contractProblems).toEqual([]);
  });
});
