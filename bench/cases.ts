import { SAMPLE_CASES, type SampleCase } from '../local/sample-cases.ts';
import { caseIdFor } from '../shared/use-cases/case-commands.ts';

/**
 * Copy `n` of a sample case: the same debtor story and dates, with invoice numbers, payment references
 * and contract references made unique so every copy is its own case (its own id and intake keys).
 */
export function copySample(sample: SampleCase, n: number): SampleCase {
  const suffix = `-B${n}`;
  const text = JSON.stringify(sample).replace(/"((?:INV|BANK|ENERGY|SAAS)-[\w-]+)"/g, `"$1${suffix}"`);
  const copy = JSON.parse(text) as SampleCase;
  copy.key = `${sample.key}${suffix}`;
  return copy;
}

/** `count` cases: copies of the named sample cases, taken in turn. */
export function benchCases(count: number, keys: readonly string[]): SampleCase[] {
  const templates = keys.map((key) => {
    const found = SAMPLE_CASES.find((s) => s.key === key);
    if (!found) throw new Error(`no sample case ${key}`);
    return found;
  });
  return Array.from({ length: count }, (_, i) =>
    copySample(templates[i % templates.length] as SampleCase, i),
  );
}

/** The case id a sample case gets (what the workflow execution is named after). */
export function caseIdOf(sample: SampleCase, creditorId: string): string {
  return caseIdFor(
    creditorId,
    (sample.intake.invoices as { number: string }[]).map((i) => i.number),
  );
}
