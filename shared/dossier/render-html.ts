import { formatDutchDate, formatEuro } from '../letters/format.ts';
import { escapeHtml as e } from '../letters/template-engine.ts';
import { CHANNEL_NL as CHANNEL_OF_CONTACT } from '../rules/cancellation.ts';
import { unconfirmedRatesNoticeNl } from '../rules/interest.ts';
import type { ClaimPart } from './build.ts';
import { DISPUTE_KIND_NL, LETTER_KIND_NL } from './chronology-nl.ts';
import type { Dossier } from './schema.ts';

const CHANNEL_NL: Record<string, string> = {
  'off-premises': 'buiten de verkoopruimte',
  distance: 'op afstand',
  'on-premises': 'in de verkoopruimte',
};
const STATUS_NL: Record<string, string> = {
  pending: 'in verzending',
  delivered: 'bezorgd',
  failed: 'mislukt',
  open: 'open',
  'awaiting-reviewer': 'wacht op een medewerker',
  upheld: 'toegewezen',
  rejected: 'afgewezen',
  settled: 'geschikt',
  valid: 'geldig',
  invalid: 'ongeldig',
  'needs-review': 'beoordeling door een medewerker',
};
const nl = (map: Record<string, string>, key: string) => map[key] ?? key;
const ACTOR_NL: Record<string, string> = {
  workflow: 'systeem',
  api: 'schuldeiser',
  debtor: 'schuldenaar',
  rules: 'regels',
  intake: 'intake',
};
const actorNl = (actor: string) =>
  actor.startsWith('reviewer:') ? `medewerker ${actor.slice('reviewer:'.length)}` : nl(ACTOR_NL, actor);

const d = (date: string | null | undefined) => (date ? e(formatDutchDate(date)) : '—');
const money = (cents: number) => `<span class="amount">${e(formatEuro(cents))}</span>`;

function table(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return '<p><em>Geen.</em></p>';
  return [
    '<table>',
    `<thead><tr>${headers.map((h) => `<th>${e(h)}</th>`).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`),
    '</tbody>',
    '</table>',
  ].join('\n');
}

function claimPart(title: string, p: ClaimPart): string {
  return [
    `<h3>${e(title)}: ${money(p.amountCents)}</h3>`,
    table(
      ['Post', 'Berekening', 'Bedrag'],
      p.computation.map((l) => [e(l.label), e(l.detail), money(l.amountCents)]),
    ),
  ].join('\n');
}

/** A readable rendering of the dossier for the agency's case handler (Dutch, self-contained HTML). */
export function renderDossierHtml(dossier: Dossier): string {
  const { creditor, debtor, contract, claim } = dossier;
  // A handoff date only for a case the agency accepted; any other dossier is a statement of its date.
  const handedOff = dossier.chronology.find((c) => c.id === 'handed-off');
  const sections = [
    `<h1>Incassodossier ${e(dossier.caseId)}</h1>`,
    `<p>${handedOff ? `Uit handen gegeven op ${d(handedOff.on)}` : `Opgesteld op ${d(dossier.createdOn)}`} · dossier ${e(dossier.dossierId)} · schemaversie ${e(dossier.schemaVersion)}</p>`,
    `<h2>Vordering per ${d(claim.on)}</h2>`,
    table(
      ['Post', 'Bedrag'],
      [
        ['Hoofdsom', money(claim.principal.amountCents)],
        [
          claim.interest.kind === 'wettelijke-handelsrente' ? 'Wettelijke handelsrente' : 'Wettelijke rente',
          money(claim.interest.amountCents),
        ],
        [
          `Buitengerechtelijke incassokosten${claim.costs.vatCents > 0 ? ` (waarvan btw ${e(formatEuro(claim.costs.vatCents))})` : ''}`,
          money(claim.costs.amountCents),
        ],
        ['<strong>Totaal</strong>', `<strong>${money(claim.total.amountCents)}</strong>`],
      ],
    ),
    // Payments are already deducted from the amounts above: a line of their own would not add up.
    claim.paid.amountCents > 0
      ? `<p>Reeds betaald en hierin verrekend: ${money(claim.paid.amountCents)}.</p>`
      : '',
    claimPart('Hoofdsom', claim.principal),
    claimPart('Rente', claim.interest),
    claimPart('Incassokosten', claim.costs),
    claimPart('Betalingen', claim.paid),
    claimPart('Totaal', claim.total),
    claim.sources.length > 0
      ? `<p>Bronnen: ${[...new Set(claim.sources.flatMap((s) => s.source.split('; ')))].map(e).join('; ')}</p>`
      : '',
    claim.ratesUnconfirmed
      ? `<p><strong>${e(unconfirmedRatesNoticeNl(claim.ratesUnconfirmed))}</strong></p>`
      : '',
    '<h2>Schuldeiser</h2>',
    `<p>${e(creditor.name)}<br>${e(creditor.address.street)}<br>${e(creditor.address.postalCode)} ${e(creditor.address.city)}<br>KvK ${e(creditor.kvkNumber)} · IBAN ${e(creditor.iban)} · ${e(creditor.email)}</p>`,
    '<h2>Schuldenaar</h2>',
    `<p>${e(debtor.name)} (${debtor.kind === 'consumer' ? 'consument' : 'zakelijk'})<br>${e(debtor.address.street)}<br>${e(debtor.address.postalCode)} ${e(debtor.address.city)}<br>${e(debtor.address.country)}${debtor.email ? `<br>${e(debtor.email)}` : ''}</p>`,
    '<h2>Overeenkomst</h2>',
    contract
      ? `<p>Referentie ${e(contract.reference)}; ${contract.subject === 'service' ? 'dienst' : 'goederen'}; gesloten ${e(nl(CHANNEL_NL, contract.channel))}, ${e(CHANNEL_OF_CONTACT[contract.concludedVia])}, op ${d(contract.concludedOn)}; prijs ${e(formatEuro(contract.priceCents))}; informatie over bedenktijd ontvangen: ${d(contract.coolingOffInformedOn)}.</p>
<p>Opzegvoorwaarden: ${contract.cancellationTerms ? e(contract.cancellationTerms.summary) : 'niet vastgelegd'}</p>`
      : '<p><em>Geen overeenkomst vastgelegd.</em></p>',
    '<h2>Facturen</h2>',
    table(
      ['Factuur', 'Factuurdatum', 'Vervaldatum', 'Periode', 'Bedrag'],
      dossier.invoices.map((i) => [
        e(i.number),
        d(i.issuedOn),
        d(i.dueOn),
        i.periodStart ? `${d(i.periodStart)} – ${d(i.periodEnd)}` : '—',
        money(i.amountCents),
      ]),
    ),
    '<h2>Verzonden brieven</h2>',
    table(
      ['Datum', 'Brief', 'Aan', 'Status', 'Totaal', 'Kenmerk / SHA-256'],
      dossier.letters.map((l) => [
        d(l.date),
        e(LETTER_KIND_NL[l.kind]),
        e(l.recipient),
        e(nl(STATUS_NL, l.status)),
        money(l.amounts.totalCents),
        `${e(l.letterId)}<br><code>${e(l.contentHash)}</code>`,
      ]),
    ),
    ...dossier.letters
      .filter((l) => l.content)
      .map(
        (l) =>
          `<details><summary>${d(l.date)} ${e(LETTER_KIND_NL[l.kind])}: ${e(l.content?.subject ?? '')}</summary><pre>${e(l.content?.text ?? '')}</pre></details>`,
      ),
    '<h2>Chronologie van alle contact</h2>',
    table(
      ['Datum', 'Tijdstip', 'Door', 'Omschrijving'],
      dossier.chronology.map((c) => [d(c.on), e(c.at), e(actorNl(c.actor)), e(c.summary)]),
    ),
    '<h2>Geschillen</h2>',
    ...(dossier.disputes.length === 0
      ? ['<p><em>Geen.</em></p>']
      : dossier.disputes.map((x) =>
          [
            `<h3>${e(DISPUTE_KIND_NL[x.kind])}, ingediend ${d(x.raisedOn)} (${e(nl(STATUS_NL, x.status))})</h3>`,
            `<blockquote>${e(x.statement)}</blockquote>`,
            x.verdict
              ? `<p>Oordeel (${x.verdict.by === 'rules' ? 'regels' : 'beoordelaar'}, ${d(x.verdict.decidedOn)}): <strong>${e(nl(STATUS_NL, x.verdict.verdict))}</strong></p>
<ul>${x.verdict.reasons.map((r) => `<li>${e(r.text)} <em>(${e(r.article)})</em></li>`).join('')}</ul>`
              : '<p>Nog geen oordeel.</p>',
            x.settlementCents !== undefined ? `<p>Schikking: ${money(x.settlementCents)}</p>` : '',
            x.cancellation
              ? `<p>Opzegging verzonden ${d(x.cancellation.noticeSentOn)} ${e(CHANNEL_OF_CONTACT[x.cancellation.channel])}, ontvangen ${d(x.cancellation.noticeReceivedOn)}, bevestigd: ${x.cancellation.confirmedByTrader ? 'ja' : 'nee'}</p>`
              : '',
            x.withdrawalNotice
              ? `<p>Herroeping verzonden ${d(x.withdrawalNotice.sentOn)} ${e(CHANNEL_OF_CONTACT[x.withdrawalNotice.channel])}</p>`
              : '',
          ].join('\n'),
        )),
    '<h2>Bewijs van gebruik van de dienst</h2>',
    table(
      ['Bron', 'Laatst gebruikt', 'Omschrijving'],
      dossier.serviceUse.map((u) => [
        e(u.source.replace(/^dispute /, 'bezwaar ')),
        d(u.lastUsedOn),
        e(u.description),
      ]),
    ),
    '<h2>Betalingen</h2>',
    table(
      ['Datum', 'Referentie', 'Bedrag'],
      dossier.payments.map((p) => [d(p.paidOn), e(p.reference), money(p.amountCents)]),
    ),
    dossier.demandTerm
      ? `<p>Veertiendagentermijn: vermoedelijk bezorgd ${d(dossier.demandTerm.deliveredOn)}, laatste betaaldag ${d(dossier.demandTerm.lastDayToPay)}, incassokosten verschuldigd vanaf ${d(dossier.demandTerm.costsDueFrom)}.</p>`
      : '',
  ];
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Incassodossier ${e(dossier.caseId)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 60em; margin: 2em auto; line-height: 1.4; }
table { border-collapse: collapse; margin: 0.5em 0 1em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.25em 0.75em 0.25em 0; text-align: left; vertical-align: top; }
.amount { white-space: nowrap; }
td:has(> .amount:only-child) { text-align: right; }
pre { white-space: pre-wrap; background: #f6f6f6; padding: 0.5em; }
</style>
</head>
<body>
${sections.filter((s) => s !== '').join('\n')}
</body>
</html>
`;
}
