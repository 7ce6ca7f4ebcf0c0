import { cpus, totalmem } from 'node:os';

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** The machine a result was taken on, written next to the figures. */
export function machineFacts() {
  const cpu = cpus();
  return {
    cpuModel: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    date: new Date().toISOString(),
  };
}

/** A cell that reads as a figure (`1,234`, `$0.0012`, `12.5 ms`, `9.8x`): right-aligned. */
const isFigure = (cell: string) => /^[-+$]?[\d,.]+(\s?[a-zA-Z%/]+)?$/.test(cell);

/** A plain text table: first row is the header; figures are right-aligned. */
export function table(rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map((c) => String(c)));
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length))) ?? [];
  const line = (r: string[], header: boolean) =>
    r
      .map((c, i) => (!header && isFigure(c) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const out = [line(cells[0] ?? [], true), widths.map((w) => '-'.repeat(w)).join('  ')];
  for (let i = 1; i < cells.length; i++) out.push(line(cells[i] as string[], false));
  return out.join('\n');
}

/** The same table in Markdown, for docs/benchmarks.md. */
export function markdownTable(rows: (string | number)[][]): string {
  const [head, ...body] = rows;
  const fmt = (r: (string | number)[]) => `| ${r.map(String).join(' | ')} |`;
  const align = (head ?? []).map((_, i) => (isFigure(String(body[0]?.[i] ?? '')) ? '---:' : '---'));
  return [fmt(head ?? []), `| ${align.join(' | ')} |`, ...body.map(fmt)].join('\n');
}

export const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
export const fmt = (n: number, digits = 1) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
