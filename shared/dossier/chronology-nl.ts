import type { Case, ChronologyEntry } from '../domain/case.ts';
import { DISPUTE_KIND_NL, LETTER_KIND_NL } from '../domain/names-nl.ts';
import { formatDutchDate, formatEuro } from '../rules/format-nl.ts';

export { DISPUTE_KIND_NL, LETTER_KIND_NL } from '../domain/names-nl.ts';

/**
 * A chronology entry in Dutch, for the dossier. The case keeps its operators' summary (English); the dossier
 * an agency and a court read says the same in Dutch, built from the entry's type, date and references and the
 * case it belongs to. A reviewer's or operator's own note is quoted as written.
 */
export function chronologySummaryNl(e: ChronologyEntry, c: Case): string {
  const refs = e.refs ?? {};
  const letter = refs.letterId ? c.letters.find((l) => l.letterId === refs.letterId) : undefined;
  const letterName = letter ? lowerFirst(LETTER_KIND_NL[letter.kind]) : 'brief';
  const dispute = refs.disputeId ? c.disputes.find((d) => d.disputeId === refs.disputeId) : undefined;
  const disputeName = dispute ? lowerFirst(DISPUTE_KIND_NL[dispute.kind]) : 'bezwaar';
  const note = (prefix: string) => {
    const i = e.summary.indexOf(': ');
    return i >= 0 && e.type !== 'step-failed' ? `${prefix}: "${e.summary.slice(i + 2)}"` : prefix;
  };
  switch (e.type) {
    case 'case-opened':
      return `Dossier geopend voor ${c.invoices.length === 1 ? 'één factuur' : `${c.invoices.length} facturen`}.`;
    case 'workflow-started':
      return 'Incassoprocedure gestart.';
    case 'workflow-restarted':
      return 'Incassoprocedure opnieuw gestart.';
    case 'step-failed':
      return 'Technische storing in een stap van de procedure; de stap wordt opnieuw uitgevoerd of door een medewerker opgepakt.';
    case 'letter-sent':
      return `${capitalise(letterName)} verzonden${letter ? ` (totaal ${formatEuro(letter.amounts.totalCents)})` : ''}.`;
    case 'letter-delivery-failed':
      return `Verzending van ${letterName} mislukt; de brief wordt opnieuw verzonden.`;
    case 'letter-delivery-unknown':
      return `Onbekend of ${letterName} de verzender bereikte; dezelfde brief is opnieuw verzonden.`;
    case 'payment-received':
    case 'paid-in-full': {
      const payment = c.payments.find((p) => p.reference === refs.reference);
      const what = payment
        ? `Betaling ${payment.reference} van ${formatEuro(payment.amountCents)} op ${formatDutchDate(payment.paidOn)} ontvangen`
        : 'Betaling ontvangen';
      return `${what}${e.type === 'paid-in-full' ? '; de vordering is volledig betaald' : ''}.`;
    }
    case 'dispute-raised':
      return `Bezwaar ingediend: ${disputeName}.`;
    case 'review-requested':
      return `De regels kunnen dit bezwaar (${disputeName}) niet beslissen; een medewerker beslist.`;
    case 'review-escalated':
      return 'Bezwaar niet binnen de termijn beoordeeld; voorgelegd aan een leidinggevende.';
    case 'withdrawal-accepted':
      return 'Herroeping binnen de bedenktijd aanvaard; niets verschuldigd.';
    case 'cancellation-accepted':
      return 'Opzegging geldig bevonden; de facturen na het einde van de overeenkomst vervallen.';
    case 'dispute-rejected':
      return `Bezwaar (${disputeName}) afgewezen op grond van de regels; de incasso is hervat.`;
    case 'dispute-decided': {
      const decision = dispute?.status;
      return decision === 'rejected'
        ? `Bezwaar (${disputeName}) afgewezen door een medewerker.`
        : decision === 'settled'
          ? `Schikking getroffen${dispute?.settlementCents !== undefined ? ` voor ${formatEuro(dispute.settlementCents)}` : ''}.`
          : `Bezwaar (${disputeName}) toegewezen door een medewerker.`;
    }
    case 'hold-placed':
      return 'Incasso tijdelijk stilgezet door de schuldeiser.';
    case 'hold-released':
      return note('Stilzetting opgeheven');
    case 'debtor-email-corrected':
      return 'E-mailadres van de debiteur gecorrigeerd; volgende brieven gaan naar het nieuwe adres.';
    case 'hold-ended':
      return 'Stilzetting geëindigd op de afgesproken einddatum.';
    case 'hold-reviewed':
      return 'Stilzetting zonder einddatum opnieuw bekeken; zij blijft van kracht.';
    case 'handoff-prepared':
      return 'Betalingstermijn verstreken zonder betaling of bezwaar; dossier voorbereid voor het incassobureau.';
    case 'claim-time-barred':
      return 'De vordering is verjaard en wordt niet uit handen gegeven.';
    case 'handoff-deferred':
      return 'Na de aanmaning is een deel betaald; voor de rest gaat eerst een nieuwe aanmaning uit.';
    case 'handed-off':
      return `Vordering uit handen gegeven aan het incassobureau${refs.agencyReference ? ` (kenmerk ${refs.agencyReference})` : ''}.`;
    case 'handed-off-after-close':
      return `Het incassobureau nam het dossier aan${refs.agencyReference ? ` (kenmerk ${refs.agencyReference})` : ''} nadat de zaak was afgesloten; het bureau wordt ingelicht.`;
    default:
      return `Gebeurtenis vastgelegd (${e.type}).`;
  }
}

function lowerFirst(text: string): string {
  return `${text.charAt(0).toLowerCase()}${text.slice(1)}`;
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
