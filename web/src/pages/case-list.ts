import { DEBTOR_KINDS, type LIST_SORT_KEYS, PAUSE_KINDS, STAGES } from '../../../shared/domain/vocabulary.ts';
import { h, show } from '../dom.ts';
import { date, euro } from '../format.ts';
import { NEXT_STEP_NL, PAUSE_NL, STAGE_NL } from '../labels.ts';
import type { PageContext } from '../main.ts';
import { refusalContent } from '../refusals.ts';

/** What the list is sorted by, as GET /cases says it (`sortedBy`): the index the filters chose. */
const SORTED_BY_NL: Record<(typeof LIST_SORT_KEYS)[number], string> = {
  openedAt: 'datum van openen',
  debtorName: 'naam debiteur',
  disputeRaisedOn: 'datum van het bezwaar',
  pausedSince: 'begin van de pauze',
  nextStepOn: 'datum van de volgende stap',
};

/** The filters of GET /cases, as the page's hash query carries them (`#/?stage=demanded&debtorName=bak`). */
const FILTERS = [
  'stage',
  'pause',
  'awaitingReviewer',
  'nextStepBefore',
  'debtorKind',
  'invoiceNumber',
  'debtorName',
  'openedFrom',
  'openedTo',
  'order',
] as const;

// biome-ignore lint/suspicious/noExplicitAny: a case summary as GET /cases answers it
type Summary = any;

function select(
  name: string,
  label: string,
  options: readonly string[],
  names: Record<string, string>,
  value: string | null,
) {
  return [
    h('label', { for: `f-${name}` }, label),
    h(
      'select',
      { id: `f-${name}`, name },
      h('option', { value: '' }, 'alle'),
      options.map((o) => h('option', { value: o, selected: o === value }, names[o] ?? o)),
    ),
  ];
}

function input(name: string, label: string, type: string, value: string | null) {
  return [
    h('label', { for: `f-${name}` }, label),
    h('input', { id: `f-${name}`, name, type, value: value ?? '' }),
  ];
}

/** The case list: filters, a page of case summaries, and the next page by cursor. */
export async function renderCaseList(ctx: PageContext, params: URLSearchParams): Promise<void> {
  const query = new URLSearchParams();
  for (const f of FILTERS) {
    const v = params.get(f);
    if (v) query.set(f, v);
  }
  const cursor = params.get('cursor');
  if (cursor) query.set('cursor', cursor);
  query.set('limit', '25');

  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Filters' },
    select('stage', 'Stadium', STAGES, STAGE_NL, params.get('stage')),
    select('pause', 'Gepauzeerd door', PAUSE_KINDS, PAUSE_NL, params.get('pause')),
    select(
      'debtorKind',
      'Soort debiteur',
      DEBTOR_KINDS,
      { consumer: 'Consument', business: 'Zakelijk' },
      params.get('debtorKind'),
    ),
    input('debtorName', 'Naam debiteur (begin)', 'search', params.get('debtorName')),
    input('invoiceNumber', 'Factuurnummer', 'search', params.get('invoiceNumber')),
    input('nextStepBefore', 'Volgende stap vóór', 'date', params.get('nextStepBefore')),
    input('openedFrom', 'Geopend vanaf', 'date', params.get('openedFrom')),
    input('openedTo', 'Geopend tot en met', 'date', params.get('openedTo')),
    h('label', { for: 'f-order' }, 'Volgorde'),
    h(
      'select',
      { id: 'f-order', name: 'order' },
      h('option', { value: 'asc', selected: params.get('order') !== 'desc' }, 'oplopend (oudste eerst, A–Z)'),
      h(
        'option',
        { value: 'desc', selected: params.get('order') === 'desc' },
        'aflopend (nieuwste eerst, Z–A)',
      ),
    ),
    h(
      'label',
      { class: 'check' },
      h('input', {
        type: 'checkbox',
        name: 'awaitingReviewer',
        value: 'true',
        checked: params.get('awaitingReviewer') === 'true',
      }),
      ' Wacht op beoordelaar',
    ),
    h(
      'div',
      { class: 'buttons' },
      h('button', { type: 'submit' }, 'Zoeken'),
      h('a', { href: '#/' }, 'Wissen'),
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (String(v).trim()) next.set(k, String(v).trim());
    location.hash = `#/?${next}`;
  });

  show(ctx.main, h('h1', null, 'Dossiers'), form, h('p', { class: 'muted' }, 'Laden…'));
  let page: { items: Summary[]; cursor: string | null; sortedBy?: string; order?: string };
  try {
    page = await ctx.api.json('GET', `/cases?${query}`);
  } catch (error) {
    // The filters stay, so the person can correct what was refused.
    show(
      ctx.main,
      h('h1', null, 'Dossiers'),
      form,
      h('p', { role: 'alert', class: 'error' }, refusalContent(error)),
    );
    return;
  }
  const rows = page.items.map((c: Summary) =>
    h(
      'tr',
      null,
      h('td', null, h('a', { href: `#/cases/${encodeURIComponent(c.caseId)}` }, c.debtor?.name ?? c.caseId)),
      h('td', null, c.debtor?.kind === 'business' ? 'Zakelijk' : 'Consument'),
      h('td', null, STAGE_NL[c.stage as keyof typeof STAGE_NL] ?? c.stage),
      h(
        'td',
        null,
        (c.pauses ?? []).map((p: { kind: keyof typeof PAUSE_NL }) => PAUSE_NL[p.kind]).join(', ') || '—',
      ),
      h('td', { class: 'num' }, euro(c.amounts?.totalCents)),
      h(
        'td',
        null,
        c.nextStep
          ? `${NEXT_STEP_NL[c.nextStep.step as keyof typeof NEXT_STEP_NL] ?? c.nextStep.step} ${c.nextStep.on ? `· ${date(c.nextStep.on)}` : ''}`
          : '—',
      ),
    ),
  );
  const nextParams = new URLSearchParams(params);
  if (page.cursor) nextParams.set('cursor', page.cursor);
  show(
    ctx.main,
    h('h1', null, 'Dossiers'),
    form,
    rows.length === 0
      ? h('p', null, 'Geen dossiers gevonden.')
      : h(
          'table',
          { class: 'list' },
          h(
            'caption',
            null,
            `Gesorteerd op ${SORTED_BY_NL[page.sortedBy as keyof typeof SORTED_BY_NL] ?? 'datum van openen'}, ${
              page.sortedBy === 'debtorName'
                ? page.order === 'desc'
                  ? 'Z–A'
                  : 'A–Z'
                : page.order === 'desc'
                  ? 'nieuwste eerst'
                  : 'oudste eerst'
            }`,
          ),
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ['Debiteur', 'Soort', 'Stadium', 'Pauze', 'Openstaand', 'Volgende stap'].map((t) =>
                h('th', { scope: 'col' }, t),
              ),
            ),
          ),
          h('tbody', null, rows),
        ),
    page.cursor
      ? h('p', null, h('a', { href: `#/?${nextParams}`, class: 'button' }, 'Volgende pagina'))
      : null,
  );
}
