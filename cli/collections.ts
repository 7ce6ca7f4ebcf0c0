/**
 * The collections command-line tool: `npm run --silent collections -- rules <name> [--input FILE]`, and
 * `npm run --silent collections -- rates [--json]` (the interest-rate table and its coverage), and for
 * operators `collections erase <caseId> ...` (cli/erase-command.ts).
 * Exit codes: 0 answered, 2 bad input or usage, 1 unexpected failure.
 */
import { readFileSync } from 'node:fs';

import { runRates } from './rates-command.ts';
import { rulesUsage, runRule } from './rules-command.ts';

function readStdin(): string {
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return '';
  }
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === 'rates') {
    const result = runRates(rest);
    if (result.stdout) process.stdout.write(result.stdout);
    if (result.stderr) process.stderr.write(result.stderr);
    return result.exitCode;
  }
  if (command !== 'rules') {
    process.stderr.write(
      `${command ? `unknown command "${command}"` : 'no command given'}\n\nusage: collections rules <name> [--input FILE]\n       collections rates [--json]\n       collections erase <caseId> --basis <basis> --operator <id> [--data-dir DIR]\n\n${rulesUsage()}\n`,
    );
    return 2;
  }
  let name: string | undefined;
  let inputFile: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] as string;
    if (arg === '--input') {
      inputFile = rest[++i];
      if (!inputFile) {
        process.stderr.write('--input: needs a file name\n');
        return 2;
      }
    } else if (arg.startsWith('--input=')) {
      inputFile = arg.slice('--input='.length);
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write(`${rulesUsage()}\n`);
      return 0;
    } else if (name === undefined) {
      name = arg;
    } else {
      process.stderr.write(`unexpected argument "${arg}"\n`);
      return 2;
    }
  }
  let text: string;
  if (inputFile) {
    try {
      text = readFileSync(inputFile, 'utf8');
    } catch (error) {
      process.stderr.write(`--input: cannot read ${inputFile} (${(error as Error).message})\n`);
      return 2;
    }
  } else {
    text = readStdin();
  }
  const result = runRule(name, text);
  if (result.stdout) process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  return result.exitCode;
}

try {
  const [command, ...rest] = process.argv.slice(2);
  if (command === 'erase') {
    // Loaded only for this command: the rules need no DynamoDB client.
    const { runErase } = await import('./erase-command.ts');
    const result = await runErase(rest);
    if (result.stdout) process.stdout.write(result.stdout);
    if (result.stderr) process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  } else process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
}
