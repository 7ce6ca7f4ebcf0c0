/**
 * Every citation in the code, the letters and the docs names a source from the one list in
 * shared/rules/data/sources.ts: an article's lid and sub-letter must exist there, a ruling by its ECLI, a
 * "HR dd-mm-yyyy" by its date, and none of the known wrong citations may come back.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTICLES, HR_DATES, RETRACTED, RULINGS } from '../../../../shared/rules/data/sources.ts';

const ROOT = join(import.meta.dirname, '../../../..');
const SCANNED = ['shared', 'functions', 'cli', 'infra', 'local', 'docs', 'README.md'];

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (statSync(full).isFile()) return [full];
  return readdirSync(full).flatMap((name) => {
    const child = join(path, name);
    if (statSync(join(ROOT, child)).isDirectory()) return files(child);
    // The list itself names the retracted citations.
    return /\.(ts|md|html)$/.test(name) && !child.endsWith('rules/data/sources.ts')
      ? [join(ROOT, child)]
      : [];
  });
}

// "6:96 lid 6-7 sub c", "6:236 sub j", "arts. 6:230g-6:230z": book 1-8, article, optional lid (range), sub.
const ARTICLE =
  /(?<![\d.:/])([1-8]:\d{1,4}[a-z]*)(?![\d])(?:-[1-8]:\d{1,4}[a-z]*)?(?: lid (\d+)(?:-(\d+))?)?(?: sub ([a-z]))?/g;
const ECLI = /ECLI:[A-Z]{2}:[A-Z]+:\d{4}:[A-Z0-9]+/g;
const HR = /HR (\d{2}-\d{2}-\d{4})/g;
const CJEU = /C-\d+\/\d{2}/g;

function citationProblems(text: string): string[] {
  const problems: string[] = [];
  for (const m of text.matchAll(ARTICLE)) {
    const [cited, article, lidFrom, lidTo, sub] = m as unknown as [string, string, string?, string?, string?];
    const source = ARTICLES[article];
    if (!source) {
      problems.push(`${cited}: article ${article} is not in the sources list`);
      continue;
    }
    const lids = [lidFrom, lidTo].filter((x): x is string => x !== undefined).map(Number);
    for (const lid of lids) {
      if (!source.lids?.includes(lid)) problems.push(`${cited}: ${article} has no lid ${lid} in the list`);
    }
    if (sub !== undefined) {
      const key = lids[0] ?? 0;
      if (!source.subs?.[key]?.includes(sub)) problems.push(`${cited}: ${article} has no sub ${sub} there`);
    }
  }
  for (const m of text.matchAll(ECLI)) if (!RULINGS[m[0]]) problems.push(`${m[0]}: unknown ruling`);
  for (const m of text.matchAll(CJEU)) if (!RULINGS[m[0]]) problems.push(`${m[0]}: unknown CJEU case`);
  for (const m of text.matchAll(HR)) {
    if (!HR_DATES[m[1] as string]) problems.push(`${m[0]}: no Hoge Raad ruling of that date in the list`);
  }
  for (const r of RETRACTED)
    if (r.wrong.test(text)) problems.push(`${r.wrong}: wrong citation, use ${r.right}`);
  return problems;
}

describe('citations', () => {
  it('the checker catches a wrong lid, a missing sub-letter, an unknown ruling and a retracted citation', () => {
    expect(citationProblems('art. 6:96 lid 9 BW')).toHaveLength(1);
    expect(citationProblems('art. 6:230g lid 1 sub a BW').length).toBeGreaterThan(0);
    expect(citationProblems('HR 25-11-2016, ECLI:NL:HR:2016:2687')).toHaveLength(2);
    expect(citationProblems('art. 6:119a lid 6 BW (creditor in default)')).toHaveLength(1);
    expect(citationProblems('art. 6:9999 BW')).toHaveLength(1);
    expect(
      citationProblems('art. 6:96 lid 6-7 BW; art. 6:236 sub j BW; HR 25-11-2016, ECLI:NL:HR:2016:2704'),
    ).toEqual([]);
  });

  it('every citation in the code, letters and docs names a source from the one list', () => {
    const problems = SCANNED.flatMap(files).flatMap((file) =>
      citationProblems(readFileSync(file, 'utf8')).map((p) => `${relative(ROOT, file)}: ${p}`),
    );
    expect(problems).toEqual([]);
  });
});
