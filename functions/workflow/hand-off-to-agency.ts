import { handOffToAgency } from '../../shared/use-cases/workflow-steps.ts';
import { stepHandler } from '../lib/step-handler.ts';

/** Workflow step (state machine task): see shared/use-cases/workflow-steps.ts handOffToAgency. */
export const handler = stepHandler(handOffToAgency);
