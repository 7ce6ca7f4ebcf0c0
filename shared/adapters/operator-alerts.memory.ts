import type { OperatorAlerts, ReviewEscalatedAlert } from '../ports/operator-alerts.ts';

/** Operator alerts kept in memory (source-mode local runs and tests read them from `sent`). */
export class MemoryOperatorAlerts implements OperatorAlerts {
  readonly sent: ({ alert: 'review-escalated' } & ReviewEscalatedAlert)[] = [];

  async reviewEscalated(alert: ReviewEscalatedAlert): Promise<void> {
    this.sent.push({ alert: 'review-escalated', ...alert });
  }
}
