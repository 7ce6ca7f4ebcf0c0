/**
 * `collections rules <name>`: the rules engine from the command line, for operations staff and for checking the
 * engine from outside. Reads one JSON object, or an array of them, and answers one JSON object, or an array in
 * the same order. Bad input: a message naming the field, exit code 2, nothing on standard output.
 */
import { InvalidInputError } from '../shared/errors.ts';
import { allocatePayment } from '../shared/rules/allocation.ts';
import { LEGAL_HOLIDAY_YEARS, legalHolidaysOfYear } from '../shared/rules/calendar.ts';
import { assessCancellation } from '../shared/rules/cancellation.ts';
import { claimOn } from '../shared/rules/claim.ts';
import { coolingOff, owedForServiceStartedEarly } from '../shared/rules/cooling-off.ts';
import { collectionCosts, collectionCostsOverInvoices } from '../shared/rules/costs.ts';
import { demandTerm } from '../shared/rules/demand-term.ts';
import { statutoryInterest } from '../shared/rules/interest.ts';
import { isTimeBarred } from '../shared/rules/limitation.ts';
import { requireDate, requireObject } from '../shared/rules/validate.ts';

type Rule = { summary: string; run: (input: unknown) => unknown };

export const RULES: Record<string, Rule> = {
  costs: {
    summary:
      '{debtor, principalCents, vatUplift?} or {debtor, invoices:[{principalCents}], paidWithinTermCents?, earlierOnContractCents?, vatUplift?} -> {costsCents, ...}',
    run: (input) => {
      const obj = requireObject(input, 'input');
      return obj.invoices === undefined
        ? collectionCosts(obj as never)
        : collectionCostsOverInvoices(obj as never);
    },
  },
  'demand-deadline': {
    summary: '{sentOn} -> {deliveredOn, lastDayToPay, costsDueFrom}',
    run: (input) => demandTerm(requireDate(requireObject(input, 'input').sentOn, 'sentOn')),
  },
  'cooling-off': {
    summary:
      '{buyer, channel, subject, concludedOn, goodsReceivedOn?, priceCents, informedOn, noticeSentOn?} -> {applies, periodEnd, withdrawalInTime, reasons}',
    run: (input) => coolingOff(input as never),
  },
  'early-start': {
    summary:
      '{channel, expressRequest, requestOnDurableMedium, informed, priceCents, coversFrom, coversThrough, serviceStartedOn, withdrawnOn} -> {owedCents, ...}',
    run: (input) => owedForServiceStartedEarly(input as never),
  },
  interest: {
    summary:
      '{kind: "statutory"|"commercial", principalCents, from, through} -> {interestCents, stretches, ...}',
    run: (input) => statutoryInterest(input as never),
  },
  allocate: {
    summary:
      '{paymentCents, costsCents, interestCents, principalCents} -> amounts left {costsCents, interestCents, principalCents, unallocatedCents}',
    run: (input) => allocatePayment(input as never),
  },
  cancellation: {
    summary:
      '{buyer, concludedOn, concludedVia, terms, claim, usage?, invoicePeriod?} -> {verdict, effectiveEnd, owedCents, reasons} (docs/rules.md)',
    run: (input) => assessCancellation(input as never),
  },
  limitation: {
    summary:
      '{claimKind: "payment"|"consumer-purchase-price", dueOn, interruptions?: [{on} (received) | {sentOn} (posted)], on} -> {timeBarred, lastDayToAct}',
    run: (input) => isTimeBarred(input as never),
  },
  claim: {
    summary:
      '{on, debtor, invoices:[{number, amountCents, dueOn}], payments:[{reference, amountCents, paidOn, designation?:{invoices, toPrincipal?}}], costsDueFrom, demandStatement?:{sentOn, amountCents, lastDayToPay}, principalDesignation?, interestFrom?, vatUplift?, settlement?} -> {totalCents, ...}',
    run: (input) => {
      const obj = requireObject(input, 'input');
      return claimOn(obj as never, requireDate(obj.on, 'on'));
    },
  },
  holidays: {
    summary: `{year} (${LEGAL_HOLIDAY_YEARS.first}-${LEGAL_HOLIDAY_YEARS.last}) -> {year, holidays: [{date, name}]}`,
    run: (input) => {
      const year = requireObject(input, 'input').year;
      if (
        typeof year !== 'number' ||
        !Number.isInteger(year) ||
        year < LEGAL_HOLIDAY_YEARS.first ||
        year > LEGAL_HOLIDAY_YEARS.last
      ) {
        throw new InvalidInputError(
          'year',
          `must be a whole year ${LEGAL_HOLIDAY_YEARS.first}-${LEGAL_HOLIDAY_YEARS.last}`,
        );
      }
      return { year, holidays: legalHolidaysOfYear(year) };
    },
  },
};

export interface CommandResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export function rulesUsage(): string {
  const lines = Object.entries(RULES).map(([name, rule]) => `  ${name.padEnd(16)} ${rule.summary}`);
  return [
    'usage: collections rules <name> [--input FILE]   (JSON object or array on standard input, or in FILE)',
    '',
    'rules:',
    ...lines,
    '',
    'Dates are YYYY-MM-DD, money is integer cents. Bad input: exit code 2, the field named on standard error.',
  ].join('\n');
}

/** Runs one rule over the input text; pure apart from what it returns (the caller does the I/O). */
export function runRule(name: string | undefined, inputText: string): CommandResult {
  const rule = name ? RULES[name] : undefined;
  if (!rule) {
    const what = name ? `unknown rule "${name}"` : 'no rule named';
    return { stdout: '', stderr: `${what}\n\n${rulesUsage()}\n`, exitCode: 2 };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(inputText);
  } catch (error) {
    return { stdout: '', stderr: `input: not valid JSON (${(error as Error).message})\n`, exitCode: 2 };
  }
  const many = Array.isArray(parsed);
  const items = many ? (parsed as unknown[]) : [parsed];
  const outputs: unknown[] = [];
  for (const [i, item] of items.entries()) {
    try {
      outputs.push(rule.run(item));
    } catch (error) {
      if (error instanceof InvalidInputError) {
        const where = many ? `[${i}].${error.field}` : error.field;
        return {
          stdout: '',
          stderr: `invalid input: ${where}: ${error.message.slice(error.field.length + 2)}\n`,
          exitCode: 2,
        };
      }
      throw error;
    }
  }
  return { stdout: `${JSON.stringify(many ? outputs : outputs[0], null, 2)}\n`, stderr: '', exitCode: 0 };
}
