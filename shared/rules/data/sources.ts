/**
 * The project's legal sources, declared once: every article, ruling and decree the code, letters and docs
 * cite must be one of these (test/shared/rules/data/sources.test.ts reads them all). A citation to a part
 * of an article that does not exist (a lid or sub-letter not listed) fails that test, and so does a known
 * wrong citation from `RETRACTED`.
 *
 * Articles: `lids` lists the paragraphs (leden) that may be cited; `subs` the sub-letters per lid (or per
 * article, key 0, where the article has no leden). Citing an article without lid is always allowed.
 */
export interface ArticleSource {
  /** The code: BW (Burgerlijk Wetboek) unless named. */
  code: 'BW' | 'ATW' | 'Rv';
  lids?: readonly number[];
  subs?: Readonly<Record<number, readonly string[]>>;
}

export const ARTICLES: Readonly<Record<string, ArticleSource>> = {
  '3:37': { code: 'BW', lids: [1, 2, 3, 4, 5] },
  '3:307': { code: 'BW', lids: [1, 2] },
  '3:308': { code: 'BW' },
  '3:317': { code: 'BW', lids: [1, 2] },
  '3:318': { code: 'BW' },
  '3:309': { code: 'BW' },
  '3:319': { code: 'BW', lids: [1, 2] },
  '6:2': { code: 'BW', lids: [1, 2] },
  '6:43': { code: 'BW', lids: [1, 2] },
  '6:44': { code: 'BW', lids: [1, 2] },
  '6:74': { code: 'BW', lids: [1, 2] },
  '6:81': { code: 'BW' },
  '6:82': { code: 'BW', lids: [1, 2] },
  '6:83': { code: 'BW' },
  '6:87': { code: 'BW' },
  '6:96': { code: 'BW', lids: [1, 2, 3, 4, 5, 6, 7], subs: { 2: ['a', 'b', 'c'] } },
  '6:119': { code: 'BW', lids: [1, 2, 3] },
  '6:119a': { code: 'BW', lids: [1, 2, 3, 4, 5, 6, 7] },
  '6:120': { code: 'BW', lids: [1, 2] },
  '6:227a': { code: 'BW', lids: [1, 2] },
  '6:230g': { code: 'BW', lids: [1, 2] },
  '6:230h': { code: 'BW', lids: [1, 2, 3], subs: { 2: ['a'] } },
  '6:230i': { code: 'BW', lids: [1, 2] },
  '6:230m': {
    code: 'BW',
    lids: [1, 2, 3, 4],
    subs: { 1: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'] },
  },
  '6:230o': { code: 'BW', lids: [1, 2, 3], subs: { 1: ['a', 'b'] } },
  '6:230r': { code: 'BW', lids: [1, 2, 3, 4] },
  '6:230s': { code: 'BW', lids: [1, 2, 3, 4, 5] },
  '6:230t': { code: 'BW', lids: [1, 2, 3, 4, 5] },
  '6:230z': { code: 'BW' },
  '6:233': { code: 'BW', subs: { 0: ['a', 'b'] } },
  '6:236': { code: 'BW', subs: { 0: ['j', 'o'] } },
  '6:237': { code: 'BW', subs: { 0: ['m', 'o'] } },
  '6:248': { code: 'BW', lids: [1, 2] },
  '6:262': { code: 'BW', lids: [1, 2] },
  '6:267': { code: 'BW', lids: [1, 2] },
  '7:28': { code: 'BW' },
  '7:900': { code: 'BW' },
};

/** Rulings, by ECLI or case number, with what each is cited for. */
export const RULINGS: Readonly<Record<string, string>> = {
  'ECLI:NL:HR:2016:2704':
    'HR 25-11-2016: the 14-day letter of 6:96 lid 6 BW (the term runs from the day after receipt; presumed delivery)',
  'C-97/22': 'CJEU 17-05-2023: a consumer not informed of the withdrawal right owes nothing for a service',
  'C-585/20':
    'CJEU 20-10-2021 (BFF Finance Iberia): the EUR 40 of the Late Payment Directive per transaction',
};

/** The one date under which each Hoge Raad ruling may be cited as "HR dd-mm-yyyy". */
export const HR_DATES: Readonly<Record<string, keyof typeof RULINGS>> = {
  '25-11-2016': 'ECLI:NL:HR:2016:2704',
};

/** Decrees and other statutes, by the words a citation uses. */
export const DECREES: readonly string[] = [
  'Besluit vergoeding voor buitengerechtelijke incassokosten',
  'Stb. 2012/141',
  'Besluit wettelijke rente',
  'Besluit vaststelling wettelijke rente',
  'Algemene termijnenwet',
  'Wet op de omzetbelasting 1968',
  'Regulation (EEC, Euratom) 1182/71',
  'Stb. 2022/506',
];

/** Citations that are known to be wrong, with the right one. */
export const RETRACTED: readonly { wrong: RegExp; right: string }[] = [
  { wrong: /ECLI:NL:HR:2016:2687/, right: 'ECLI:NL:HR:2016:2704 (the 14-day-letter ruling)' },
  { wrong: /6:230g lid 1 sub/, right: 'art. 6:230g lid 1 BW (no sub-letters)' },
  {
    wrong: /6:119a lid 6[^-]/,
    right: 'art. 6:119a lid 7 BW (no commercial interest while the creditor is in default)',
  },
];
