import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DEFAULT_SETTINGS, parseSettings, SETTINGS_ENV } from '../shared/config/settings.ts';
import { CollectionsStack } from './collections-stack.ts';
import { applyNagSuppressions } from './nag-suppressions.ts';

export interface BuildOptions {
  app?: App;
  /** Run the cdk-nag AwsSolutions checks during synthesis. */
  nag?: boolean;
}

/** Builds the app from its context (cdk.json `collections`), so tests and the local runtime synthesize the same thing. */
export function buildApp(options: BuildOptions = {}): { app: App; stack: CollectionsStack } {
  const app = options.app ?? new App();
  const context = app.node.tryGetContext('collections') ?? {};
  const overrides = context.settings ?? {};
  // Each section may be given in part; what is left out keeps its default.
  const settings = parseSettings({
    creditor: { ...DEFAULT_SETTINGS.creditor, ...overrides.creditor },
    policy: { ...DEFAULT_SETTINGS.policy, ...overrides.policy },
    letters: { ...DEFAULT_SETTINGS.letters, ...overrides.letters },
  });
  const stack = new CollectionsStack(app, context.stackName ?? 'DutchCollections', {
    agencyEndpoint: context.agencyEndpoint ?? 'https://agency.example.invalid/dossiers',
    settings: { [SETTINGS_ENV]: JSON.stringify(settings) },
    letterFromAddress: settings.letters.fromAddress,
    env: context.region ? { region: context.region } : undefined,
    ...(context.staffSignInDomainPrefix ? { staffSignInDomainPrefix: context.staffSignInDomainPrefix } : {}),
  });
  applyNagSuppressions(stack);
  if (options.nag !== false) Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { app, stack };
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop() ?? '')) {
  buildApp().app.synth();
}
