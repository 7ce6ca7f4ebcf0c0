export { checkLetterBeforeSending } from './check.ts';
export { formatDutchDate, formatEuro } from './format.ts';
export type {
  Creditor,
  DemandTermDates,
  InvoiceAmounts,
  LetterAmounts,
  LetterCheck,
  LetterInput,
  LetterProblem,
} from './letter-model.ts';
export { STATUTORY_TERM_WORDING } from './letter-model.ts';
export { letterContentHash, letterRecord } from './record.ts';
export { letterView, renderLetter } from './render.ts';
export { TemplateError } from './template-engine.ts';
