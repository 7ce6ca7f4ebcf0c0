import { ArnFormat, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import {
  CaseRoute,
  type DunningRoute,
  WAIT_FOR_ROUTE,
  type WaitKind,
} from '../../shared/domain/vocabulary.ts';
import { WorkflowError } from '../../shared/errors.ts';
import { CollectionsFunction } from './collections-function.ts';

/** State names are part of the contract: tests, the local runtime and dashboards refer to them. */
export const CaseState = {
  OpenCase: 'OpenCase',
  AwaitReminderDay: 'AwaitReminderDay',
  SendReminder: 'SendReminder',
  AwaitDemandDay: 'AwaitDemandDay',
  SendDemand: 'SendDemand',
  AwaitDemandTerm: 'AwaitDemandTerm',
  PrepareHandoff: 'PrepareHandoff',
  HandOffToAgency: 'HandOffToAgency',
  HandedOff: 'HandedOff',
  ReviewDispute: 'ReviewDispute',
  AwaitReviewerDecision: 'AwaitReviewerDecision',
  EscalateReview: 'EscalateReview',
  AwaitRelease: 'AwaitRelease',
  ReleaseHold: 'ReleaseHold',
  ResumeDunning: 'ResumeDunning',
  ContinueAsNew: 'ContinueAsNew',
  ContinuedAsNew: 'ContinuedAsNew',
  RouteCase: 'RouteCase',
  CasePaid: 'CasePaid',
  CaseClosed: 'CaseClosed',
  RecordFailure: 'RecordFailure',
  CaseFailed: 'CaseFailed',
} as const;
export type CaseStateName = (typeof CaseState)[keyof typeof CaseState];

/**
 * Routes a step returns in `route` (shared/domain/vocabulary.ts); RouteCase sends the case to the matching
 * state. Every step ends in RouteCase, so where a case goes next is always computed from its record.
 */
export { CaseRoute } from '../../shared/domain/vocabulary.ts';

/** Error names the workflow routes on: literals exported by the error module, so bundling cannot change them. */
export { WorkflowError } from '../../shared/errors.ts';

/** Which handler module runs each Lambda step. */
export const STEP_ENTRIES = {
  openCase: 'functions/workflow/open-case.ts',
  awaitCaseEvent: 'functions/workflow/await-case-event.ts',
  sendReminder: 'functions/workflow/send-reminder.ts',
  sendDemand: 'functions/workflow/send-demand.ts',
  prepareHandoff: 'functions/workflow/prepare-handoff.ts',
  handOffToAgency: 'functions/workflow/hand-off-to-agency.ts',
  reviewDispute: 'functions/workflow/review-dispute.ts',
  escalateReview: 'functions/workflow/escalate-review.ts',
  releaseHold: 'functions/workflow/release-hold.ts',
  resumeDunning: 'functions/workflow/resume-dunning.ts',
  continueAsNew: 'functions/workflow/continue-as-new.ts',
  recordFailure: 'functions/workflow/record-failure.ts',
} as const;
export type StepName = keyof typeof STEP_ENTRIES;

export interface CaseWorkflowProps {
  table: ITable;
  /** The bus every step publishes the case's events to. */
  eventBus: IEventBus;
  /** Name of the state machine; fixed so the callback function can be granted by ARN without a cycle. */
  stateMachineName: string;
  /** Environment every step shares (creditor details, dunning policy, letter sender). */
  environment: Record<string, string>;
  agencyEndpoint: string;
  agencySecret: ISecret;
  /** The SES identity letters are sent from (an e-mail address); its domain may be the verified identity. */
  letterFromAddress: string;
  /** First wait before retrying an agency that is down; doubles each attempt. */
  agencyRetryInterval?: Duration;
  agencyRetryAttempts?: number;
  logRetention?: RetentionDays;
}

/**
 * The lifecycle of one case: reminder -> demand (14-day letter) -> handoff, with dispute review and
 * holds. Every wait is a callback task that times out on the next step's date (computed by the rules
 * with Dutch working days) and is woken early by a payment, dispute or hold recorded through the API.
 */
export class CaseWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  /** Goes off when a case's workflow fails (a handoff that kept failing, a step that could not recover). */
  readonly failedCasesAlarm: cloudwatch.Alarm;
  readonly functions: Record<StepName, CollectionsFunction>;

  constructor(scope: Construct, id: string, props: CaseWorkflowProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const stateMachineArn = stack.formatArn({
      service: 'states',
      resource: 'stateMachine',
      resourceName: props.stateMachineName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });

    const fn = (name: StepName, description: string) =>
      new CollectionsFunction(this, `${name[0]?.toUpperCase()}${name.slice(1)}Function`, {
        entry: STEP_ENTRIES[name],
        description,
        environment: props.environment,
        logRetention: props.logRetention,
      });
    this.functions = {
      openCase: fn('openCase', 'Opens a case: checks it and plans the reminder day'),
      awaitCaseEvent: fn('awaitCaseEvent', 'Keeps the task token on the case while the workflow waits'),
      sendReminder: fn('sendReminder', 'Sends the payment reminder (betalingsherinnering)'),
      sendDemand: fn('sendDemand', 'Sends the demand; for consumers the 14-day letter of 6:96 lid 6 BW'),
      prepareHandoff: fn('prepareHandoff', 'Checks the case may go to the agency and fixes the claim'),
      handOffToAgency: fn('handOffToAgency', 'Sends the dossier to the collection agency over HTTPS'),
      reviewDispute: fn('reviewDispute', 'Applies the rules to an open dispute'),
      escalateReview: fn('escalateReview', 'Escalates a dispute review left undecided'),
      releaseHold: fn('releaseHold', 'Ends a hold whose end date has come'),
      resumeDunning: fn('resumeDunning', 'Works out where dunning stands after the case changed'),
      continueAsNew: fn('continueAsNew', 'Continues a case in a fresh execution before the one-year limit'),
      recordFailure: fn('recordFailure', 'Records a failed step on the case'),
    };
    for (const f of Object.values(this.functions)) {
      f.bindCaseTable(props.table, 'read-write').bindEventBus(props.eventBus);
    }
    this.functions.handOffToAgency.addEnvironment('AGENCY_ENDPOINT', props.agencyEndpoint);
    this.functions.handOffToAgency.addEnvironment('AGENCY_SECRET_ARN', props.agencySecret.secretArn);
    props.agencySecret.grantRead(this.functions.handOffToAgency);
    // Letters go out through SES, from the configured sender only.
    const fromDomain = props.letterFromAddress.split('@')[1] ?? props.letterFromAddress;
    const sesIdentities = [props.letterFromAddress, fromDomain].map((identity) =>
      stack.formatArn({ service: 'ses', resource: 'identity', resourceName: identity }),
    );
    for (const sender of [
      this.functions.sendReminder,
      this.functions.sendDemand,
      this.functions.reviewDispute,
      this.functions.handOffToAgency,
    ]) {
      sender.addToRolePolicy(new PolicyStatement({ actions: ['ses:SendEmail'], resources: sesIdentities }));
    }
    // Before the one-year limit a case continues in a fresh execution of this state machine.
    this.functions.continueAsNew.addEnvironment('STATE_MACHINE_ARN', stateMachineArn);
    this.functions.continueAsNew.addToRolePolicy(
      new PolicyStatement({ actions: ['states:StartExecution'], resources: [stateMachineArn] }),
    );
    // The callback step completes its own token when the case already changed before it was stored.
    this.functions.awaitCaseEvent.addEnvironment('STATE_MACHINE_ARN', stateMachineArn);
    this.functions.awaitCaseEvent.addToRolePolicy(
      new PolicyStatement({
        actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
        resources: [stateMachineArn],
      }),
    );

    const transientRetry: sfn.RetryProps = {
      errors: [WorkflowError.ConcurrentUpdate, WorkflowError.Transient, WorkflowError.LetterDelivery],
      interval: Duration.seconds(1),
      backoffRate: 2,
      maxAttempts: 5,
      jitterStrategy: sfn.JitterType.FULL,
    };
    // Faults of Lambda itself that the CDK's default retry (service exceptions) leaves out: throttling, a
    // function that timed out, a runtime that crashed. Every step is idempotent, so each is safe to retry.
    const lambdaFaultRetry: sfn.RetryProps = {
      errors: ['Lambda.TooManyRequestsException', 'Sandbox.Timedout', 'Runtime.ExitError'],
      interval: Duration.seconds(2),
      backoffRate: 2,
      maxAttempts: 4,
      jitterStrategy: sfn.JitterType.FULL,
    };

    const failure = new sfn.Fail(this, CaseState.CaseFailed, {
      stateName: CaseState.CaseFailed,
      error: 'CaseStepFailed',
      causePath: '$.failure.Cause',
    });
    const recordFailure = new tasks.LambdaInvoke(this, CaseState.RecordFailure, {
      stateName: CaseState.RecordFailure,
      lambdaFunction: this.functions.recordFailure,
      payload: sfn.TaskInput.fromObject({
        caseId: sfn.JsonPath.stringAt('$.caseId'),
        failure: sfn.JsonPath.objectAt('$.failure'),
        state: sfn.JsonPath.stringAt('$$.State.Name'),
      }),
      resultPath: sfn.JsonPath.DISCARD,
    })
      .addRetry(transientRetry)
      .addRetry(lambdaFaultRetry)
      .next(failure);

    const casePaid = new sfn.Succeed(this, CaseState.CasePaid, { stateName: CaseState.CasePaid });
    const caseClosed = new sfn.Succeed(this, CaseState.CaseClosed, { stateName: CaseState.CaseClosed });
    const handedOff = new sfn.Succeed(this, CaseState.HandedOff, { stateName: CaseState.HandedOff });

    /** A Lambda step: its answer `{route, wait}` lands in $.step. */
    const step = (stateName: CaseStateName, name: StepName, extra: Record<string, unknown> = {}) =>
      new tasks.LambdaInvoke(this, stateName, {
        stateName,
        lambdaFunction: this.functions[name],
        payload: sfn.TaskInput.fromObject({
          caseId: sfn.JsonPath.stringAt('$.caseId'),
          executionName: sfn.JsonPath.stringAt('$$.Execution.Name'),
          executionStartTime: sfn.JsonPath.stringAt('$$.Execution.StartTime'),
          ...extra,
        }),
        resultSelector: { 'route.$': '$.Payload.route', 'wait.$': '$.Payload.wait' },
        resultPath: '$.step',
      })
        .addRetry(transientRetry)
        .addRetry(lambdaFaultRetry);

    /** A wait: the callback keeps its token on the case until a signal or the timeout (next step's date). */
    const wait = (stateName: CaseStateName, route: keyof typeof WAIT_FOR_ROUTE & DunningRoute) =>
      new tasks.LambdaInvoke(this, stateName, {
        stateName,
        lambdaFunction: this.functions.awaitCaseEvent,
        integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
        payload: sfn.TaskInput.fromObject({
          caseId: sfn.JsonPath.stringAt('$.caseId'),
          taskToken: sfn.JsonPath.taskToken,
          waitingFor: WAIT_FOR_ROUTE[route] as WaitKind,
          until: sfn.JsonPath.stringAt('$.step.wait.until'),
        }),
        taskTimeout: sfn.Timeout.at('$.step.wait.seconds'),
        resultPath: '$.signal',
      })
        .addRetry(transientRetry)
        .addRetry(lambdaFaultRetry);

    const openCase = step(CaseState.OpenCase, 'openCase');
    const awaitReminderDay = wait(CaseState.AwaitReminderDay, CaseRoute.AwaitReminderDay);
    const sendReminder = step(CaseState.SendReminder, 'sendReminder');
    const awaitDemandDay = wait(CaseState.AwaitDemandDay, CaseRoute.AwaitDemandDay);
    const sendDemand = step(CaseState.SendDemand, 'sendDemand');
    const awaitDemandTerm = wait(CaseState.AwaitDemandTerm, CaseRoute.AwaitDemandTerm);
    const prepareHandoff = step(CaseState.PrepareHandoff, 'prepareHandoff');
    const handOff = step(CaseState.HandOffToAgency, 'handOffToAgency').addRetry({
      errors: [WorkflowError.AgencyUnavailable],
      interval: props.agencyRetryInterval ?? Duration.minutes(1),
      backoffRate: 2,
      maxAttempts: props.agencyRetryAttempts ?? 6,
    });
    const reviewDispute = step(CaseState.ReviewDispute, 'reviewDispute');
    const awaitReviewerDecision = wait(CaseState.AwaitReviewerDecision, CaseRoute.AwaitReviewer);
    const escalateReview = step(CaseState.EscalateReview, 'escalateReview');
    const awaitRelease = wait(CaseState.AwaitRelease, CaseRoute.AwaitRelease);
    const releaseHold = step(CaseState.ReleaseHold, 'releaseHold');
    const resumeDunning = step(CaseState.ResumeDunning, 'resumeDunning');
    const continueAsNew = step(CaseState.ContinueAsNew, 'continueAsNew');
    const continuedAsNew = new sfn.Succeed(this, CaseState.ContinuedAsNew, {
      stateName: CaseState.ContinuedAsNew,
    });

    const routeCase = new sfn.Choice(this, CaseState.RouteCase, { stateName: CaseState.RouteCase })
      .when(sfn.Condition.stringEquals('$.step.route', CaseRoute.AwaitReminderDay), awaitReminderDay)
      .when(sfn.Condition.stringEquals('$.step.route', CaseRoute.AwaitDemandDay), awaitDemandDay)
      .when(sfn.Condition.stringEquals('$.step.route', CaseRoute.AwaitDemandTerm), awaitDemandTerm)
      .when(sfn.Condition.stringEquals('$.step.route', CaseRoute.HandOff), prepareHandoff)
      .when(sfn.Condition.stringEquals('$.step.route', CaseRoute.DeliverDossier), handOff)
      .when(sfn.Condition.stringEquals('$.step.route', CaseRoute.HandedOff), handedOff)
      .when(sfn.Condition.stringEquals('$.step.route', CaseRoute.ContinueAsNew), continueAsNew)
      .when(sfn.Condition.stringEquals('$.step.route', CaseRoute.Continued), continuedAsNew)
      .when(sfn.Condition.stringEquals('$.step.route', CaseRoute.ReviewDispute), reviewDispute)
      .when(sfn.Condition.stringEquals('$.step.route', CaseRoute.AwaitReviewer), awaitReviewerDecision)
      .when(sfn.Condition.stringEquals('$.step.route', CaseRoute.AwaitRelease), awaitRelease)
      .when(sfn.Condition.stringEquals('$.step.route', CaseRoute.Paid), casePaid)
      .when(sfn.Condition.stringEquals('$.step.route', CaseRoute.Closed), caseClosed)
      .otherwise(
        new sfn.Pass(this, 'UnknownRoute', {
          stateName: 'UnknownRoute',
          parameters: { Error: 'UnknownRoute', 'Cause.$': '$.step.route' },
          resultPath: '$.failure',
        }).next(recordFailure),
      );

    // Steps route a case that changed under them from its record; should a business error still escape
    // one (a blocked dunning action), ResumeDunning routes the case from its record too. Anything else is
    // recorded as a failure.
    const routeBusinessErrors = (task: sfn.TaskStateBase) =>
      task
        .addCatch(resumeDunning, {
          errors: [
            WorkflowError.CasePaid,
            WorkflowError.CaseDisputed,
            WorkflowError.CaseOnHold,
            WorkflowError.CaseClosed,
          ],
          resultPath: '$.interruption',
        })
        .addCatch(recordFailure, { errors: [sfn.Errors.ALL], resultPath: '$.failure' });
    const onTimeout = (task: sfn.TaskStateBase, next: sfn.IChainable) =>
      task
        .addCatch(next, { errors: [sfn.Errors.TIMEOUT], resultPath: '$.timeout' })
        .addCatch(recordFailure, { errors: [sfn.Errors.ALL], resultPath: '$.failure' });

    const steps = [
      openCase,
      sendReminder,
      sendDemand,
      prepareHandoff,
      handOff,
      reviewDispute,
      escalateReview,
      releaseHold,
      resumeDunning,
      continueAsNew,
    ];
    for (const s of steps) routeBusinessErrors(s);
    onTimeout(awaitReminderDay, sendReminder);
    onTimeout(awaitDemandDay, sendDemand);
    onTimeout(awaitDemandTerm, prepareHandoff);
    onTimeout(awaitReviewerDecision, escalateReview);
    onTimeout(awaitRelease, releaseHold);

    // Every step answers where the case stands now, and RouteCase takes it there: an event that landed
    // while a step ran (a payment, a dispute, a hold) is never overwritten by a fixed next state.
    for (const s of steps) s.next(routeCase);
    for (const w of [
      awaitReminderDay,
      awaitDemandDay,
      awaitDemandTerm,
      awaitReviewerDecision,
      awaitRelease,
    ]) {
      w.next(resumeDunning);
    }

    const logGroup = new LogGroup(this, 'StateMachineLogs', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new sfn.StateMachine(this, 'CaseLifecycle', {
      stateMachineName: props.stateMachineName,
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromChainable(openCase),
      comment: 'Dutch collections: reminder -> demand (14-day letter) -> dispute review -> agency handoff',
      tracingEnabled: true,
      logs: { destination: logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });
    this.failedCasesAlarm = new cloudwatch.Alarm(this, 'FailedCasesAlarm', {
      alarmDescription:
        'A case workflow ended in CaseFailed (e.g. the agency handoff kept failing). The case chronology says why.',
      metric: this.stateMachine.metricFailed({ period: Duration.minutes(5), statistic: 'Sum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    Validations.of(this.stateMachine).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: 'X-Ray tracing and log delivery actions of Step Functions support no resource-level scoping.',
      },
      ...Object.values(this.functions).map((f) => ({
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${stack.getLogicalId(f.node.defaultChild as CfnFunction)}.Arn>:*]`,
        reason:
          'lambda:InvokeFunction on the function and its versions/aliases, as the CDK grants for LambdaInvoke.',
      })),
    );
  }
}
