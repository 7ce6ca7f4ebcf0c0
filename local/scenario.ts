import { startOfDayInAmsterdam } from '../shared/rules/calendar.ts';
import { caseIdFor, type caseView } from '../shared/use-cases/case-commands.ts';
import type { LocalApp } from './local-app.ts';
import type { SampleAction, SampleCase } from './sample-cases.ts';

export type CaseView = Awaited<ReturnType<typeof caseView>>;

export interface ScenarioLogLine {
  caseKey: string;
  on: string;
  action: string;
  status: number;
  message?: string;
}

export interface SampleOutcome {
  sample: SampleCase;
  caseId: string;
  view: CaseView;
  execution: { status: string; currentState?: string; waitingOnCallback?: boolean } | undefined;
  log: ScenarioLogLine[];
}

/** 10:00 in Amsterdam on a date: when the sample's debtor or staff act. */
export function actionInstant(on: string): Date {
  return new Date(startOfDayInAmsterdam(on).getTime() + 10 * 3_600_000);
}

export interface ActionOutcome {
  status: number;
  /** Case API calls the action made (each an API Gateway request and a Lambda invocation on AWS). */
  calls: number;
  message?: string;
}

/** Performs one sample action through the case API, as the debtor or the creditor's staff would. */
export async function performAction(
  app: LocalApp,
  caseId: string,
  sample: SampleCase,
  action: SampleAction,
): Promise<ActionOutcome> {
  switch (action.do) {
    case 'open': {
      const res = await app.api('POST', '/cases', sample.intake);
      return { status: res.status, calls: 1, message: res.body?.message };
    }
    case 'pay': {
      let amountCents = action.amountCents;
      let calls = 1;
      if (amountCents === 'everything-owed') {
        const view = await app.api('GET', `/cases/${caseId}`);
        amountCents = view.body.amounts.totalCents as number;
        calls++;
      }
      const res = await app.api('POST', `/cases/${caseId}/payments`, {
        reference: action.reference,
        amountCents,
        paidOn: action.on,
      });
      return {
        status: res.status,
        calls,
        message: res.status >= 400 ? res.body?.message : `paid ${amountCents} cents`,
      };
    }
    case 'dispute': {
      const res = await app.api('POST', `/cases/${caseId}/disputes`, action.body);
      return { status: res.status, calls: 1, message: res.body?.message };
    }
    case 'decide': {
      const view = await app.api('GET', `/cases/${caseId}`);
      const dispute = view.body?.openDispute;
      if (dispute?.status !== 'awaiting-reviewer') {
        return { status: 204, calls: 1, message: 'no dispute waits for a reviewer: the rules decided' };
      }
      const res = await app.api('POST', `/cases/${caseId}/disputes/${dispute.disputeId}/decision`, {
        decision: action.decision,
        reviewer: 'demo-reviewer',
        note: action.note,
        ...(action.settlementCents !== undefined ? { settlementCents: action.settlementCents } : {}),
      });
      return { status: res.status, calls: 2, message: res.body?.message };
    }
  }
}

/**
 * Runs sample cases concurrently in virtual time: each action is scheduled on its day, the workflow
 * runs every case's lifecycle, and the clock jumps from one due timer to the next until `until`.
 */
export async function runSampleCases(
  app: LocalApp,
  samples: SampleCase[],
  until: string,
): Promise<SampleOutcome[]> {
  const log: ScenarioLogLine[] = [];
  const creditorId = app.deps.settings.creditor.id;
  const ids = new Map<string, string>();
  for (const sample of samples) {
    const numbers = (sample.intake.invoices as { number: string }[]).map((i) => i.number);
    const caseId = caseIdFor(creditorId, numbers);
    ids.set(sample.key, caseId);
    for (const action of sample.actions) {
      app.runtime.at(actionInstant(action.on), async () => {
        const { status, message } = await performAction(app, caseId, sample, action);
        log.push({
          caseKey: sample.key,
          on: action.on,
          action: action.do,
          status,
          ...(message ? { message } : {}),
        });
      });
    }
  }
  await app.runtime.runUntil(actionInstant(until));
  const outcomes: SampleOutcome[] = [];
  for (const sample of samples) {
    const caseId = ids.get(sample.key) as string;
    const view = await app.api('GET', `/cases/${caseId}`);
    outcomes.push({
      sample,
      caseId,
      view: view.body,
      execution: app.runtime.describeExecution(caseId),
      log: log.filter((l) => l.caseKey === sample.key),
    });
  }
  return outcomes;
}
