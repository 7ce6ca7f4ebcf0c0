import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import type { OperatorAlerts, ReviewEscalatedAlert } from '../ports/operator-alerts.ts';

/** Operator alerts as messages on an SNS topic (the one the alarms notify). */
export class SnsOperatorAlerts implements OperatorAlerts {
  private readonly client: SNSClient;

  constructor(private readonly options: { topicArn: string; client?: SNSClient }) {
    this.client = options.client ?? new SNSClient({});
  }

  async reviewEscalated(alert: ReviewEscalatedAlert): Promise<void> {
    await this.client.send(
      new PublishCommand({
        TopicArn: this.options.topicArn,
        Subject: `Dispute review escalated (${alert.escalation}x): case ${alert.caseId}`.slice(0, 100),
        Message: JSON.stringify({ alert: 'review-escalated', ...alert }),
        MessageAttributes: { alert: { DataType: 'String', StringValue: 'review-escalated' } },
      }),
    );
  }
}
