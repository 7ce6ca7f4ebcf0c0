import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDbClient, DynamoDbCaseStore } from '../../../shared/adapters/case-store.dynamodb.ts';
import { CollectionsError, TransientError } from '../../../shared/errors.ts';
import { aCase } from '../../support/case-fixture.ts';

/**
 * What the store makes of DynamoDB failures no local engine produces on demand (throttling, 5xx,
 * dropped connections). A real HTTP server on 127.0.0.1 answers the SDK the way DynamoDB does; the
 * SDK's own retries are off (maxAttempts 1) so each failure reaches the store once.
 */
type Answer = { status: number; type?: string; message?: string } | 'drop-connection';
let answer: Answer = { status: 200 };
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (answer === 'drop-connection') {
        req.socket.destroy();
        return;
      }
      const body = answer.type
        ? { __type: `com.amazonaws.dynamodb.v20120810#${answer.type}`, message: answer.message }
        : {};
      res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const storeAt = (url: string) =>
  new DynamoDbCaseStore({
    client: createDynamoDbClient({ endpoint: url, maxAttempts: 1 }),
    tableName: 'cases',
  });
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'no error',
    (e: unknown) => e,
  );

describe('the case store under DynamoDB failures', () => {
  it.each([
    ['ProvisionedThroughputExceededException', 400],
    ['ThrottlingException', 400],
    ['RequestLimitExceeded', 400],
    ['InternalServerError', 500],
  ])(
    'a %s becomes a TransientError the workflow retries, keeping the original as cause',
    async (type, status) => {
      answer = { status, type, message: 'slow down' };

      const error = await failureOf(storeAt(endpoint).get('case-1'));

      expect(error).toBeInstanceOf(TransientError);
      expect(error).toMatchObject({ name: 'TransientError', code: 'TRANSIENT' });
      expect((error as Error).cause).toMatchObject({ name: type });
    },
  );

  it('a 503 without an error type is transient as well', async () => {
    answer = { status: 503 };

    const error = await failureOf(storeAt(endpoint).replace(aCase({ version: 2 }), 1));

    expect(error).toBeInstanceOf(TransientError);
  });

  it('a connection the server drops is transient', async () => {
    answer = 'drop-connection';

    const error = await failureOf(storeAt(endpoint).claimIntakeKey('INV-1', 'case-1'));

    expect(error).toBeInstanceOf(TransientError);
  });

  it('an endpoint nobody listens on is transient', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));

    const error = await failureOf(storeAt(`http://127.0.0.1:${port}`).create(aCase()));

    expect(error).toBeInstanceOf(TransientError);
  });

  it.each([
    ['ValidationException', 'One or more parameter values were invalid'],
    ['ResourceNotFoundException', 'Requested resource not found'],
    ['AccessDeniedException', 'not authorized to perform dynamodb:PutItem'],
  ])('a %s is rethrown as it came: retrying would not help', async (type, message) => {
    answer = { status: 400, type, message };

    const error = await failureOf(storeAt(endpoint).create(aCase()));

    expect(error).toMatchObject({ name: type, message });
    expect(error).not.toBeInstanceOf(CollectionsError);
  });
});
