import { Duration, Stack } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { StateMachine } from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import {
  type CaseMetricName,
  DECIDED_DISPUTE_STATUSES,
  DISPUTE_KINDS,
  LETTER_KINDS,
  METRIC_NAMESPACE,
  METRIC_SERVICE,
} from '../../shared/domain/vocabulary.ts';
import type { AlarmThresholds } from '../deployment-config.ts';
import type { CollectionsFunction } from './collections-function.ts';

export interface OperationsProps {
  /** Where every alarm (and, from the code, every operator alert) goes. */
  topic: ITopic;
  stateMachine: StateMachine;
  functions: CollectionsFunction[];
  /** The case API (IAM, back-office systems). */
  api: apigw.RestApi;
  /** The staff API (Cognito, the back office in the browser); the same functions behind other routes. */
  staffApi: apigw.RestApi;
  thresholds: AlarmThresholds;
}

/**
 * The alarms, what each means and what to do, are described in README.md (Operating it). Each one's
 * description says it too, so the e-mail an operator receives carries it.
 */
export const ALARM_TEXT = {
  ExecutionsFailed:
    'A case workflow ended in CaseFailed: a step kept failing or the agency refused or kept failing the handoff. The case chronology (step-failed) says why; fix the cause, then POST /cases/{id}/restart.',
  ExecutionsTimedOut:
    'A case workflow execution timed out (the one-year limit of a Standard execution). Look the case up and POST /cases/{id}/restart.',
  ExecutionsAborted:
    'A case workflow execution was stopped by hand or by a deployment. Its case waits for nothing now: POST /cases/{id}/restart.',
  LambdaErrors:
    'A function failed more often than retries explain (its log group has the error names and codes). A ConfigurationError means its configuration must be fixed and the stack deployed again.',
  LambdaThrottles:
    'A function was throttled: Lambda concurrency in the account is exhausted. Steps retry; raise the account concurrency or find the burst.',
  Api5xx:
    'The case API answered 5xx: see the functions’ logs (InternalError, ConfigurationError) and API Gateway’s execution logs.',
  StaffApi5xx:
    'The staff API (the back office) answered 5xx: see the functions’ logs (InternalError, ConfigurationError) and the staff API’s execution logs. Staff cannot work cases meanwhile.',
  SesBounceRate:
    'The SES account bounce rate is high: SES reviews accounts from 5% and may stop sending (letters stop). Check the debtors’ e-mail addresses being sent to.',
  ReviewEscalations:
    'A dispute review has been escalated more often than allowed: a reviewer must decide it (POST /cases/{id}/disputes/{disputeId}/decision).',
} as const;
export type AlarmName = keyof typeof ALARM_TEXT;

/** A metric of the product's own (namespace `Collections`, with the service dimension Powertools adds). */
export function caseMetric(
  name: CaseMetricName,
  options: { dimension?: { name: string; value: string }; statistic?: string; label?: string } = {},
): cloudwatch.Metric {
  return new cloudwatch.Metric({
    namespace: METRIC_NAMESPACE,
    metricName: name,
    dimensionsMap: {
      service: METRIC_SERVICE,
      ...(options.dimension ? { [options.dimension.name]: options.dimension.value } : {}),
    },
    statistic: options.statistic ?? 'Sum',
    period: Duration.minutes(5),
    ...(options.label ? { label: options.label } : {}),
  });
}

/**
 * What operators are told: a CloudWatch dashboard of the cases (opened, letters, disputes, escalations,
 * handoffs, failures) beside the workflow, functions and API; alarms that notify the alerts topic.
 */
export class Operations extends Construct {
  readonly alarms: Partial<Record<AlarmName, cloudwatch.Alarm>> = {};
  readonly functionAlarms: cloudwatch.Alarm[] = [];
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    const action = new SnsAction(props.topic);
    const alarm = (
      id: string,
      text: string,
      metric: cloudwatch.IMetric,
      threshold: number,
      comparisonOperator = cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    ) => {
      const a = new cloudwatch.Alarm(this, id, {
        alarmDescription: text,
        metric,
        threshold,
        evaluationPeriods: 1,
        comparisonOperator,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      a.addAlarmAction(action);
      a.addOkAction(action);
      return a;
    };
    const fiveMinutes = { period: Duration.minutes(5), statistic: 'Sum' };

    const sm = props.stateMachine;
    this.alarms.ExecutionsFailed = alarm(
      'ExecutionsFailedAlarm',
      ALARM_TEXT.ExecutionsFailed,
      sm.metricFailed(fiveMinutes),
      1,
    );
    this.alarms.ExecutionsTimedOut = alarm(
      'ExecutionsTimedOutAlarm',
      ALARM_TEXT.ExecutionsTimedOut,
      sm.metricTimedOut(fiveMinutes),
      1,
    );
    this.alarms.ExecutionsAborted = alarm(
      'ExecutionsAbortedAlarm',
      ALARM_TEXT.ExecutionsAborted,
      sm.metricAborted(fiveMinutes),
      1,
    );
    const stack = Stack.of(this);
    for (const fn of props.functions) {
      const name = stack.getLogicalId(fn.node.defaultChild as CfnFunction);
      // e.g. WorkflowOpenCaseFunction, CaseApiOpenCaseFunction: unique, and readable in the alarm's name.
      const id = `${fn.node.scope?.node.id ?? ''}${fn.node.id}`;
      this.functionAlarms.push(
        alarm(
          `${id}ErrorsAlarm`,
          `${ALARM_TEXT.LambdaErrors} (${name})`,
          fn.metricErrors(fiveMinutes),
          props.thresholds.lambdaErrorsPerFiveMinutes,
        ),
        alarm(
          `${id}ThrottlesAlarm`,
          `${ALARM_TEXT.LambdaThrottles} (${name})`,
          fn.metricThrottles(fiveMinutes),
          1,
        ),
      );
    }
    this.alarms.Api5xx = alarm('Api5xxAlarm', ALARM_TEXT.Api5xx, props.api.metricServerError(fiveMinutes), 1);
    this.alarms.StaffApi5xx = alarm(
      'StaffApi5xxAlarm',
      ALARM_TEXT.StaffApi5xx,
      props.staffApi.metricServerError(fiveMinutes),
      1,
    );
    this.alarms.SesBounceRate = alarm(
      'SesBounceRateAlarm',
      ALARM_TEXT.SesBounceRate,
      new cloudwatch.Metric({
        namespace: 'AWS/SES',
        metricName: 'Reputation.BounceRate',
        statistic: 'Maximum',
        period: Duration.hours(1),
      }),
      props.thresholds.sesBounceRate,
    );
    this.alarms.ReviewEscalations = alarm(
      'ReviewEscalationsAlarm',
      `${ALARM_TEXT.ReviewEscalations} (more than ${props.thresholds.reviewEscalationsAbove} escalations)`,
      caseMetric('ReviewEscalations', { statistic: 'Maximum' }),
      props.thresholds.reviewEscalationsAbove,
      cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    );

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: `${stack.stackName}-operations`,
      defaultInterval: Duration.days(7),
    });
    const graph = (title: string, metrics: cloudwatch.IMetric[], width = 8) =>
      new cloudwatch.GraphWidget({ title, left: metrics, width, height: 6, stacked: false });
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({
        title: 'Alarms',
        alarms: [...Object.values(this.alarms), ...this.functionAlarms],
        width: 24,
        height: 4,
      }),
    );
    this.dashboard.addWidgets(
      graph('Cases opened, handed off, failed', [
        caseMetric('CasesOpened'),
        caseMetric('HandoffsCompleted'),
        caseMetric('HandoffsFailed'),
        caseMetric('CaseFailures'),
      ]),
      graph(
        'Letters sent by kind',
        LETTER_KINDS.map((kind) =>
          caseMetric('LettersSent', { dimension: { name: 'LetterKind', value: kind }, label: kind }),
        ),
      ),
      graph('Letters bounced', [caseMetric('LettersBounced')]),
    );
    this.dashboard.addWidgets(
      graph(
        'Disputes raised by kind',
        DISPUTE_KINDS.map((kind) =>
          caseMetric('DisputesRaised', { dimension: { name: 'DisputeKind', value: kind }, label: kind }),
        ),
      ),
      graph(
        'Disputes decided by outcome',
        DECIDED_DISPUTE_STATUSES.map((decision) =>
          caseMetric('DisputesDecided', {
            dimension: { name: 'Decision', value: decision },
            label: decision,
          }),
        ),
      ),
      graph('Reviews escalated', [
        caseMetric('ReviewsEscalated'),
        caseMetric('ReviewEscalations', { statistic: 'Maximum', label: 'most escalations of one review' }),
      ]),
    );
    this.dashboard.addWidgets(
      graph('Workflow executions', [
        sm.metricStarted(fiveMinutes),
        sm.metricSucceeded(fiveMinutes),
        sm.metricFailed(fiveMinutes),
        sm.metricTimedOut(fiveMinutes),
        sm.metricAborted(fiveMinutes),
      ]),
      graph(
        'Function errors',
        props.functions.map((fn) =>
          fn.metricErrors({ ...fiveMinutes, label: `${fn.node.scope?.node.id ?? ''}${fn.node.id}` }),
        ),
      ),
      graph('Case API', [
        props.api.metricCount(fiveMinutes),
        props.api.metricClientError(fiveMinutes),
        props.api.metricServerError(fiveMinutes),
      ]),
      // 4xx here are mostly 401/403: staff not signed in, or acting outside their group.
      graph('Staff API (back office)', [
        props.staffApi.metricCount(fiveMinutes),
        props.staffApi.metricClientError(fiveMinutes),
        props.staffApi.metricServerError(fiveMinutes),
      ]),
    );
  }
}
