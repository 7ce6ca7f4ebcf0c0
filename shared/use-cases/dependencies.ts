import type { Settings } from '../config/settings.ts';
import type { AgencyClient } from '../ports/agency.ts';
import type { CaseQueries } from '../ports/case-queries.ts';
import type { CaseStore } from '../ports/case-store.ts';
import type { Clock } from '../ports/clock.ts';
import type { EventPublisher } from '../ports/events.ts';
import type { LetterDelivery } from '../ports/letter-delivery.ts';
import type { OperatorAlerts } from '../ports/operator-alerts.ts';
import type { WorkflowSignal, WorkflowStarter } from '../ports/workflow.ts';

/** The ports a use case may need; handlers build them once per process, tests pass their own. */
export interface CaseDependencies {
  store: CaseStore;
  /** The case lists (worklists, search), on the table's indexes. */
  queries: CaseQueries;
  clock: Clock;
  workflow: WorkflowStarter & WorkflowSignal;
  letters: LetterDelivery;
  agency: AgencyClient;
  alerts: OperatorAlerts;
  events: EventPublisher;
  settings: Settings;
}
