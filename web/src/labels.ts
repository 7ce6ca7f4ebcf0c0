import type {
  CaseStage,
  DisputeStatus,
  LETTER_STATUSES,
  NextStep,
  ReviewerDecision,
  StaffGroup,
} from '../../shared/domain/vocabulary.ts';

// Dutch interface text, in the letters' terms (herinnering, aanmaning, veertiendagenbrief, bezwaar,
// incassokosten, wettelijke rente). Typed by the project's vocabulary: a new name there fails tsc here.

export const STAGE_NL: Record<CaseStage, string> = {
  opened: 'Geopend',
  reminded: 'Herinnering verstuurd',
  demanded: 'Aangemaand',
  'handing-off': 'Wordt overgedragen',
  'handed-off': 'Overgedragen aan incassobureau',
  paid: 'Betaald',
  withdrawn: 'Herroepen',
  cancelled: 'Opgezegd',
  'not-owed': 'Niet verschuldigd',
  'handoff-failed': 'Overdracht mislukt',
  'time-barred': 'Verjaard',
};

export const DISPUTE_STATUS_NL: Record<DisputeStatus, string> = {
  open: 'Open',
  'awaiting-reviewer': 'Wacht op beoordelaar',
  upheld: 'Toegekend',
  rejected: 'Afgewezen',
  settled: 'Geschikt',
};

export const DECISION_NL: Record<ReviewerDecision, string> = {
  reject: 'Afwijzen (incasso gaat door)',
  accept: 'Toekennen (niets verschuldigd)',
  settle: 'Schikken voor een bedrag',
};

export const NEXT_STEP_NL: Record<NextStep, string> = {
  'await-reminder-day': 'Betalingsherinnering',
  'await-demand-day': 'Aanmaning',
  'await-demand-term': 'Einde betalingstermijn',
  'hand-off': 'Overdracht aan incassobureau',
  'deliver-dossier': 'Dossier naar incassobureau',
  'handed-off': 'Overgedragen',
  'continue-as-new': 'Voortzetten',
  continued: 'Voortgezet',
  'review-dispute': 'Bezwaar beoordelen',
  'await-reviewer': 'Wacht op beoordelaar; escalatie',
  'await-release': 'Wacht op opheffen incassostop; herbeoordeling',
  paid: 'Betaald',
  closed: 'Gesloten',
  'await-restart': 'Verwerking mislukt: opnieuw starten na herstel',
};

export const GROUP_NL: Record<StaffGroup, string> = {
  viewer: 'Inzien',
  reviewer: 'Bezwaren beoordelen',
  operator: 'Betalingen, incassostop, herstart',
};

/** `bounced`: the provider reported the letter did not reach the debtor (a hold asks for a new address). */
export const LETTER_STATUS_NL: Record<(typeof LETTER_STATUSES)[number], string> = {
  pending: 'Wordt verzonden',
  delivered: 'Bezorgd',
  failed: 'Niet bezorgd',
  bounced: 'Onbestelbaar',
};

export const PAUSE_NL = { dispute: 'Bezwaar', hold: 'Incassostop' } as const;

/** Chronology entry types: their Dutch name and what the timeline draws them as. */
export type TimelineKind = 'letter' | 'payment' | 'pause' | 'decision' | 'failure' | 'other';
export const ENTRY_NL: Record<string, [string, TimelineKind]> = {
  'case-opened': ['Dossier geopend', 'other'],
  'workflow-started': ['Incassotraject gestart', 'other'],
  'workflow-restarted': ['Incassotraject opnieuw gestart', 'other'],
  'letter-sent': ['Brief verzonden', 'letter'],
  'letter-delivery-failed': ['Brief niet bezorgd', 'failure'],
  'letter-delivery-unknown': ['Bezorging onzeker', 'failure'],
  'letter-bounced': ['Brief onbestelbaar', 'failure'],
  'letter-complaint': ['Klacht over e-mail (spam)', 'letter'],
  'payment-received': ['Betaling ontvangen', 'payment'],
  'paid-in-full': ['Volledig betaald', 'payment'],
  'dispute-raised': ['Bezwaar ontvangen', 'pause'],
  'review-requested': ['Beoordeling gevraagd', 'pause'],
  'review-escalated': ['Beoordeling geëscaleerd', 'pause'],
  'dispute-decided': ['Besluit op bezwaar', 'decision'],
  'hold-placed': ['Incassostop geplaatst', 'pause'],
  'hold-released': ['Incassostop opgeheven', 'pause'],
  'debtor-email-corrected': ['E-mailadres gecorrigeerd', 'other'],
  'hold-ended': ['Incassostop afgelopen', 'pause'],
  'hold-reviewed': ['Incassostop herzien', 'pause'],
  'handoff-prepared': ['Overdracht voorbereid', 'other'],
  'handoff-deferred': ['Overdracht uitgesteld', 'other'],
  'handed-off': ['Overgedragen aan incassobureau', 'decision'],
  'handed-off-after-close': ['Overgedragen na sluiting', 'decision'],
  'claim-time-barred': ['Vordering verjaard', 'decision'],
  'step-failed': ['Stap mislukt', 'failure'],
  'personal-data-erased': ['Persoonsgegevens gewist', 'other'],
};

export { DISPUTE_KIND_NL, LETTER_KIND_NL } from '../../shared/domain/names-nl.ts';
