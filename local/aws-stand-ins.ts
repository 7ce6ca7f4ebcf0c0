/**
 * Local stand-ins for the AWS services the bundles call besides DynamoDB, speaking each service's wire
 * protocol for the few operations the code uses, so the unchanged bundles reach them through the SDK's
 * own endpoint settings (AWS_ENDPOINT_URL_SFN, AWS_ENDPOINT_URL_SESV2, AWS_ENDPOINT_URL_EVENTBRIDGE,
 * AWS_ENDPOINT_URL_SECRETS_MANAGER, AWS_ENDPOINT_URL_SNS):
 * - Step Functions (JSON 1.0): StartExecution, SendTaskSuccess, DescribeExecution, served by the local
 *   workflow runtime;
 * - SESv2 (REST-JSON): SendEmail, writing the letter into the outbox folder; a message sent with a
 *   configuration set to an address that bounces (SES's mailbox simulator addresses, or one the stand-in is
 *   told of) or complains gets its bounce or complaint published as SES publishes it to EventBridge;
 * - EventBridge (JSON 1.1): PutEvents on the case event bus, handing each event to the local event bus
 *   (local/event-bus.ts: the events outbox folder and the webhook), with FailedEntryCount for refused entries;
 * - SNS (AWS query protocol): Publish, kept in `published` (the operator alerts);
 * - Secrets Manager (JSON 1.1): GetSecretValue.
 * Signatures are not checked. What each does not model is in docs/local-runtime.md.
 */
import { randomUUID } from 'node:crypto';
import { appendFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import * as path from 'node:path';
import { OutboxLetterDelivery } from '../shared/adapters/letter-delivery.outbox.ts';
import type { SesFeedbackEvent } from '../shared/adapters/letter-feedback.ses.ts';
import type { LetterKind } from '../shared/domain/vocabulary.ts';
import type { PublishedEvent } from '../shared/events/schema.ts';
import type { EventPublisher } from '../shared/ports/events.ts';
import type { LocalWorkflowRuntime } from './runtime/workflow-runtime.ts';

/**
 * A fault the SES stand-in answers a SendEmail with: throttling (429), a service error (500), or a response
 * lost after the message was accepted (the connection drops once the letter is written).
 */
export type SesFault = 'throttle' | 'error' | 'lost';

/**
 * A fault the EventBridge stand-in answers PutEvents with: a service error for the whole call (500), one
 * entry refused (FailedEntryCount), or a response lost after the events were accepted.
 */
export type EventsFault = 'error' | 'partial' | 'lost';

/** What SES reports about a message it accepted: it bounced, or the recipient marked it as spam. */
export type SesFeedbackKind = 'bounce' | 'complaint';

/** SES's mailbox simulator: mail to these addresses bounces or complains on AWS as here. */
export const SES_SIMULATOR = {
  bounce: 'bounce@simulator.amazonses.com',
  complaint: 'complaint@simulator.amazonses.com',
} as const;

export interface AwsStandIns {
  url: string;
  /** Addresses whose mail bounces, besides the simulator's; may be changed at any time. */
  bouncingAddresses: Set<string>;
  /** Which messages bounce or complain: by default the simulator's addresses and `bouncingAddresses`. */
  sesFeedback: (mail: { to: string; letterId: string; kind: string }) => SesFeedbackKind | null;
  /**
   * Where SES events of a configuration set go, as EventBridge would deliver them (the local app hands them
   * to the function the stack's rule targets). Without it, or for mail sent without a configuration set
   * (SES publishes events only through one), nothing is reported.
   */
  publishSesEvent: ((event: SesFeedbackEvent) => void) | null;
  /** PutEvents calls that carried each event id, accepted or not: what the tests count attempts with. */
  putEventsCalls: Map<string, number>;
  /** Faults to inject into PutEvents, by event id and call carrying it (1 = the first). */
  eventsFaults: ((entry: { eventId: string; attempt: number }) => EventsFault | null) | null;
  /** SendEmail calls accepted, by letter id: what the tests count deliveries with. */
  emails: Map<string, number>;
  /** Messages published to SNS topics (operator alerts), in order. */
  published: { topicArn: string; subject: string; message: string }[];
  /** Faults to inject into SendEmail, by letter id and call (1 = the first); may be set at any time. */
  sesFaults: ((call: { letterId: string; attempt: number }) => SesFault | null) | null;
  close(): Promise<void>;
}

export interface AwsStandInOptions {
  runtime: LocalWorkflowRuntime;
  outboxDir: string;
  secrets: Record<string, string>;
  /** Addresses whose mail bounces (besides SES's simulator addresses). */
  bouncingAddresses?: string[];
  /** Where PutEvents delivers the events it accepts. */
  events: EventPublisher;
  /** The one bus PutEvents accepts (the stack's case event bus). */
  eventBusName: string;
}

export async function startAwsStandIns(options: AwsStandInOptions): Promise<AwsStandIns> {
  const outbox = new OutboxLetterDelivery(options.outboxDir);
  const emails = new Map<string, number>();
  const calls = new Map<string, number>();
  const published: AwsStandIns['published'] = [];
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => {
      json(res, 500, { __type: 'InternalFailure', message: (error as Error).message });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<true> {
    const body = await read(req);
    const target = String(req.headers['x-amz-target'] ?? '');
    if (target.startsWith('AWSStepFunctions.'))
      return stepFunctions(target.slice(17), JSON.parse(body || '{}'), res);
    if (target === 'AWSEvents.PutEvents') return putEvents(JSON.parse(body || '{}'), req, res);
    if (target.startsWith('secretsmanager.'))
      return secretsManager(target.slice(15), JSON.parse(body || '{}'), res);
    const form = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')
      ? new URLSearchParams(body)
      : null;
    if (form?.get('Action') === 'Publish') return snsPublish(form, res);
    if (req.method === 'POST' && req.url?.startsWith('/v2/email/outbound-emails')) {
      return sendEmail(JSON.parse(body || '{}'), req, res);
    }
    return json(res, 404, {
      __type: 'UnknownOperationException',
      message: `${req.method} ${req.url} ${target}`,
    });
  }

  function stepFunctions(operation: string, input: Record<string, string>, res: ServerResponse): true {
    const runtime = options.runtime;
    const error = (type: string, message: string) =>
      json(res, 400, { __type: `com.amazonaws.states#${type}`, message }, 'application/x-amz-json-1.0');
    switch (operation) {
      case 'StartExecution': {
        const name = input.name ?? randomUUID();
        const existing = runtime.describeExecution(name);
        if (existing) {
          // The same name and input while it runs is idempotent on AWS; otherwise the name is taken.
          if (
            existing.status === 'RUNNING' &&
            JSON.stringify(existing.input) === JSON.stringify(JSON.parse(input.input ?? '{}'))
          ) {
            return json(
              res,
              200,
              { executionArn: existing.executionId, startDate: Date.parse(existing.startedAt) / 1000 },
              'application/x-amz-json-1.0',
            );
          }
          return error('ExecutionAlreadyExists', `Execution Already Exists: '${existing.executionId}'`);
        }
        const started = runtime.startExecution(name, JSON.parse(input.input ?? '{}'));
        return json(
          res,
          200,
          { executionArn: started.executionId, startDate: runtime.clock.nowMs() / 1000 },
          'application/x-amz-json-1.0',
        );
      }
      case 'SendTaskSuccess': {
        const ok = runtime.sendTaskSuccess(input.taskToken ?? '', JSON.parse(input.output ?? '{}'));
        if (!ok) return error('TaskDoesNotExist', 'Task does not exist anymore');
        return json(res, 200, {}, 'application/x-amz-json-1.0');
      }
      case 'DescribeExecution': {
        const name =
          String(input.executionArn ?? '')
            .split(':')
            .at(-1) ?? '';
        const view = runtime.describeExecution(name);
        if (!view) return error('ExecutionDoesNotExist', `Execution Does Not Exist: '${input.executionArn}'`);
        return json(
          res,
          200,
          {
            executionArn: view.executionId,
            name: view.name,
            status: view.status,
            startDate: Date.parse(view.startedAt) / 1000,
            ...(view.stoppedAt ? { stopDate: Date.parse(view.stoppedAt) / 1000 } : {}),
            input: JSON.stringify(view.input),
            ...(view.error ? { error: view.error, cause: view.cause ?? '' } : {}),
          },
          'application/x-amz-json-1.0',
        );
      }
      default:
        return error('UnknownOperationException', `${operation} is not served locally`);
    }
  }

  function snsPublish(form: URLSearchParams, res: ServerResponse): true {
    const messageId = randomUUID();
    published.push({
      topicArn: form.get('TopicArn') ?? '',
      subject: form.get('Subject') ?? '',
      message: form.get('Message') ?? '',
    });
    res.writeHead(200, { 'content-type': 'text/xml' });
    res.end(
      `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
    );
    return true;
  }

  function secretsManager(operation: string, input: Record<string, string>, res: ServerResponse): true {
    const type = 'application/x-amz-json-1.1';
    if (operation !== 'GetSecretValue') {
      return json(res, 400, { __type: 'UnknownOperationException', message: operation }, type);
    }
    const value = options.secrets[input.SecretId ?? ''];
    if (value === undefined) {
      return json(
        res,
        400,
        { __type: 'ResourceNotFoundException', message: "Secrets Manager can't find the specified secret." },
        type,
      );
    }
    return json(
      res,
      200,
      { ARN: input.SecretId, Name: input.SecretId, SecretString: value, VersionId: 'local' },
      type,
    );
  }

  async function putEvents(input: PutEventsInput, req: IncomingMessage, res: ServerResponse): Promise<true> {
    const type = 'application/x-amz-json-1.1';
    const entries = input.Entries ?? [];
    if (entries.length === 0 || entries.length > 10) {
      return json(
        res,
        400,
        { __type: 'ValidationException', message: 'Entries must hold 1 to 10 entries' },
        type,
      );
    }
    const parsed = entries.map((e): { event: PublishedEvent } | { error: string } => {
      if (e.EventBusName !== options.eventBusName) return { error: 'NotAuthorizedForDestination' };
      try {
        const detail = JSON.parse(e.Detail ?? '') as PublishedEvent;
        if (!e.Source || !e.DetailType || typeof detail !== 'object' || detail === null)
          return { error: 'MalformedDetail' };
        return { event: detail };
      } catch {
        return { error: 'MalformedDetail' };
      }
    });
    const faults = parsed.map((p) => {
      if (!('event' in p)) return null;
      const eventId = p.event.id;
      const attempt = (standIns.putEventsCalls.get(eventId) ?? 0) + 1;
      standIns.putEventsCalls.set(eventId, attempt);
      return standIns.eventsFaults?.({ eventId, attempt }) ?? null;
    });
    if (faults.includes('error'))
      return json(res, 500, { __type: 'InternalException', message: 'Internal failure' }, type);
    const accepted = parsed.flatMap((p, i) => ('event' in p && faults[i] !== 'partial' ? [p.event] : []));
    if (accepted.length > 0) await options.events.publish(accepted);
    if (faults.includes('lost')) {
      req.socket.destroy();
      return true;
    }
    const results = parsed.map((p, i) => {
      if (!('event' in p)) return { ErrorCode: p.error, ErrorMessage: p.error };
      if (faults[i] === 'partial') return { ErrorCode: 'InternalFailure', ErrorMessage: 'injected' };
      return { EventId: randomUUID() };
    });
    return json(
      res,
      200,
      { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results },
      type,
    );
  }

  async function sendEmail(input: SesSendEmail, req: IncomingMessage, res: ServerResponse): Promise<true> {
    const tag = (name: string) => input.EmailTags?.find((t) => t.Name === name)?.Value ?? '';
    const to = input.Destination?.ToAddresses?.[0] ?? '';
    const letterId = tag('letterId');
    const attempt = (calls.get(letterId) ?? 0) + 1;
    calls.set(letterId, attempt);
    const fault = standIns.sesFaults?.({ letterId, attempt }) ?? null;
    if (fault === 'throttle')
      return json(
        res,
        429,
        { message: 'Maximum sending rate exceeded.' },
        'application/json',
        'TooManyRequestsException',
      );
    if (fault === 'error')
      return json(res, 500, { message: 'Internal failure' }, 'application/json', 'InternalFailure');
    emails.set(letterId, (emails.get(letterId) ?? 0) + 1);
    // One line per call SES accepted, kept beside the letters: counts survive a restart of the process.
    await appendFile(path.join(options.outboxDir, 'ses-sendemail.log'), `${letterId}\n`);
    const { deliveryReference } = await outbox.deliver({
      letterId,
      caseId: tag('caseId'),
      kind: tag('kind') as LetterKind,
      date: new Date(options.runtime.clock.nowMs()).toISOString().slice(0, 10),
      recipient: { name: to, email: to, address: [] },
      subject: input.Content?.Simple?.Subject?.Data ?? '',
      html: input.Content?.Simple?.Body?.Html?.Data ?? '',
      text: input.Content?.Simple?.Body?.Text?.Data ?? '',
    });
    if (fault === 'lost') {
      // Accepted and sent, but the answer never reaches the caller.
      req.socket.destroy();
      return true;
    }
    const messageId = `local-${letterId}-${deliveryReference.length}-${randomUUID()}`;
    json(res, 200, { MessageId: messageId });
    const feedback = standIns.sesFeedback({ to, letterId, kind: tag('kind') });
    if (feedback && input.ConfigurationSetName && standIns.publishSesEvent) {
      standIns.publishSesEvent(
        sesEvent(feedback, {
          messageId,
          to,
          at: new Date(options.runtime.clock.nowMs()).toISOString(),
          tags: {
            'ses:configuration-set': [input.ConfigurationSetName],
            ...Object.fromEntries((input.EmailTags ?? []).map((t) => [t.Name, [t.Value]])),
          },
        }),
      );
    }
    return true;
  }

  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const address = server.address() as { port: number };
  const standIns: AwsStandIns = {
    url: `http://127.0.0.1:${address.port}`,
    emails,
    published,
    bouncingAddresses: new Set(options.bouncingAddresses ?? []),
    sesFeedback: ({ to }) =>
      to === SES_SIMULATOR.complaint
        ? 'complaint'
        : to === SES_SIMULATOR.bounce || standIns.bouncingAddresses.has(to)
          ? 'bounce'
          : null,
    publishSesEvent: null,
    putEventsCalls: new Map(),
    eventsFaults: null,
    sesFaults: null,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
  return standIns;
}

/**
 * A bounce or complaint as SES publishes it to EventBridge (detail type and SES's event record, with the
 * message's tags): a hard bounce of a mailbox that does not exist, or an abuse report.
 */
function sesEvent(
  kind: SesFeedbackKind,
  mail: { messageId: string; to: string; at: string; tags: Record<string, string[]> },
): SesFeedbackEvent {
  const feedbackId = `local-feedback-${randomUUID()}`;
  const record =
    kind === 'bounce'
      ? {
          eventType: 'Bounce',
          bounce: {
            feedbackId,
            bounceType: 'Permanent',
            bounceSubType: 'General',
            bouncedRecipients: [
              {
                emailAddress: mail.to,
                action: 'failed',
                status: '5.1.1',
                diagnosticCode: `smtp; 550 5.1.1 <${mail.to}>: user unknown`,
              },
            ],
            timestamp: mail.at,
            reportingMTA: 'dns; local.amazonses.example',
          },
        }
      : {
          eventType: 'Complaint',
          complaint: {
            feedbackId,
            complainedRecipients: [{ emailAddress: mail.to }],
            complaintFeedbackType: 'abuse',
            timestamp: mail.at,
          },
        };
  return {
    source: 'aws.ses',
    'detail-type': kind === 'bounce' ? 'Email Bounced' : 'Email Complaint Received',
    detail: {
      ...record,
      mail: {
        timestamp: mail.at,
        messageId: mail.messageId,
        destination: [mail.to],
        tags: mail.tags,
      },
    } as SesFeedbackEvent['detail'],
  };
}

interface PutEventsInput {
  Entries?: { Source?: string; DetailType?: string; Detail?: string; EventBusName?: string }[];
}

interface SesSendEmail {
  ConfigurationSetName?: string;
  Destination?: { ToAddresses?: string[] };
  Content?: {
    Simple?: { Subject?: { Data?: string }; Body?: { Html?: { Data?: string }; Text?: { Data?: string } } };
  };
  EmailTags?: { Name: string; Value: string }[];
}

/** Answers with JSON; `true`, so an operation can end with `return json(...)`. */
function json(
  res: ServerResponse,
  status: number,
  body: unknown,
  type = 'application/json',
  errorType?: string,
): true {
  if (res.headersSent) return true;
  res.writeHead(status, {
    'content-type': type,
    'x-amzn-requestid': randomUUID(),
    ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
  });
  res.end(JSON.stringify(body));
  return true;
}

function read(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
