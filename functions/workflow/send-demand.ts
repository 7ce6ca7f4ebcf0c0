import { sendDemand } from '../../shared/use-cases/workflow-steps.ts';
import { stepHandler } from '../lib/step-handler.ts';

/** Workflow step (state machine task): see shared/use-cases/workflow-steps.ts sendDemand. */
export const handler = stepHandler(sendDemand);
