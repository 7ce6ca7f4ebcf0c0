import { prepareHandoff } from '../../shared/use-cases/workflow-steps.ts';
import { stepHandler } from '../lib/step-handler.ts';

/** Workflow step (state machine task): see shared/use-cases/workflow-steps.ts prepareHandoff. */
export const handler = stepHandler(prepareHandoff);
