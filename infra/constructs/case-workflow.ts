import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
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
import type { PortResources, PortUse } from '../function-access.ts';
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

/**
 * The port methods each step's code calls (shared/use-cases/workflow-steps.ts): its IAM grants and
 * environment follow from this (infra/function-access.ts). Every step reads and replaces its case and
 * publishes the events of what it recorded (shared/use-cases/event-publishing.ts); a step
 * that records an event never signals (the workflow waits on no token while a step runs), except the wait
 * itself, which completes its own token when the case moved on before the token was stored.
 */
/** The case store methods of a step that sends letters. */
const LETTER_STORE = ['get', 'replace', 'keepLetter', 'getLetter'] as const;

export const STEP_PORTS = {
  openCase: { store: ['get', 'replace'], events: ['publish'] },
  awaitCaseEvent: { store: ['get', 'replace'], events: ['publish'], workflow: ['signal'] },
  // A step that sends a letter keeps it first and delivers the letter as kept (shared/use-cases/workflow-steps.ts).
  sendReminder: { store: [...LETTER_STORE], events: ['publish'], letters: ['deliver'] },
  sendDemand: { store: [...LETTER_STORE], events: ['publish'], letters: ['deliver'] },
  prepareHandoff: { store: ['get', 'replace'], events: ['publish'] },
  handOffToAgency: {
    store: [...LETTER_STORE],
    events: ['publish'],
    agency: ['handOff'],
    letters: ['deliver'],
  },
  reviewDispute: { store: [...LETTER_STORE], events: ['publish'], letters: ['deliver'] },
  escalateReview: { store: ['get', 'replace'], events: ['publish'], alerts: ['reviewEscalated'] },
  releaseHold: { store: ['get', 'replace'], events: ['publish'] },
  resumeDunning: { store: ['get', 'replace'], events: ['publish'] },
  // Continues the case in a fresh execution of this state machine (as a restart does, without asking).
  continueAsNew: { store: ['get', 'replace'], events: ['publish'], workflow: ['startCase'] },
  recordFailure: { store: ['get', 'replace'], events: ['publish'] },
} as const satisfies Record<StepName, PortUse>;

export interface CaseWorkflowProps {
  /**
   * What the steps' ports reach. Its state machine ARN is formed from `stateMachineName`, so the steps
   * can be granted by ARN without a cycle.
   */
  ports: PortResources;
  stateMachineName: string;
  /** Environment every step shares (creditor details, dunning policy, letter sender). */
  environment: Record<string, string>;
  agencyEndpoint: string;
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
  readonly functions: Record<StepName, CollectionsFunction>;

  constructor(scope: Construct, id: string, props: CaseWorkflowProps) {
    super(scope, id);
    const stack = Stack.of(this);

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
    for (const [name, f] of Object.entries(this.functions) as [StepName, CollectionsFunction][]) {
      f.grantPorts(STEP_PORTS[name], props.ports);
    }
    this.functions.handOffToAgency.addEnvironment('AGENCY_ENDPOINT', props.agencyEndpoint);

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
        executionName: sfn.JsonPath.stringAt('$$.Execution.Name'),
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
          // For the log lines only: every line carries the case id and the execution name.
          executionName: sfn.JsonPath.stringAt('$$.Execution.Name'),
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
