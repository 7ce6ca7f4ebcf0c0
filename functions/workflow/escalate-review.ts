import { escalateReview } from '../../shared/use-cases/workflow-steps.ts';
import { stepHandler } from '../lib/step-handler.ts';

/** Workflow step (state machine task): see shared/use-cases/workflow-steps.ts escalateReview. */
export const handler = stepHandler(escalateReview);
