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

async function perform(
  app: LocalApp,
  sample: SampleCase,
  caseId: string,
  action: SampleAction,
  log: ScenarioLogLine[],
) {
  const line = (status: number, message?: string) =>
    log.push({
      caseKey: sample.key,
      on: action.on,
      action: action.do,
      status,
      ...(message ? { message } : {}),
    });
  switch (action.do) {
    case 'open': {
      const res = await app.api('POST', '/cases', sample.intake);
      line(res.status, res.body?.message);
      return;
    }
    case 'pay': {
      let amountCents = action.amountCents;
      if (amountCents === 'everything-owed') {
        const view = await app.api('GET', `/cases/${caseId}`);
        amountCents = view.body.amounts.totalCents as number;
      }
      const res = await app.api('POST', `/cases/${caseId}/payments`, {
        reference: action.reference,
        amountCents,
        paidOn: action.on,
      });
      line(res.status, res.status >= 400 ? res.body?.message : `paid ${amountCents} cents`);
      return;
    }
    case 'dispute': {
      const res = await app.api('POST', `/cases/${caseId}/disputes`, action.body);
      line(res.status, res.body?.message);
      return;
    }
    case 'decide': {
      const view = await app.api('GET', `/cases/${caseId}`);
      const dispute = view.body?.openDispute;
      if (dispute?.status !== 'awaiting-reviewer') {
        line(204, 'no dispute waits for a reviewer: the rules decided');
        return;
      }
      const res = await app.api('POST', `/cases/${caseId}/disputes/${dispute.disputeId}/decision`, {
        decision: action.decision,
        reviewer: 'demo-reviewer',
        note: action.note,
        ...(action.settlementCents !== undefined ? { settlementCents: action.settlementCents } : {}),
      });
      line(res.status, res.body?.message);
      return;
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
      app.runtime.at(actionInstant(action.on), () => perform(app, sample, caseId, action, log));
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
