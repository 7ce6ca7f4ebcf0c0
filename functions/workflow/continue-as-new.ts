import { continueAsNew } from '../../shared/use-cases/workflow-steps.ts';
import { stepHandler } from '../lib/step-handler.ts';

/** Workflow step (state machine task): see shared/use-cases/workflow-steps.ts continueAsNew. */
export const handler = stepHandler(continueAsNew);
