import { DISPUTE_STATUSES } from '../../../shared/domain/vocabulary.ts';
import { h, show } from '../dom.ts';
import { date, euro } from '../format.ts';
import { DISPUTE_KIND_NL, DISPUTE_STATUS_NL } from '../labels.ts';
import type { PageContext } from '../main.ts';

// biome-ignore lint/suspicious/noExplicitAny: a worklist item as GET /disputes answers it (DisputeWorkItem)
type Item = any;

/** The reviewer's worklist: disputes by status, oldest first, with their age in working days. */
export async function renderWorklist(ctx: PageContext, params: URLSearchParams): Promise<void> {
  const status = params.get('status') ?? 'awaiting-reviewer';
  const query = new URLSearchParams({ status, limit: '50' });
  const cursor = params.get('cursor');
  if (cursor) query.set('cursor', cursor);
  // A form with a button, not navigation on change: arrow keys then step through the options.
  const picker = h(
    'form',
    {
      class: 'filters inline',
      'aria-label': 'Status',
      onsubmit: (e: Event) => {
        e.preventDefault();
        const chosen = new FormData(e.target as HTMLFormElement).get('status');
        location.hash = `#/worklist?status=${encodeURIComponent(String(chosen))}`;
      },
    },
    h('label', { for: 'status' }, 'Status'),
    h(
      'select',
      { id: 'status', name: 'status' },
      DISPUTE_STATUSES.map((s) => h('option', { value: s, selected: s === status }, DISPUTE_STATUS_NL[s])),
    ),
    h('button', { type: 'submit' }, 'Tonen'),
  );
  show(ctx.main, h('h1', null, 'Werkvoorraad bezwaren'), h('p', { class: 'muted' }, 'Laden…'));
  const page = (await ctx.api.json('GET', `/disputes?${query}`)) as { items: Item[]; cursor: string | null };
  const rows = page.items.map((d: Item) =>
    h(
      'tr',
      null,
      h(
        'td',
        null,
        h('a', { href: `#/cases/${encodeURIComponent(d.caseId)}` }, d.case?.debtor?.name ?? d.caseId),
      ),
      h('td', null, DISPUTE_KIND_NL[d.kind as keyof typeof DISPUTE_KIND_NL] ?? d.kind),
      h('td', null, date(d.raisedOn)),
      h('td', { class: 'num' }, String(d.ageWorkingDays)),
      h('td', { class: 'num' }, String(d.escalationCount)),
      h('td', { class: 'num' }, euro(d.case?.amounts?.totalCents)),
    ),
  );
  const next = new URLSearchParams({ status });
  if (page.cursor) next.set('cursor', page.cursor);
  show(
    ctx.main,
    h('h1', null, 'Werkvoorraad bezwaren'),
    picker,
    rows.length === 0
      ? h('p', null, 'Geen bezwaren met deze status.')
      : h(
          'table',
          { class: 'list' },
          h('caption', { class: 'sr-only' }, 'Bezwaren, oudste eerst'),
          h(
            'thead',
            null,
            h(
              'tr',
              null,
              ['Debiteur', 'Soort bezwaar', 'Ontvangen', 'Werkdagen oud', 'Escalaties', 'Openstaand'].map(
                (t) => h('th', { scope: 'col' }, t),
              ),
            ),
          ),
          h('tbody', null, rows),
        ),
    page.cursor
      ? h('p', null, h('a', { href: `#/worklist?${next}`, class: 'button' }, 'Volgende pagina'))
      : null,
  );
}
