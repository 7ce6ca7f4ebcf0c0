/** Why a rule decided as it did: a stable code, a sentence, and the article or source it rests on. */
export interface Reason {
  code: string;
  text: string;
  article: string;
}

export function reason(code: string, text: string, article: string): Reason {
  return { code, text, article };
}
