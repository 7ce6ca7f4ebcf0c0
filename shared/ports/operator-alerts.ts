/**
 * What operators are told as it happens (on AWS: a message on the alerts topic, which also carries the
 * alarms). Ids and counts only: the case record holds the personal data.
 */
export interface ReviewEscalatedAlert {
  caseId: string;
  disputeId: string;
  /** How many times this dispute's review has been escalated, this time included. */
  escalation: number;
  /** The Amsterdam calendar date of the escalation. */
  on: string;
}

export interface OperatorAlerts {
  reviewEscalated(alert: ReviewEscalatedAlert): Promise<void>;
}
