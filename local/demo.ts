import './quiet-sdk.ts';
import { formatEuro } from '../shared/letters/format.ts';
import { LocalApp } from './local-app.ts';
import { DEMO_END, DEMO_START, SAMPLE_CASES } from './sample-cases.ts';
import { actionInstant, runSampleCases, type SampleOutcome } from './scenario.ts';

/** `npm start`: the sample cases through the synthesized workflow, on one machine, in virtual time. */
async function main(): Promise<void> {
  const started = performance.now();
  console.log('Dutch collections workflow: sample cases on the local runtime (virtual time)\n');
  // What AWS runs: the bundles cdk synth writes, in Lambda-like execution environments.
  const app = await LocalApp.start({ start: actionInstant(DEMO_START), mode: 'bundles' });
  let failures = 0;
  try {
    const outcomes = await runSampleCases(app, SAMPLE_CASES, DEMO_END);
    for (const outcome of outcomes) printTimeline(outcome);
    failures = printSummary(outcomes);
    console.log(`\nLetters written to ${app.outboxDir}`);
    console.log(`Events published to ${app.events.outbox.dir} (docs/events.md)`);
    if (app.agencyReceiver)
      console.log(
        `Agency receiver at ${app.agencyReceiver.url} accepted ${app.agencyReceiver.received().length} dossier(s)`,
      );
  } finally {
    await app.stop();
  }
  console.log(
    `Ran ${DEMO_START} .. ${DEMO_END} of virtual time in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  if (failures > 0) {
    console.error(`${failures} sample case(s) did not end as expected`);
    process.exitCode = 1;
  }
}

function printTimeline({ sample, caseId, view, execution, log }: SampleOutcome): void {
  console.log(`=== ${sample.title}`);
  console.log(`    case ${caseId} (${view.debtor.kind}, ${view.debtor.name})`);
  const letters = new Map(view.letters.map((l) => [l.letterId, l]));
  for (const entry of view.chronology) {
    let line = `    ${entry.on}  ${entry.type.padEnd(22)} ${entry.summary}`;
    const letter = entry.refs?.letterId ? letters.get(entry.refs.letterId) : undefined;
    if (letter) {
      line += `\n${' '.repeat(38)}letter ${letter.kind}: principal ${formatEuro(letter.amounts.principalCents)}, interest ${formatEuro(letter.amounts.interestCents)}, costs ${formatEuro(letter.amounts.costsCents)}, total ${formatEuro(letter.amounts.totalCents)}`;
    }
    console.log(line);
  }
  for (const l of log.filter((x) => x.status >= 400))
    console.log(`    ${l.on}  ! ${l.action} refused (${l.status}): ${l.message}`);
  const a = view.amounts;
  const waiting = execution?.status === 'RUNNING' ? ` (waiting in ${execution.currentState})` : '';
  console.log(
    `    -> ${view.stage}${view.pauses.length > 0 ? ` / paused by ${view.pauses.map((p) => p.kind).join(' and ')}` : ''}; workflow ${execution?.status}${waiting}; owed on ${a.on}: ${formatEuro(a.totalCents)} (principal ${formatEuro(a.principalCents)}, interest ${formatEuro(a.interestCents)}, costs ${formatEuro(a.costsCents)}, paid ${formatEuro(a.paidCents)})\n`,
  );
}

function printSummary(outcomes: SampleOutcome[]): number {
  const rows = outcomes.map(({ sample, view, execution }) => {
    const ok =
      view.stage === sample.expected.stage &&
      execution?.status === sample.expected.workflow &&
      (!sample.expected.waitingIn || execution?.currentState === sample.expected.waitingIn);
    return {
      case: sample.key,
      debtor: view.debtor.kind,
      stage: view.stage + (view.pauses.length > 0 ? ` (${view.pauses.map((p) => p.kind).join(', ')})` : ''),
      workflow: `${execution?.status}${execution?.status === 'RUNNING' ? ` @${execution.currentState}` : ''}`,
      principal: formatEuro(view.amounts.principalCents),
      interest: formatEuro(view.amounts.interestCents),
      costs: formatEuro(view.amounts.costsCents),
      paid: formatEuro(view.amounts.paidCents),
      owed: formatEuro(view.amounts.totalCents),
      expected: ok ? 'yes' : `NO (expected ${sample.expected.stage})`,
    };
  });
  const columns = Object.keys(rows[0] ?? {}) as (keyof (typeof rows)[number])[];
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c]).length)));
  const format = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] as number)).join('  ');
  console.log('Summary');
  console.log(format(columns));
  console.log(format(widths.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(format(columns.map((c) => String(r[c]))));
  return rows.filter((r) => r.expected !== 'yes').length;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
