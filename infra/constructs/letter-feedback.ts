import { Duration } from 'aws-cdk-lib';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailSendingEvent,
  EventDestination,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';
import { SES_FEEDBACK_DETAIL_TYPES } from '../../shared/adapters/letter-feedback.ses.ts';
import type { PortResources, PortUse } from '../function-access.ts';
import { LETTER_FEEDBACK_ENTRY } from '../paths.ts';
import { CollectionsFunction } from './collections-function.ts';

export { LETTER_FEEDBACK_ENTRY };

/**
 * Read the case, write it back under its version, publish what it recorded (a bounce may place a hold),
 * wake its waiting workflow.
 */
export const LETTER_FEEDBACK_PORTS = {
  store: ['get', 'replace'],
  workflow: ['signal'],
  events: ['publish'],
} as const satisfies PortUse;

export interface LetterFeedbackProps {
  ports: PortResources;
  /** Name of the configuration set every letter is sent with. */
  configurationSetName: string;
  /** Environment every function shares (the settings). */
  environment: Record<string, string>;
  logRetention?: RetentionDays;
}

/**
 * How letters leave and what comes back: an SES configuration set that delivers only over TLS (a letter
 * whose receiving server cannot do TLS bounces instead of travelling in the clear), publishing bounces and
 * complaints to the default event bus, where a rule hands them to the function that records them on the
 * case (shared/use-cases/letter-feedback.ts). SES tags each letter with its case and letter id.
 */
export class LetterFeedback extends Construct {
  readonly configurationSet: ConfigurationSet;
  readonly function: CollectionsFunction;
  readonly rule: Rule;

  constructor(scope: Construct, id: string, props: LetterFeedbackProps) {
    super(scope, id);
    this.configurationSet = new ConfigurationSet(this, 'Letters', {
      configurationSetName: props.configurationSetName,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
    });
    // SES publishes to the default bus only.
    const defaultBus = EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    this.configurationSet.addEventDestination('BouncesAndComplaints', {
      destination: EventDestination.eventBus(defaultBus),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });

    this.function = new CollectionsFunction(this, 'RecordLetterFeedbackFunction', {
      entry: LETTER_FEEDBACK_ENTRY,
      description: 'Records an SES bounce or complaint on the case the letter belongs to',
      environment: props.environment,
      logRetention: props.logRetention,
    });
    this.function.grantPorts(LETTER_FEEDBACK_PORTS, props.ports);

    this.rule = new Rule(this, 'BouncesAndComplaintsRule', {
      description: 'SES bounces and complaints of letters, to the case they belong to',
      eventPattern: {
        source: ['aws.ses'],
        detailType: [...SES_FEEDBACK_DETAIL_TYPES],
        // SES tags every message sent with a configuration set with its name: only our letters match.
        detail: { mail: { tags: { 'ses:configuration-set': [props.configurationSetName] } } },
      },
      targets: [new LambdaFunction(this.function, { retryAttempts: 8, maxEventAge: Duration.hours(24) })],
    });
  }
}
