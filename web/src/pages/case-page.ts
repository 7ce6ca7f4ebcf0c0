import type { z } from 'zod';
import type { caseView } from '../../../functions/api/responses.ts';
import {
  isClosedStage,
  LETTER_UNDELIVERABLE_HOLD,
  REVIEWER_DECISIONS,
  type ReviewerDecision,
} from '../../../shared/domain/vocabulary.ts';
import { ApiError } from '../api.ts';
import { type Child, h, show } from '../dom.ts';
import { date, euro, parseEuro } from '../format.ts';
import {
  DECISION_NL,
  DISPUTE_KIND_NL,
  DISPUTE_STATUS_NL,
  ENTRY_NL,
  LETTER_KIND_NL,
  LETTER_STATUS_NL,
  NEXT_STEP_NL,
  PAUSE_NL,
  STAGE_NL,
} from '../labels.ts';
import type { PageContext } from '../main.ts';
import { FIELD_CONTROL, refusalContent } from '../refusals.ts';
import { may } from '../session.ts';
import { timelineEntries } from '../timeline.ts';

type CaseView = z.infer<typeof caseView>;
interface ClaimPart {
  amountCents: number;
  computation: { label: string; detail: string; amountCents: number }[];
}
interface DossierClaim {
  principal: ClaimPart;
  interest: ClaimPart & { kind?: string };
  costs: ClaimPart;
  paid: ClaimPart;
  total: ClaimPart;
  sources?: { label: string; source: string }[];
}

const path = (caseId: string, rest = '') => `/cases/${encodeURIComponent(caseId)}${rest}`;

/** The case: summary, timeline, amounts with their computation, letters, dossier, and the actions allowed. */
export async function renderCasePage(ctx: PageContext, caseId: string): Promise<void> {
  show(ctx.main, h('h1', null, 'Dossier'), h('p', { class: 'muted' }, 'Laden…'));
  const [c, dossier] = await Promise.all([
    ctx.api.json('GET', path(caseId)) as Promise<CaseView>,
    ctx.api.json('GET', path(caseId, '/dossier')) as Promise<{ claim: DossierClaim }>,
  ]);
  show(
    ctx.main,
    h('p', null, h('a', { href: '#/' }, '← Dossiers')),
    h('h1', null, `${c.debtor.name} `, h('span', { class: 'muted' }, c.caseId)),
    summary(c),
    h(
      'div',
      { class: 'columns' },
      h(
        'section',
        { 'aria-labelledby': 'timeline-title' },
        h('h2', { id: 'timeline-title' }, 'Tijdlijn'),
        timeline(c),
      ),
      h(
        'div',
        null,
        actions(ctx, c),
        h(
          'section',
          { 'aria-labelledby': 'amounts-title' },
          h('h2', { id: 'amounts-title' }, `Vordering op ${date(c.amounts.on)}`),
          amounts(c, dossier.claim),
        ),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'letters-title' },
      h('h2', { id: 'letters-title' }, 'Brieven'),
      letters(ctx, c),
    ),
    disputes(c),
    h(
      'section',
      { 'aria-labelledby': 'dossier-title' },
      h('h2', { id: 'dossier-title' }, 'Dossier'),
      dossierViewer(ctx, c.caseId),
    ),
  );
}

function summary(c: CaseView): HTMLElement {
  const facts: [string, Child][] = [
    ['Stadium', h('strong', { 'data-testid': 'stage', tabindex: -1 }, STAGE_NL[c.stage])],
    [
      'Pauze',
      c.pauses
        .map((p) =>
          p.kind === 'hold'
            ? `${PAUSE_NL.hold} sinds ${date(p.since)}${p.until ? ` tot en met ${date(p.until)}` : ' (tot opheffen)'}${'reason' in p && p.reason ? `: ${p.reason === LETTER_UNDELIVERABLE_HOLD ? 'brief onbestelbaar; leg een werkend e-mailadres vast en hef de stop op' : p.reason}` : ''}`
            : `${PAUSE_NL.dispute} sinds ${date(p.since)}`,
        )
        .join('; ') || 'geen',
    ],
    ['Openstaand', h('strong', { 'data-testid': 'total' }, euro(c.amounts.totalCents))],
    ['Volgende stap', `${NEXT_STEP_NL[c.nextStep.step]}${c.nextStep.on ? ` op ${date(c.nextStep.on)}` : ''}`],
    [
      'Debiteur',
      `${c.debtor.kind === 'business' ? 'Zakelijk' : 'Consument'} · ${c.debtor.address.street}, ${c.debtor.address.postalCode} ${c.debtor.address.city}`,
    ],
    [
      'Facturen',
      c.invoices.map((i) => `${i.number} (${euro(i.amountCents)}, vervaldatum ${date(i.dueOn)})`).join('; '),
    ],
  ];
  if (c.settlement)
    facts.push(['Schikking', `${euro(c.settlement.amountCents)} op ${date(c.settlement.agreedOn)}`]);
  if (c.handoff)
    facts.push(['Incassobureau', `${c.handoff.agencyReference} op ${date(c.handoff.handedOffOn)}`]);
  return h(
    'dl',
    { class: 'facts' },
    facts.map(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
  );
}

type Entry = CaseView['chronology'][number];

/** What an entry says, in Dutch, from the case's own records; the recorded summary where there is none. */
function entryDetail(e: Entry, c: CaseView): string {
  const refs = e.refs ?? {};
  const letter = refs.letterId ? c.letters.find((l) => l.letterId === refs.letterId) : undefined;
  if (letter) return `Totaal ${euro(letter.amounts.totalCents)} · aan ${letter.recipient}`;
  // Who did it, when a signed-in person did (a reviewer's decision; a payment, hold or restart by staff).
  const person = /^(?:reviewer|staff):(.+)$/.exec(e.actor)?.[1];
  const by = person ? ` door ${person}` : '';
  const payment = refs.reference ? c.payments.find((p) => p.reference === refs.reference) : undefined;
  if (payment)
    return `${euro(payment.amountCents)} betaald op ${date(payment.paidOn)} · referentie ${payment.reference}${by}`;
  const dispute = refs.disputeId ? c.disputes.find((d) => d.disputeId === refs.disputeId) : undefined;
  if (dispute && e.type === 'dispute-decided')
    return `${DISPUTE_STATUS_NL[dispute.status]}${dispute.settlementCents !== undefined ? ` voor ${euro(dispute.settlementCents)}` : ''}${by}`;
  if (dispute) return DISPUTE_KIND_NL[dispute.kind];
  if (e.type === 'case-opened') {
    const total = c.invoices.reduce((sum, i) => sum + i.amountCents, 0);
    return `${c.invoices.length} ${c.invoices.length === 1 ? 'factuur' : 'facturen'}, ${euro(total)}`;
  }
  if (e.type === 'hold-placed') {
    const until = /until (\d{4}-\d{2}-\d{2})/.exec(e.summary)?.[1];
    return `${until ? `Tot en met ${date(until)}` : 'Tot opheffen'}${by}`;
  }
  if (e.type === 'hold-released') return `Opgeheven${by}`;
  if (e.type === 'debtor-email-corrected') return `Volgende brieven gaan naar het nieuwe adres${by}`;
  if (refs.agencyReference) return `Referentie incassobureau ${refs.agencyReference}`;
  if (e.type === 'workflow-started' || e.type === 'workflow-restarted') {
    const execution = refs.execution ?? /\(([^)]+)\)/.exec(e.summary)?.[1];
    return `${execution ? `Uitvoering ${execution}` : ''}${by}`;
  }
  return e.summary;
}

/** The chronology drawn as a timeline: one mark per entry, by kind (letter, payment, pause, decision). */
function timeline(c: CaseView): HTMLElement {
  const entries = timelineEntries(c.chronology);
  return h(
    'ol',
    { class: 'timeline', 'data-testid': 'timeline' },
    entries.map(({ e, times }) => {
      const [kindLabel, kind] = ENTRY_NL[e.type] ?? [e.type, 'other'];
      const label = times > 1 ? `${kindLabel} (${times}×)` : kindLabel;
      const letter = e.refs?.letterId ? c.letters.find((l) => l.letterId === e.refs?.letterId) : undefined;
      return h(
        'li',
        { class: `t-${kind}`, 'data-type': e.type },
        h('time', { datetime: e.on }, date(e.on)),
        h('span', { class: 'mark', 'aria-hidden': 'true' }),
        h(
          'div',
          null,
          h('strong', null, letter ? `${label}: ${LETTER_KIND_NL[letter.kind]}` : label),
          h('div', { class: 'muted small', title: e.summary }, entryDetail(e, c)),
        ),
      );
    }),
  );
}

function claimRows(title: string, part: ClaimPart): HTMLElement {
  return h(
    'details',
    null,
    h('summary', null, `${title}: ${euro(part.amountCents)}`),
    part.computation.length === 0
      ? h('p', { class: 'muted' }, 'Geen berekening.')
      : h(
          'table',
          { class: 'computation' },
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              h('th', { scope: 'col' }, 'Post'),
              h('th', { scope: 'col' }, 'Berekening'),
              h('th', { scope: 'col' }, 'Bedrag'),
            ),
          ),
          h(
            'tbody',
            null,
            part.computation.map((l) =>
              h(
                'tr',
                null,
                h('td', null, l.label),
                h('td', null, l.detail),
                h('td', { class: 'num' }, euro(l.amountCents)),
              ),
            ),
          ),
        ),
  );
}

function amounts(c: CaseView, claim: DossierClaim): HTMLElement {
  const a = c.amounts;
  return h(
    'div',
    null,
    h(
      'table',
      { class: 'amounts' },
      h(
        'tbody',
        null,
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, 'Hoofdsom'),
          h('td', { class: 'num' }, euro(a.principalCents)),
        ),
        h(
          'tr',
          null,
          h(
            'th',
            { scope: 'row' },
            claim.interest.kind === 'wettelijke-handelsrente'
              ? 'Wettelijke handelsrente'
              : 'Wettelijke rente',
          ),
          h('td', { class: 'num' }, euro(a.interestCents)),
        ),
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, 'Buitengerechtelijke incassokosten'),
          h('td', { class: 'num' }, euro(a.costsCents)),
        ),
        h(
          'tr',
          null,
          h('th', { scope: 'row' }, 'Reeds betaald'),
          h('td', { class: 'num' }, euro(a.paidCents)),
        ),
        h(
          'tr',
          { class: 'total' },
          h('th', { scope: 'row' }, 'Totaal te betalen'),
          h('td', { class: 'num' }, euro(a.totalCents)),
        ),
      ),
    ),
    h('h3', null, 'Berekening'),
    claimRows('Hoofdsom', claim.principal),
    claimRows('Rente', claim.interest),
    claimRows('Incassokosten', claim.costs),
    claimRows('Betalingen', claim.paid),
    claimRows('Totaal', claim.total),
    claim.sources?.length
      ? h('p', { class: 'muted small' }, `Bronnen: ${claim.sources.map((s) => s.source).join('; ')}`)
      : null,
  );
}

function letters(ctx: PageContext, c: CaseView): HTMLElement {
  if (c.letters.length === 0) return h('p', null, 'Nog geen brieven.');
  const viewer = h('div', {
    id: 'letter-view',
    class: 'letter-view',
    'data-testid': 'letter-view',
    hidden: true,
  });
  const buttons: HTMLButtonElement[] = [];
  const open = (l: CaseView['letters'][number], button: HTMLButtonElement) => {
    const wasOpen = button.getAttribute('aria-expanded') === 'true';
    for (const b of buttons) b.setAttribute('aria-expanded', 'false');
    if (wasOpen) {
      viewer.hidden = true;
      return;
    }
    button.setAttribute('aria-expanded', 'true');
    void letterView(ctx, c.caseId, l, () => {
      viewer.hidden = true;
      button.setAttribute('aria-expanded', 'false');
      button.focus();
    }).then((view) => {
      show(viewer, view);
      viewer.hidden = false;
      (viewer.querySelector('h3') as HTMLElement | null)?.focus();
    });
  };
  return h(
    'div',
    null,
    h(
      'table',
      { class: 'list' },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          ['Datum', 'Brief', 'Aan', 'Totaal', 'Status', 'Inhoud (SHA-256)', 'Zoals verzonden'].map((t) =>
            h('th', { scope: 'col', class: t.startsWith('Inhoud') ? 'hash' : null }, t),
          ),
        ),
      ),
      h(
        'tbody',
        null,
        c.letters.map((l) => {
          const button = h(
            'button',
            {
              type: 'button',
              class: 'link',
              'aria-expanded': 'false',
              'aria-controls': 'letter-view',
              'aria-label': `Brief bekijken: ${LETTER_KIND_NL[l.kind]} van ${date(l.date)}`,
            },
            'Brief bekijken',
          );
          button.addEventListener('click', () => open(l, button));
          buttons.push(button);
          return h(
            'tr',
            null,
            h('td', null, date(l.date)),
            h('td', null, LETTER_KIND_NL[l.kind]),
            h('td', null, l.recipient),
            h('td', { class: 'num' }, euro(l.amounts.totalCents)),
            h('td', null, LETTER_STATUS_NL[l.status]),
            h('td', { class: 'hash' }, h('code', { title: l.contentHash }, `${l.contentHash.slice(0, 12)}…`)),
            h('td', null, button),
          );
        }),
      ),
    ),
    viewer,
  );
}

interface LetterAsSent {
  letterId: string;
  kind: CaseView['letters'][number]['kind'];
  date: string;
  subject: string;
  html: string;
  text: string;
  contentHash: string;
}

/** One letter as the debtor got it: subject, the rendered HTML in an isolated frame, the text version. */
async function letterView(
  ctx: PageContext,
  caseId: string,
  l: CaseView['letters'][number],
  close: () => void,
): Promise<HTMLElement> {
  const title = `${LETTER_KIND_NL[l.kind]} van ${date(l.date)}`;
  const closeButton = h('button', { type: 'button' }, 'Sluiten');
  closeButton.addEventListener('click', close);
  let letter: LetterAsSent;
  try {
    letter = (await ctx.api.json(
      'GET',
      path(caseId, `/letters/${encodeURIComponent(l.letterId)}`),
    )) as LetterAsSent;
  } catch (e) {
    const gone = e instanceof ApiError && e.status === 404;
    return h(
      'div',
      { class: 'card' },
      h('h3', { tabindex: -1 }, title),
      h(
        'p',
        { role: 'alert' },
        gone
          ? 'Deze brief is niet bewaard: verzonden voordat brieven werden bewaard, of gewist met de persoonsgegevens. Het dossier bewaart de SHA-256 van de inhoud.'
          : refusalContent(e),
      ),
      closeButton,
    );
  }
  const frame = h('iframe', {
    title: `Brief: ${letter.subject}`,
    // No scripts, no forms, no navigation; same origin only so the page can carry the letter's styles in.
    sandbox: 'allow-same-origin',
    class: 'letter',
    'data-testid': 'letter-frame',
  });
  frame.addEventListener('load', () => carryStyles(frame), { once: true });
  frame.srcdoc = letter.html;
  return h(
    'div',
    { class: 'card' },
    h('h3', { tabindex: -1 }, `${title}: ${letter.subject}`),
    h(
      'p',
      { class: 'muted small' },
      `Aan ${l.recipient} · zoals verzonden, SHA-256 `,
      h('code', null, letter.contentHash),
    ),
    frame,
    h('details', null, h('summary', null, 'Tekstversie'), h('pre', { class: 'letter-text' }, letter.text)),
    closeButton,
  );
}

/**
 * A frame made from a string inherits the app's Content-Security-Policy, which allows no inline styles:
 * the letter's own `<style>` and `style=""` would be dropped. The CSSOM is not bound by that policy, so the
 * page hands the letter's styles to the frame's document through it, exactly as written; the policy for
 * scripts stays as it is (and the sandbox runs none).
 */
function carryStyles(frame: HTMLIFrameElement): void {
  const doc = frame.contentDocument;
  const win = frame.contentWindow as (Window & typeof globalThis) | null;
  if (!doc || !win) return;
  doc.adoptedStyleSheets = [...doc.querySelectorAll('style')].map((style) => {
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(style.textContent ?? '');
    return sheet;
  });
  for (const el of doc.querySelectorAll<HTMLElement>('[style]'))
    el.style.cssText = el.getAttribute('style') ?? '';
  frame.style.height = `${Math.max(doc.documentElement.scrollHeight + 24, 240)}px`;
}

function disputes(c: CaseView): HTMLElement | null {
  if (c.disputes.length === 0) return null;
  return h(
    'section',
    { 'aria-labelledby': 'disputes-title' },
    h('h2', { id: 'disputes-title' }, 'Bezwaren'),
    c.disputes.map((d) =>
      h(
        'article',
        { class: 'card' },
        h('h3', null, `${DISPUTE_KIND_NL[d.kind]} · ${DISPUTE_STATUS_NL[d.status]}`),
        h('p', null, `Ontvangen ${date(d.raisedOn)}: “${d.statement}”`),
        d.verdict
          ? h(
              'ul',
              null,
              d.verdict.reasons.map((r) => h('li', null, `${r.textNl ?? r.text} (${r.article})`)),
              d.settlementCents !== undefined
                ? h('li', null, `Geschikt voor ${euro(d.settlementCents)}`)
                : null,
            )
          : null,
      ),
    ),
  );
}

/** The dossier as the agency receives it (HTML), fetched with the token and shown in a sandboxed frame. */
function dossierViewer(ctx: PageContext, caseId: string): HTMLElement {
  // As a letter: no scripts; same origin only so its own styles can be carried in (carryStyles).
  const frame = h('iframe', {
    title: 'Dossier',
    sandbox: 'allow-same-origin',
    class: 'dossier',
    hidden: true,
    'data-testid': 'dossier-frame',
  });
  frame.addEventListener('load', () => carryStyles(frame));
  const button = h('button', { type: 'button', 'aria-expanded': 'false' }, 'Dossier tonen');
  button.addEventListener('click', () => {
    if (!frame.hidden) {
      frame.hidden = true;
      button.setAttribute('aria-expanded', 'false');
      button.textContent = 'Dossier tonen';
      return;
    }
    void ctx.api.text(path(caseId, '/dossier?format=html')).then((html) => {
      frame.srcdoc = html;
      frame.hidden = false;
      button.setAttribute('aria-expanded', 'true');
      button.textContent = 'Dossier verbergen';
    });
  });
  return h('div', null, button, frame);
}

// --- actions -------------------------------------------------------------------------------------------

function field(id: string, label: string, control: HTMLElement): HTMLElement[] {
  control.id = id;
  return [h('label', { for: id }, label), control];
}

/** Why an amount was not taken: it is none, or it could mean sums a thousand times apart. */
const AMOUNT_HELP = (what: string) =>
  `Vul het ${what} in euro in met een komma voor de centen, bijv. 1.234,56. Een invoer als "1,234" of "0,001" is niet eenduidig en wordt niet geraden.`;

/** An amount in euro, with the amount as it will be recorded shown beside it while the person types. */
function amountField(id: string, label: string, name: string, placeholder: string, required = false) {
  const understood = h('output', { for: id, class: 'muted', 'aria-live': 'polite' });
  const control = h('input', {
    name,
    inputmode: 'decimal',
    placeholder,
    required,
    oninput: (e: Event) => {
      const value = (e.target as HTMLInputElement).value;
      const cents = parseEuro(value);
      show(understood, value.trim() === '' ? '' : cents === null ? 'geen bedrag' : `= ${euro(cents)}`);
    },
  });
  return [...field(id, label, control), understood];
}

/** A form that posts to the API, shows the refusal (4xx message) or draws the case again. */
function actionForm(
  ctx: PageContext,
  title: string,
  testId: string,
  fields: Child,
  submitLabel: string,
  /** The request to send, or why not: a message, with the control (its `name`) it is about. */
  send: (data: FormData) => { path: string; body?: unknown } | { refused: string; control?: string },
): HTMLElement {
  const error = h('p', { role: 'alert', class: 'error', tabindex: -1, id: `${testId}-error` });
  const form = h(
    'form',
    { class: 'card action', 'data-testid': testId, 'aria-label': title },
    h('h3', null, title),
    fields,
    h('button', { type: 'submit' }, submitLabel),
    error,
  );
  /** Marks the control the refusal is about and moves focus to it; else to the message. */
  function markInvalid(name: string | undefined): void {
    const control = name ? (form.querySelector(`[name="${name}"]`) as HTMLElement | null) : null;
    if (!control) {
      error.focus();
      return;
    }
    control.setAttribute('aria-invalid', 'true');
    control.setAttribute('aria-describedby', error.id);
    control.focus();
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    for (const invalid of form.querySelectorAll('[aria-invalid]')) invalid.removeAttribute('aria-invalid');
    const request = send(new FormData(form));
    if ('refused' in request) {
      show(error, request.refused);
      return markInvalid(request.control);
    }
    const button = form.querySelector('button[type=submit]') as HTMLButtonElement;
    button.disabled = true;
    ctx.api
      .json('POST', request.path, request.body)
      .then(() => ctx.refresh())
      .then(() => (document.querySelector('[data-testid=stage]') as HTMLElement | null)?.focus())
      .catch((e: unknown) => {
        button.disabled = false;
        show(error, refusalContent(e));
        markInvalid(FIELD_CONTROL[(e as { field?: string }).field ?? '']);
      });
  });
  return form;
}

function actions(ctx: PageContext, c: CaseView): HTMLElement {
  const forms: HTMLElement[] = [];
  const open = !isClosedStage(c.stage);
  const dispute = c.openDispute;
  const hold = c.pauses.find((p) => p.kind === 'hold');
  // Restartable while its workflow is failed; once restarted, the form goes until it fails again.
  const failed = c.stage === 'handoff-failed' || c.nextStep.step === 'await-restart';

  if (dispute && !open) {
    // The API refuses a decision on a closed case (409); the dispute stays on the page as it was left.
    forms.push(
      h(
        'p',
        { class: 'card notice', 'data-testid': 'decide-closed' },
        `Dit dossier is gesloten (${STAGE_NL[c.stage]}); over dit bezwaar wordt niet meer beslist.`,
      ),
    );
  } else if (dispute && may(ctx.session, 'reviewer')) {
    forms.push(
      actionForm(
        ctx,
        `Besluit op bezwaar (${DISPUTE_KIND_NL[dispute.kind]})`,
        'decide',
        [
          h(
            'fieldset',
            null,
            h('legend', null, 'Besluit'),
            REVIEWER_DECISIONS.map((d) =>
              h(
                'label',
                { class: 'check' },
                h('input', { type: 'radio', name: 'decision', value: d, required: true }),
                ` ${DECISION_NL[d]}`,
              ),
            ),
          ),
          amountField(
            'settlement',
            `Schikkingsbedrag (alleen bij schikken; openstaand ${euro(c.amounts.totalCents)})`,
            'settlement',
            'bijv. 1.234,56',
          ),
          field(
            'note',
            'Motivering (komt in het dossier)',
            h('textarea', { name: 'note', required: true, rows: 3, maxlength: 4000 }),
          ),
        ],
        'Besluit vastleggen',
        (data) => {
          const decision = String(data.get('decision')) as ReviewerDecision;
          const body: Record<string, unknown> = { decision, note: String(data.get('note') ?? '').trim() };
          if (!body.note) return { refused: 'Geef een motivering.', control: 'note' };
          if (decision === 'settle') {
            const cents = parseEuro(String(data.get('settlement') ?? ''));
            if (cents === null || cents <= 0)
              return { refused: AMOUNT_HELP('schikkingsbedrag'), control: 'settlement' };
            if (cents > c.amounts.totalCents)
              return {
                refused: `Het schikkingsbedrag mag niet hoger zijn dan wat openstaat (${euro(c.amounts.totalCents)}).`,
                control: 'settlement',
              };
            body.settlementCents = cents;
          } else if (String(data.get('settlement') ?? '').trim() !== '') {
            return {
              refused:
                'Een schikkingsbedrag hoort alleen bij het besluit Schikken: kies Schikken of maak het veld leeg.',
              control: 'settlement',
            };
          }
          return {
            path: path(c.caseId, `/disputes/${encodeURIComponent(dispute.disputeId)}/decision`),
            body,
          };
        },
      ),
    );
  } else if (dispute) {
    forms.push(
      h(
        'p',
        { class: 'card notice', 'data-testid': 'decide-not-allowed' },
        'Dit bezwaar wacht op een beoordelaar. U bent niet in de groep reviewer en kunt er niet over beslissen.',
      ),
    );
  }

  if (may(ctx.session, 'operator')) {
    if (open || c.settlement) {
      forms.push(
        actionForm(
          ctx,
          'Betaling vastleggen',
          'payment',
          [
            field(
              'p-reference',
              'Referentie (bankafschrift)',
              h('input', { name: 'reference', required: true, pattern: '[A-Za-z0-9._:\\-]{1,200}' }),
            ),
            amountField(
              'p-amount',
              `Bedrag (openstaand ${euro(c.amounts.totalCents)})`,
              'amount',
              'bijv. 50,00',
              true,
            ),
            field(
              'p-date',
              'Betaald op',
              h('input', {
                name: 'paidOn',
                type: 'date',
                required: true,
                value: c.amounts.on,
                max: c.amounts.on,
                min: c.invoices.map((i) => i.issuedOn).sort()[0],
              }),
            ),
          ],
          'Betaling vastleggen',
          (data) => {
            const amountCents = parseEuro(String(data.get('amount') ?? ''));
            if (amountCents === null || amountCents <= 0)
              return { refused: AMOUNT_HELP('bedrag'), control: 'amount' };
            return {
              path: path(c.caseId, '/payments'),
              body: {
                reference: String(data.get('reference')),
                amountCents,
                paidOn: String(data.get('paidOn')),
              },
            };
          },
        ),
      );
    }
    if (open) {
      // After a bounce (hold "letter-undeliverable"): the new address first, then release the hold.
      forms.push(
        actionForm(
          ctx,
          'E-mailadres debiteur corrigeren',
          'debtor-email',
          field(
            'e-email',
            `Nieuw e-mailadres (nu: ${c.debtor.email ?? 'geen'})`,
            h('input', { name: 'email', type: 'email', required: true, maxlength: 254, autocomplete: 'off' }),
          ),
          'E-mailadres vastleggen',
          (data) => ({
            path: path(c.caseId, '/debtor-email'),
            body: { email: String(data.get('email')).trim() },
          }),
        ),
      );
    }
    if (hold) {
      forms.push(
        actionForm(
          ctx,
          'Incassostop opheffen',
          'release',
          field('r-note', 'Toelichting', h('input', { name: 'note', maxlength: 2000 })),
          'Incassostop opheffen',
          (data) => ({
            path: path(c.caseId, '/release'),
            body: data.get('note') ? { note: String(data.get('note')) } : {},
          }),
        ),
      );
    } else if (open) {
      forms.push(
        actionForm(
          ctx,
          'Incassostop plaatsen',
          'hold',
          [
            field('h-reason', 'Reden', h('input', { name: 'reason', required: true, maxlength: 2000 })),
            field('h-until', 'Tot en met (leeg: tot opheffen)', h('input', { name: 'until', type: 'date' })),
          ],
          'Incassostop plaatsen',
          (data) => ({
            path: path(c.caseId, '/hold'),
            body: {
              reason: String(data.get('reason')).trim(),
              ...(data.get('until') ? { until: String(data.get('until')) } : {}),
            },
          }),
        ),
      );
    }
    if (failed) {
      forms.push(
        actionForm(
          ctx,
          'Dossier opnieuw starten',
          'restart',
          field('s-note', 'Wat is hersteld', h('input', { name: 'note', maxlength: 2000 })),
          'Opnieuw starten',
          (data) => ({
            path: path(c.caseId, '/restart'),
            body: data.get('note') ? { note: String(data.get('note')) } : {},
          }),
        ),
      );
    }
  }
  if (forms.length === 0) return h('section', null);
  return h(
    'section',
    { 'aria-labelledby': 'actions-title' },
    h('h2', { id: 'actions-title' }, 'Acties'),
    forms,
  );
}
