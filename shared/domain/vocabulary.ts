/**
 * Every list of names the case lifecycle uses, declared once. The case model's types, the API's zod
 * schemas (and so the OpenAPI document), the dossier schema and the state machine's route constants are
 * derived from these lists; nothing else spells them out.
 */
export { CONTACT_CHANNELS, type ContactChannel } from '../rules/cancellation-terms.ts';

export const DEBTOR_KINDS = ['consumer', 'business'] as const;
export type DebtorKind = (typeof DEBTOR_KINDS)[number];

export const SALES_CHANNELS = ['off-premises', 'distance', 'on-premises'] as const;
export type SalesChannel = (typeof SALES_CHANNELS)[number];

export const CONTRACT_SUBJECTS = ['service', 'goods'] as const;

export const REQUIRED_FORMS = ['any', 'written', 'registered-post'] as const;

/** Where the dunning lifecycle stands. The stages from `handed-off` on are closed: a case never leaves them. */
export const OPEN_STAGES = ['opened', 'reminded', 'demanded', 'handing-off'] as const;
export const CLOSED_STAGES = [
  'handed-off',
  'paid',
  'withdrawn',
  'cancelled',
  'not-owed',
  'handoff-failed',
  'time-barred',
] as const;
export const STAGES = [...OPEN_STAGES, ...CLOSED_STAGES] as const;
export type CaseStage = (typeof STAGES)[number];
export type ClosedStage = (typeof CLOSED_STAGES)[number];

/** Closed stages in which the debtor owes nothing (a valid withdrawal or cancellation, a dispute accepted). */
export const NOT_OWED_STAGES = [
  'withdrawn',
  'cancelled',
  'not-owed',
] as const satisfies readonly ClosedStage[];

/** What pauses dunning. A hold and a dispute may both be in force; each ends only by its own event. */
export const PAUSE_KINDS = ['dispute', 'hold'] as const;
export type PauseKind = (typeof PAUSE_KINDS)[number];

export const DISPUTE_KINDS = ['withdrawal', 'cancellation', 'non-performance', 'amount', 'other'] as const;
export type DisputeKind = (typeof DISPUTE_KINDS)[number];

export const OPEN_DISPUTE_STATUSES = ['open', 'awaiting-reviewer'] as const;
export const DECIDED_DISPUTE_STATUSES = ['upheld', 'rejected', 'settled'] as const;
export const DISPUTE_STATUSES = [...OPEN_DISPUTE_STATUSES, ...DECIDED_DISPUTE_STATUSES] as const;
export type DisputeStatus = (typeof DISPUTE_STATUSES)[number];

/** A dispute still to be decided (by the rules or a reviewer). */
export function isOpenDisputeStatus(status: DisputeStatus): boolean {
  return (OPEN_DISPUTE_STATUSES as readonly string[]).includes(status);
}

export const DISPUTE_VERDICTS = ['valid', 'invalid', 'needs-review'] as const;
export type DisputeVerdict = (typeof DISPUTE_VERDICTS)[number];

export const DECIDED_BY = ['rules', 'reviewer'] as const;

/**
 * The groups of the staff user pool (Amazon Cognito on AWS, the dev sign-in locally): a viewer reads cases,
 * a reviewer decides disputes, an operator records payments, places and releases holds and restarts cases.
 */
export const STAFF_GROUPS = ['viewer', 'reviewer', 'operator'] as const;
export type StaffGroup = (typeof STAFF_GROUPS)[number];

/** What a reviewer may decide about a dispute. */
export const REVIEWER_DECISIONS = ['reject', 'accept', 'settle'] as const;
export type ReviewerDecision = (typeof REVIEWER_DECISIONS)[number];

/**
 * Where dunning stands, as one value the workflow routes on (the state machine's RouteCase choices).
 * Keys are the names infra uses; values what the steps return.
 */
export const CaseRoute = {
  AwaitReminderDay: 'await-reminder-day',
  AwaitDemandDay: 'await-demand-day',
  AwaitDemandTerm: 'await-demand-term',
  HandOff: 'hand-off',
  DeliverDossier: 'deliver-dossier',
  HandedOff: 'handed-off',
  /** The execution nears Step Functions' one-year limit: the case continues in a fresh one. */
  ContinueAsNew: 'continue-as-new',
  /** This execution handed the case to its successor and ends. */
  Continued: 'continued',
  ReviewDispute: 'review-dispute',
  AwaitReviewer: 'await-reviewer',
  AwaitRelease: 'await-release',
  Paid: 'paid',
  Closed: 'closed',
} as const;
export type DunningRoute = (typeof CaseRoute)[keyof typeof CaseRoute];
export const ROUTES = Object.values(CaseRoute) as [DunningRoute, ...DunningRoute[]];

/**
 * The next step a person is shown: the workflow's route, or `await-restart` when the case's workflow
 * failed and waits for an operator to fix the cause and restart it (not a route: nothing runs).
 */
export const NEXT_STEPS = [...ROUTES, 'await-restart'] as const;
export type NextStep = (typeof NEXT_STEPS)[number];

/** What a waiting workflow waits for; each wait belongs to one route. */
export const WAIT_KINDS = [
  'reminder-day',
  'demand-day',
  'demand-term',
  'reviewer-decision',
  'release',
] as const;
export type WaitKind = (typeof WAIT_KINDS)[number];

export const WAIT_FOR_ROUTE: Partial<Record<DunningRoute, WaitKind>> = {
  [CaseRoute.AwaitReminderDay]: 'reminder-day',
  [CaseRoute.AwaitDemandDay]: 'demand-day',
  [CaseRoute.AwaitDemandTerm]: 'demand-term',
  [CaseRoute.AwaitReviewer]: 'reviewer-decision',
  [CaseRoute.AwaitRelease]: 'release',
};

export const LETTER_KINDS = [
  'reminder',
  'demand',
  'fourteen-day-letter',
  'withdrawal-confirmation',
  'cancellation-confirmation',
  'dispute-rejection',
  'handoff-notice',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

/** The letters that press for payment: sent only while the case may be dunned. */
export const DUNNING_LETTER_KINDS = [
  'reminder',
  'demand',
  'fourteen-day-letter',
] as const satisfies readonly LetterKind[];

/** `bounced`: the provider reported the letter did not reach the debtor (docs/lifecycle.md, Bounces). */
export const LETTER_STATUSES = ['pending', 'delivered', 'failed', 'bounced'] as const;

/** How SES classifies a bounce (its `bounceType`, lower-cased): each means the letter did not arrive. */
export const BOUNCE_TYPES = ['permanent', 'transient', 'undetermined'] as const;
export type BounceType = (typeof BOUNCE_TYPES)[number];

/** The reason of the hold a bounced dunning letter places: a person must find a correct address. */
export const LETTER_UNDELIVERABLE_HOLD = 'letter-undeliverable';

/**
 * Why a case continues in a new execution: `failed` (an operator, after a failure), `execution-lost` (a
 * stuck case, or executions lost with the local host), `continued-as-new` (the one-year limit nears).
 */
export const RESTART_CAUSES = ['failed', 'execution-lost', 'continued-as-new'] as const;
export type RestartCause = (typeof RESTART_CAUSES)[number];

/** What a signal tells a waiting workflow happened to the case (it re-reads the case anyway). */
export const SIGNAL_EVENTS = ['paid', 'disputed', 'on-hold', 'closed', 'resumed', 'changed'] as const;
export type SignalEvent = (typeof SIGNAL_EVENTS)[number];

/** Why a case may not be dunned now: the answer of `dunningBlock` (shared/domain/lifecycle.ts). */
export const DUNNING_BLOCKS = ['paid', 'closed', 'disputed', 'on-hold'] as const;
export type DunningBlockReason = (typeof DUNNING_BLOCKS)[number];

export function isClosedStage(stage: CaseStage): stage is ClosedStage {
  return (CLOSED_STAGES as readonly string[]).includes(stage);
}

/**
 * The operational metrics (CloudWatch namespace `Collections`), derived from what a write changed on a case
 * (shared/domain/case-metrics.ts); the dashboard and alarms in infra/constructs/operations.ts read them.
 */
export const CASE_METRICS = [
  'CasesOpened',
  'LettersSent',
  'DisputesRaised',
  'DisputesDecided',
  'ReviewsEscalated',
  'ReviewEscalations',
  'HandoffsCompleted',
  'HandoffsFailed',
  'CaseFailures',
  'LettersBounced',
] as const;
export type CaseMetricName = (typeof CASE_METRICS)[number];
export const METRIC_NAMESPACE = 'Collections';
/** The `service` dimension Powertools Metrics puts on every metric; dashboards and alarms name it. */
export const METRIC_SERVICE = 'collections';

/**
 * Why an operator erases a closed case's personal data (shared/domain/retention.ts): the debtor asked
 * (art. 17 AVG/GDPR), or the creditor no longer needs it (storage limitation, art. 5 lid 1 sub e AVG).
 */
export const ERASURE_BASES = ['debtor-request', 'no-longer-needed'] as const;
export type ErasureBasis = (typeof ERASURE_BASES)[number];
/** What a case list is sorted by (the key of the index its query runs on), and in which direction. */
export const LIST_SORT_KEYS = [
  'openedAt',
  'nextStepOn',
  'debtorName',
  'pausedSince',
  'disputeRaisedOn',
] as const;
export const SORT_ORDERS = ['asc', 'desc'] as const;

/**
 * What the creditor's other systems are told happened to a case (docs/events.md): one published event per
 * chronology entry that matters to them, each with its JSON Schema in schemas/events/<type>.v1.schema.json.
 */
export const PUBLISHED_EVENT_TYPES = [
  'case-opened',
  'letter-sent',
  'payment-received',
  'paid-in-full',
  'dispute-raised',
  'review-requested',
  'review-escalated',
  'dispute-decided',
  'hold-placed',
  'hold-released',
  'handed-off',
  'handoff-failed',
  'case-failed',
  'claim-time-barred',
] as const;
export type PublishedEventType = (typeof PUBLISHED_EVENT_TYPES)[number];
