/**
 * Where the project's files are, in a module without the CDK: the local runtime reads these without
 * loading it (infra/constructs/ re-exports them).
 */
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** The handler that records bounces and complaints on the case. */
export const LETTER_FEEDBACK_ENTRY = 'functions/letters/record-letter-feedback.ts';
