import type { LetterKind } from '../../domain/case.ts';

/** A letter's Dutch text: subject line and body in the markup of ../template-engine.ts. */
export interface LetterTemplate {
  kind: LetterKind;
  subject: string;
  body: string;
}
