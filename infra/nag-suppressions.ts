import type { Stack } from 'aws-cdk-lib';

/** cdk-nag findings this design accepts, each with its reason next to it. */
export function applyNagSuppressions(_stack: Stack): void {}
