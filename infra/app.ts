import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { CollectionsStack } from './collections-stack.ts';
import { DEPLOYMENT_CONTEXT_KEY, deploymentConfig } from './deployment-config.ts';
import { applyNagSuppressions } from './nag-suppressions.ts';

export interface BuildOptions {
  app?: App;
  /** Run the cdk-nag AwsSolutions checks during synthesis. */
  nag?: boolean;
}

/**
 * Builds the app from its context (cdk.json `collections`, and `-c deployment=aws` for a real
 * deployment), so tests and the local runtime synthesize the same thing.
 */
export function buildApp(options: BuildOptions = {}): { app: App; stack: CollectionsStack } {
  const app = options.app ?? new App();
  const config = deploymentConfig(
    app.node.tryGetContext('collections') ?? {},
    app.node.tryGetContext(DEPLOYMENT_CONTEXT_KEY),
  );
  const stack = new CollectionsStack(app, config.stackName, {
    config,
    env: config.region ? { region: config.region } : undefined,
  });
  applyNagSuppressions(stack);
  if (options.nag !== false) Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  buildApp().app.synth();
}
