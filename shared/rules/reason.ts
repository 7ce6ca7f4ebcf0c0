/**
 * Why a rule decided as it did: a stable code, a sentence for operators (English), the article or source it
 * rests on, and, for every reason that can reach a debtor (a letter, the dossier), the same reason in plain
 * Dutch (B1). Letters print `textNl` only and refuse a reason without it (docs/letters-and-handoff.md).
 */
export interface Reason {
  code: string;
  text: string;
  article: string;
  /** The reason in Dutch, as a debtor or the agency reads it. */
  textNl?: string;
}

export function reason(code: string, text: string, article: string, textNl?: string): Reason {
  return textNl === undefined ? { code, text, article } : { code, text, article, textNl };
}
