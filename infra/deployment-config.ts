import { DEFAULT_SETTINGS, parseSettings, SETTINGS_ENV, type Settings } from '../shared/config/settings.ts';
import { PUBLISHED_EVENT_TYPES, type PublishedEventType } from '../shared/domain/vocabulary.ts';
import { ConfigurationError } from '../shared/errors.ts';

/**
 * What the stack is synthesized for. `demo` (the default): the local runtime, the tests and `npm start`,
 * with the demo creditor and a placeholder agency. `aws`: a real deployment, asked for with the context
 * flag `-c deployment=aws` (`npm run synth:aws`, `npx cdk deploy -c deployment=aws`); it refuses what only
 * the demo may use. A demo template carries a CloudFormation rule that fails, so it cannot be deployed.
 */
export const DEPLOYMENTS = ['demo', 'aws'] as const;
export type Deployment = (typeof DEPLOYMENTS)[number];
export const DEPLOYMENT_CONTEXT_KEY = 'deployment';

/** The agency endpoint of the demo: it exists nowhere (`.invalid`); the local runtime puts its receiver there. */
export const DEMO_AGENCY_ENDPOINT = 'https://agency.example.invalid/dossiers';

export interface AlarmThresholds {
  /** A dispute review escalated more often than this raises an alarm. */
  reviewEscalationsAbove: number;
  /** Errors of one function within five minutes that raise an alarm (retried transient errors count too). */
  lambdaErrorsPerFiveMinutes: number;
  /** SES account bounce rate (0-1) that raises an alarm; SES reviews an account from 5%. */
  sesBounceRate: number;
}

export interface ApiThrottling {
  /** Steady requests per second the stage accepts. */
  rateLimit: number;
  /** Requests the stage accepts at once above the rate. */
  burstLimit: number;
}

/** cdk.json `collections.eventsWebhook`: an HTTPS endpoint of the creditor's that receives the case events. */
export interface EventsWebhookConfig {
  endpoint: string;
  /** Requests per second EventBridge sends at most (default 10). */
  rateLimitPerSecond?: number;
  /** Which event types it receives (default all). */
  eventTypes?: PublishedEventType[];
}

export interface DeploymentConfig {
  deployment: Deployment;
  stackName: string;
  region?: string;
  agencyEndpoint: string;
  settings: Settings;
  /** Where alarms and operator alerts are e-mailed (an SNS e-mail subscription); none in the demo. */
  alarmEmail: string | null;
  alarms: AlarmThresholds;
  api: ApiThrottling;
  /** The webhook the case events are sent to (an EventBridge API destination); none by default. */
  eventsWebhook: EventsWebhookConfig | null;
  /** The environment every function shares. */
  environment: Record<string, string>;
}

export const DEFAULT_ALARMS: AlarmThresholds = {
  reviewEscalationsAbove: 3,
  lambdaErrorsPerFiveMinutes: 5,
  sesBounceRate: 0.04,
};
export const DEFAULT_API_THROTTLING: ApiThrottling = { rateLimit: 50, burstLimit: 100 };

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Reads the `collections` context (cdk.json) and the deployment flag into what the stack needs, refusing
 * at synth time what must not be deployed: an agency endpoint that is not `https:` (plain `http:` only for
 * a receiver on this machine, and never on AWS), and on AWS the demo creditor, the demo sender, the
 * placeholder agency endpoint and a missing alarm e-mail. An events webhook must be `https:` everywhere
 * (an EventBridge API destination takes nothing else).
 */
export function deploymentConfig(
  context: Record<string, unknown>,
  deploymentFlag: unknown,
): DeploymentConfig {
  const deployment = deploymentFlag ?? 'demo';
  if (!DEPLOYMENTS.includes(deployment as Deployment)) {
    throw new ConfigurationError(DEPLOYMENT_CONTEXT_KEY, `must be one of ${DEPLOYMENTS.join(', ')}`);
  }
  const onAws = deployment === 'aws';
  const overrides = (context.settings ?? {}) as Partial<Record<keyof Settings, object>>;
  // Each section may be given in part; what is left out keeps its default.
  const settings = parseSettings({
    creditor: { ...DEFAULT_SETTINGS.creditor, ...overrides.creditor },
    policy: { ...DEFAULT_SETTINGS.policy, ...overrides.policy },
    letters: { ...DEFAULT_SETTINGS.letters, ...overrides.letters },
  });

  const agencyEndpoint = agencyEndpointOf(context.agencyEndpoint, onAws);
  if (onAws) {
    for (const field of ['id', 'name', 'kvkNumber', 'iban', 'email'] as const) {
      if (settings.creditor[field] === DEFAULT_SETTINGS.creditor[field]) {
        throw new ConfigurationError(
          `collections.settings.creditor.${field}`,
          "is the demo creditor's; set your own in cdk.json before a real deployment",
        );
      }
    }
    if (settings.letters.fromAddress === DEFAULT_SETTINGS.letters.fromAddress) {
      throw new ConfigurationError(
        'collections.settings.letters.fromAddress',
        'is the demo sender; set your SES-verified sender in cdk.json',
      );
    }
  }
  const alarmEmail =
    typeof context.alarmEmail === 'string' && context.alarmEmail !== '' ? context.alarmEmail : null;
  if (onAws && alarmEmail === null) {
    throw new ConfigurationError(
      'collections.alarmEmail',
      'is not set: operators must be told when an alarm goes off',
    );
  }
  const alarms = { ...DEFAULT_ALARMS, ...(context.alarms as Partial<AlarmThresholds> | undefined) };
  positive('collections.alarms.reviewEscalationsAbove', alarms.reviewEscalationsAbove, true);
  positive('collections.alarms.lambdaErrorsPerFiveMinutes', alarms.lambdaErrorsPerFiveMinutes, true);
  if (!(alarms.sesBounceRate > 0 && alarms.sesBounceRate < 1)) {
    throw new ConfigurationError('collections.alarms.sesBounceRate', 'must be a fraction between 0 and 1');
  }
  const api = { ...DEFAULT_API_THROTTLING, ...(context.api as Partial<ApiThrottling> | undefined) };
  positive('collections.api.rateLimit', api.rateLimit, false);
  positive('collections.api.burstLimit', api.burstLimit, true);

  const eventsWebhook = eventsWebhookOf(context.eventsWebhook);

  return {
    deployment: deployment as Deployment,
    stackName: typeof context.stackName === 'string' ? context.stackName : 'DutchCollections',
    ...(typeof context.region === 'string' ? { region: context.region } : {}),
    agencyEndpoint,
    settings,
    alarmEmail,
    alarms,
    api,
    eventsWebhook,
    environment: { [SETTINGS_ENV]: JSON.stringify(settings) },
  };
}

function agencyEndpointOf(value: unknown, onAws: boolean): string {
  if (value === undefined || value === null || value === '') {
    if (onAws) {
      throw new ConfigurationError('collections.agencyEndpoint', "is not set: the agency's HTTPS endpoint");
    }
    return DEMO_AGENCY_ENDPOINT;
  }
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new ConfigurationError('collections.agencyEndpoint', 'is not a URL');
  }
  if (onAws && url.href === DEMO_AGENCY_ENDPOINT) {
    throw new ConfigurationError(
      'collections.agencyEndpoint',
      "is the demo's placeholder; set the agency's endpoint",
    );
  }
  const local = url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !(local && !onAws)) {
    throw new ConfigurationError(
      'collections.agencyEndpoint',
      `must be https: (plain http only for a receiver on this machine in the demo), not ${url.protocol}`,
    );
  }
  return url.href;
}

function eventsWebhookOf(value: unknown): EventsWebhookConfig | null {
  if (value === undefined || value === null || value === '') return null;
  const given = value as Partial<EventsWebhookConfig>;
  let url: URL;
  try {
    url = new URL(String(given.endpoint ?? ''));
  } catch {
    throw new ConfigurationError('collections.eventsWebhook.endpoint', 'is not a URL');
  }
  if (url.protocol !== 'https:') {
    throw new ConfigurationError(
      'collections.eventsWebhook.endpoint',
      `must be an https: URL (an EventBridge API destination takes nothing else), not ${url.protocol}`,
    );
  }
  if (given.rateLimitPerSecond !== undefined) {
    positive('collections.eventsWebhook.rateLimitPerSecond', given.rateLimitPerSecond, true);
  }
  if (given.eventTypes !== undefined) {
    if (!Array.isArray(given.eventTypes) || given.eventTypes.length === 0) {
      throw new ConfigurationError('collections.eventsWebhook.eventTypes', 'must be a non-empty list');
    }
    const unknown = given.eventTypes.filter((t) => !(PUBLISHED_EVENT_TYPES as readonly string[]).includes(t));
    if (unknown.length > 0) {
      throw new ConfigurationError(
        'collections.eventsWebhook.eventTypes',
        `unknown event type(s) ${unknown.join(', ')}`,
      );
    }
  }
  return {
    endpoint: String(given.endpoint),
    ...(given.rateLimitPerSecond !== undefined ? { rateLimitPerSecond: given.rateLimitPerSecond } : {}),
    ...(given.eventTypes !== undefined ? { eventTypes: given.eventTypes } : {}),
  };
}

function positive(setting: string, value: unknown, integer: boolean): void {
  if (typeof value !== 'number' || !(value > 0) || (integer && !Number.isInteger(value))) {
    throw new ConfigurationError(setting, `must be a positive ${integer ? 'integer' : 'number'}`);
  }
}
