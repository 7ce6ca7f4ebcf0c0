import { test, expect } from 'vitest';
import { synthDunningTemplate } from './dunning-stack.fixture.ts';
import { extractStateMachineDefinition } from '../../../local/runtime/definition.ts';
import { LocalWorkflowRuntime } from '../../../local/runtime/workflow-runtime.ts';
import { VirtualClock } from '../../../local/runtime/virtual-clock.ts';
test('smoke', async () => {
  const t = synthDunningTemplate();
  const { definition, lambdaArnsByLogicalId } = extractStateMachineDefinition(t);
  console.log(JSON.stringify(definition, null, 1), lambdaArnsByLogicalId);
  const clock = new VirtualClock('2026-01-05T09:00:00Z');
  const a = lambdaArnsByLogicalId;
  const ids = Object.keys(a);
  const tokens: string[] = [];
  const rt = new LocalWorkflowRuntime({ definition, clock, lambdaHandlers: {
    [a[ids.find(i=>i.startsWith('SendReminder'))!]!]: async (e) => { console.log('remind', e); return { wait: { seconds: 90*86400, until: '2026-04-05' } }; },
    [a[ids.find(i=>i.startsWith('StoreToken'))!]!]: async (e: any) => { console.log('store', e); tokens.push(e.taskToken); return null; },
    [a[ids.find(i=>i.startsWith('HandOff'))!]!]: async (e) => { console.log('handoff', e, clock.now()); return { reference: 'AG-1' }; },
  }});
  console.log(rt.startExecution('case-1', { caseId: 'case-1' }));
  await rt.runUntilIdle();
  console.log(JSON.stringify(rt.describeExecution('case-1'), null, 1));
  expect(1).toBe(1);
});
