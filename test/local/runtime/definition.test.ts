import { describe, expect, it } from 'vitest';
import {
  assertRunnableLocally,
  extractStateMachineDefinition,
  lambdaEntriesFromTemplate,
} from '../../../local/runtime/definition.ts';
import { DefinitionNotFoundError, UnsupportedDefinitionError } from '../../../local/runtime/errors.ts';
import { VirtualClock } from '../../../local/runtime/virtual-clock.ts';
import { LocalWorkflowRuntime } from '../../../local/runtime/workflow-runtime.ts';
import {
  States,
  synthDunningTemplate,
  synthJsonataTemplate,
  synthMapTemplate,
} from './dunning-stack.fixture.ts';

describe('the definition the CDK synthesized', () => {
  const template = synthDunningTemplate();

  it('resolves to plain ASL with a deterministic fake ARN for each Lambda function', () => {
    const { definition, lambdaArnsByLogicalId } = extractStateMachineDefinition(template);

    expect(definition.StartAt).toBe(States.sendReminder);
    const reminderId = Object.keys(lambdaArnsByLogicalId).find((id) => id.startsWith('SendReminderFn'));
    expect(reminderId).toBeDefined();
    expect(lambdaArnsByLogicalId[reminderId as string]).toBe(
      `arn:aws:lambda:eu-west-1:000000000000:function:${reminderId}`,
    );
    const params = definition.States[States.sendReminder]?.Parameters as Record<string, unknown>;
    expect(params.FunctionName).toBe(lambdaArnsByLogicalId[reminderId as string]);
    expect(JSON.stringify(definition)).not.toMatch(/Fn::|"Ref"/);
    expect(definition.States[States.awaitPayment]?.TimeoutSecondsPath).toBe('$.step.wait.seconds');
  });

  it('names the source entry and handler export of every workflow function', () => {
    const entries = lambdaEntriesFromTemplate(template);
    const byEntry = Object.values(entries)
      .map((e) => `${e.entry}#${e.handlerExport}`)
      .sort();
    expect(byEntry).toEqual([
      'functions/workflow/hand-off.ts#handler',
      'functions/workflow/send-reminder.ts#handler',
      'functions/workflow/store-token.ts#handler',
    ]);
  });

  it('passes the check for what runs faithfully', () => {
    const { definition } = extractStateMachineDefinition(template);
    expect(() => assertRunnableLocally(definition)).not.toThrow();
  });

  it('asks which state machine to take when the template does not hold exactly one', () => {
    expect(() => extractStateMachineDefinition({ Resources: {} })).toThrow(DefinitionNotFoundError);
    expect(() => extractStateMachineDefinition(template, { stateMachineLogicalId: 'Nope' })).toThrow(
      DefinitionNotFoundError,
    );
  });
});

describe('definitions the local runtime would run wrong are refused', () => {
  it('a JSONata workflow is refused instead of being run as if it were JSONPath', () => {
    const { definition, lambdaArnsByLogicalId } = extractStateMachineDefinition(synthJsonataTemplate());

    expect(() => assertRunnableLocally(definition)).toThrow(UnsupportedDefinitionError);
    expect(() => assertRunnableLocally(definition)).toThrow(/QueryLanguage JSONata/);
    expect(
      () =>
        new LocalWorkflowRuntime({
          definition,
          clock: new VirtualClock('2026-01-01T00:00:00Z'),
          lambdaHandlers: Object.fromEntries(
            Object.values(lambdaArnsByLogicalId).map((arn) => [arn, async () => ({})]),
          ),
        }),
    ).toThrow(UnsupportedDefinitionError);
  });

  it('a JSONata state inside a JSONPath workflow is refused too', () => {
    const { definition } = extractStateMachineDefinition(synthDunningTemplate());
    const state = definition.States[States.sendReminder] as Record<string, unknown>;
    state.QueryLanguage = 'JSONata';
    expect(() => assertRunnableLocally(definition)).toThrow(/state "SendReminder": QueryLanguage JSONata/);
  });

  it('a Map state is refused, naming the state and the type', () => {
    const { definition } = extractStateMachineDefinition(synthMapTemplate());
    expect(() => assertRunnableLocally(definition)).toThrow(/state "EachInvoice": state type Map/);
  });

  it('a service integration without a local handler, heartbeats and variables are refused', () => {
    const { definition } = extractStateMachineDefinition(synthDunningTemplate());
    const reminder = definition.States[States.sendReminder] as Record<string, unknown>;
    reminder.Resource = 'arn:aws:states:::dynamodb:putItem';
    const waiter = definition.States[States.awaitPayment] as Record<string, unknown>;
    waiter.HeartbeatSeconds = 60;
    const choice = definition.States[States.whatHappened] as Record<string, unknown>;
    choice.Assign = { seen: true };

    let refusal: UnsupportedDefinitionError | undefined;
    try {
      assertRunnableLocally(definition);
    } catch (error) {
      refusal = error as UnsupportedDefinitionError;
    }
    expect(refusal).toBeInstanceOf(UnsupportedDefinitionError);
    expect(refusal?.problems).toEqual([
      expect.stringMatching(/SendReminder.*dynamodb:putItem has no local handler/),
      expect.stringMatching(/AwaitPayment.*HeartbeatSeconds/),
      expect.stringMatching(/WhatHappened.*Assign/),
    ]);
  });

  it('a Catch on States.TaskFailed ahead of the timeout catcher of a callback is refused', () => {
    const { definition } = extractStateMachineDefinition(synthDunningTemplate());
    const waiter = definition.States[States.awaitPayment] as unknown as { Catch: unknown[] };
    waiter.Catch.unshift({ ErrorEquals: ['States.TaskFailed'], Next: States.paid });
    expect(() => assertRunnableLocally(definition)).toThrow(/States.TaskFailed ahead of any States.Timeout/);
  });
});
