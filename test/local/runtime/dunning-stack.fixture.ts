/**
 * A small dunning workflow built with the CDK the way the product's stack builds it (LambdaInvoke with
 * Retry/Catch, a waitForTaskToken wait with TimeoutSecondsPath, Choice, Succeed/Fail), synthesized in
 * process. Tests run the definition from this template, never a hand-written copy.
 */
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import type { CfnTemplate } from '../../../local/runtime/definition.ts';

export const States = {
  sendReminder: 'SendReminder',
  awaitPayment: 'AwaitPayment',
  whatHappened: 'WhatHappened',
  paid: 'Paid',
  disputed: 'Disputed',
  handOff: 'HandOffToAgency',
  handedOff: 'HandedOff',
  broken: 'Broken',
} as const;

export interface FixtureOptions {
  queryLanguage?: sfn.QueryLanguage;
  /** Adds a Wait state of this many days before the reminder. */
  waitDaysBeforeReminder?: number;
  timeoutDays?: number;
}

function newApp(): { app: App; stack: Stack } {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  return { app, stack: new Stack(app, 'DunningTest') };
}

function workflowFunction(stack: Stack, id: string, entry: string): lambda.Function {
  const fn = new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({});'),
  });
  const cfn = fn.node.defaultChild as lambda.CfnFunction;
  cfn.addMetadata('collections:entry', entry);
  cfn.addMetadata('collections:handler', 'handler');
  return fn;
}

export function synthDunningTemplate(options: FixtureOptions = {}): CfnTemplate {
  const { stack } = newApp();
  const reminder = workflowFunction(stack, 'SendReminderFn', 'functions/workflow/send-reminder.ts');
  const waiter = workflowFunction(stack, 'StoreTokenFn', 'functions/workflow/store-token.ts');
  const agency = workflowFunction(stack, 'HandOffFn', 'functions/workflow/hand-off.ts');

  const sendReminder = new tasks.LambdaInvoke(stack, States.sendReminder, {
    lambdaFunction: reminder,
    payload: sfn.TaskInput.fromObject({
      caseId: sfn.JsonPath.stringAt('$.caseId'),
      attempt: sfn.JsonPath.numberAt('$$.State.RetryCount'),
      execution: sfn.JsonPath.stringAt('$$.Execution.Name'),
      startedAt: sfn.JsonPath.stringAt('$$.Execution.StartTime'),
      enteredAt: sfn.JsonPath.stringAt('$$.State.EnteredTime'),
    }),
    resultSelector: { wait: sfn.JsonPath.objectAt('$.Payload.wait') },
    resultPath: '$.step',
  });
  sendReminder.addRetry({
    errors: ['TransientError'],
    interval: Duration.seconds(60),
    backoffRate: 2,
    maxAttempts: 3,
  });

  const paid = new sfn.Succeed(stack, States.paid);
  const disputed = new sfn.Succeed(stack, States.disputed);
  const broken = new sfn.Fail(stack, States.broken, { error: 'WorkflowBroken', cause: 'unexpected error' });
  sendReminder.addCatch(paid, { errors: ['CasePaidError'], resultPath: '$.error' });
  sendReminder.addCatch(broken, { errors: ['States.ALL'], resultPath: '$.error' });

  const awaitPayment = new tasks.LambdaInvoke(stack, States.awaitPayment, {
    lambdaFunction: waiter,
    integrationPattern: sfn.IntegrationPattern.WAIT_FOR_TASK_TOKEN,
    payload: sfn.TaskInput.fromObject({
      caseId: sfn.JsonPath.stringAt('$.caseId'),
      taskToken: sfn.JsonPath.taskToken,
      waitingFor: 'payment',
      until: sfn.JsonPath.stringAt('$.step.wait.until'),
    }),
    taskTimeout: sfn.Timeout.at('$.step.wait.seconds'),
    resultPath: '$.signal',
  });

  const handOff = new tasks.LambdaInvoke(stack, States.handOff, {
    lambdaFunction: agency,
    payload: sfn.TaskInput.fromObject({ caseId: sfn.JsonPath.stringAt('$.caseId') }),
    resultSelector: { reference: sfn.JsonPath.stringAt('$.Payload.reference') },
    resultPath: '$.agency',
  });
  handOff.addRetry({ errors: ['AgencyUnavailableError'], interval: Duration.seconds(30), maxAttempts: 2 });
  awaitPayment.addCatch(handOff, { errors: ['States.Timeout'], resultPath: '$.timeout' });

  const whatHappened = new sfn.Choice(stack, States.whatHappened)
    .when(sfn.Condition.stringEquals('$.signal.event', 'paid'), paid)
    .when(sfn.Condition.stringEquals('$.signal.event', 'disputed'), disputed)
    .otherwise(broken);

  const main = sendReminder.next(awaitPayment).next(whatHappened);
  handOff.next(new sfn.Succeed(stack, States.handedOff));

  const start = options.waitDaysBeforeReminder
    ? new sfn.Wait(stack, 'GracePeriod', {
        time: sfn.WaitTime.duration(Duration.days(options.waitDaysBeforeReminder)),
      }).next(main)
    : main;

  new sfn.StateMachine(stack, 'CaseLifecycle', {
    definitionBody: sfn.DefinitionBody.fromChainable(start),
    ...(options.queryLanguage && { queryLanguage: options.queryLanguage }),
    ...(options.timeoutDays && { timeout: Duration.days(options.timeoutDays) }),
  });
  return Template.fromStack(stack).toJSON() as CfnTemplate;
}

/** A JSONata workflow, as `sfn.StateMachine` with queryLanguage JSONATA synthesizes it. */
export function synthJsonataTemplate(): CfnTemplate {
  const { stack } = newApp();
  const fn = workflowFunction(stack, 'ScoreFn', 'functions/workflow/score.ts');
  const score = tasks.LambdaInvoke.jsonata(stack, 'Score', {
    lambdaFunction: fn,
    payload: sfn.TaskInput.fromObject({ caseId: '{% $states.input.caseId %}' }),
  });
  new sfn.StateMachine(stack, 'Scoring', {
    queryLanguage: sfn.QueryLanguage.JSONATA,
    definitionBody: sfn.DefinitionBody.fromChainable(score),
  });
  return Template.fromStack(stack).toJSON() as CfnTemplate;
}

/** A workflow with a Map state, which the local runtime refuses. */
export function synthMapTemplate(): CfnTemplate {
  const { stack } = newApp();
  const fn = workflowFunction(stack, 'ItemFn', 'functions/workflow/item.ts');
  const map = new sfn.Map(stack, 'EachInvoice', { itemsPath: '$.invoices' });
  map.itemProcessor(new tasks.LambdaInvoke(stack, 'Item', { lambdaFunction: fn }));
  new sfn.StateMachine(stack, 'Batch', { definitionBody: sfn.DefinitionBody.fromChainable(map) });
  return Template.fromStack(stack).toJSON() as CfnTemplate;
}
