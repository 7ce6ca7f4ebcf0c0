import { ApiError } from './api.ts';
import { type Child, h } from './dom.ts';

/**
 * A refusal of the API in Dutch for staff. The API's own message (English, for systems and support) is
 * kept as the detail; the sentence a person reads first says what happened and what to do.
 */
export function refusalNl(error: unknown): { text: string; detail?: string } {
  if (!(error instanceof ApiError)) {
    return { text: 'De server is niet bereikbaar. Controleer de verbinding en probeer het opnieuw.' };
  }
  const detail = error.message;
  switch (error.code) {
    case 'UNAUTHORIZED':
    case 'MISSING_AUTHENTICATION_TOKEN':
      return { text: 'Uw sessie is verlopen. Meld u opnieuw aan.' };
    case 'FORBIDDEN':
    case 'ACCESS_DENIED':
      return { text: 'Niet toegestaan: uw groep mag deze handeling niet uitvoeren.', detail };
    case 'INVALID_INPUT':
      return {
        text: `Ongeldige invoer${error.field ? ` bij ${FIELD_NL[error.field] ?? error.field}` : ''}.`,
        detail,
      };
    case 'CASE_NOT_FOUND':
      return { text: 'Dit dossier bestaat niet (meer).', detail };
    case 'DISPUTE_NOT_FOUND':
      return { text: 'Dit bezwaar bestaat niet (meer) in dit dossier.', detail };
    case 'STAGE_CONFLICT':
    case 'CASE_CLOSED':
    case 'CASE_PAID':
      return {
        text: 'Dit kan niet (meer): het dossier is intussen gewijzigd of dit is al vastgelegd. Vernieuw de pagina.',
        detail,
      };
    case 'CONCURRENT_UPDATE':
    case 'TRANSIENT':
    case 'THROTTLED':
      return { text: 'Het dossier is even bezet. Probeer het zo opnieuw.', detail };
    default:
      return error.status >= 500
        ? { text: 'Er ging iets mis op de server. Probeer het later opnieuw; blijft het, meld het.', detail }
        : { text: 'Het verzoek is geweigerd.', detail };
  }
}

/** A refusal as a page shows it: the Dutch sentence, then the API's message for support. */
export function refusalContent(error: unknown): Child[] {
  const refusal = refusalNl(error);
  return [refusal.text, refusal.detail ? h('small', { lang: 'en' }, ` (${refusal.detail})`) : null];
}

/** The fields the back office's forms and filters send, by the name the API gives them. */
const FIELD_NL: Record<string, string> = {
  'body.settlementCents': 'het schikkingsbedrag',
  'body.note': 'de motivering',
  'body.decision': 'het besluit',
  'body.reference': 'de referentie',
  'body.amountCents': 'het bedrag',
  'body.paidOn': 'de betaaldatum',
  'body.reason': 'de reden',
  'body.until': 'de einddatum',
  'body.email': 'het e-mailadres',
  'query.openedFrom': 'Geopend vanaf',
  'query.openedTo': 'Geopend tot en met',
  'query.nextStepBefore': 'Volgende stap vóór',
  'query.debtorName': 'Naam debiteur',
  'query.invoiceNumber': 'Factuurnummer',
  'query.cursor': 'de pagina',
};

/** The form control a refused field belongs to (its `name`), to mark it invalid. */
export const FIELD_CONTROL: Record<string, string> = {
  'body.settlementCents': 'settlement',
  'body.note': 'note',
  'body.reference': 'reference',
  'body.amountCents': 'amount',
  'body.paidOn': 'paidOn',
  'body.reason': 'reason',
  'body.until': 'until',
  'body.email': 'email',
};
