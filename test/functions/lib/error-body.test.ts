import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { apiHandler } from '../../../functions/lib/api-handler.ts';
import { installDependencies } from '../../../functions/lib/dependencies.ts';
import { errorResponseOf, gatewayResponseTemplate } from '../../../functions/lib/error-body.ts';
import {
  ConfigurationError,
  ForbiddenError,
  IntakeConflictError,
  InvalidInputError,
} from '../../../shared/errors.ts';
import type { CaseDependencies } from '../../../shared/use-cases/dependencies.ts';

const event = (body: unknown): APIGatewayProxyEvent =>
  ({ body: JSON.stringify(body), pathParameters: { id: 'case-1' }, isBase64Encoded: false }) as never;

async function answer(thrown: Error) {
  installDependencies({} as CaseDependencies);
  const handler = apiHandler(async () => {
    throw thrown;
  });
  const result = await handler(event({}), {} as Context);
  return { status: result.statusCode, body: JSON.parse(result.body) };
}

describe('the one error body', () => {
  it('answers a person without the group with 403 and its code, and a staff route they may not call the same', async () => {
    expect(
      await answer(new ForbiddenError('j.de.boer may not do this: it needs the group operator')),
    ).toEqual({
      status: 403,
      body: {
        error: 'ForbiddenError',
        code: 'FORBIDDEN',
        message: 'j.de.boer may not do this: it needs the group operator',
      },
    });
    installDependencies({} as CaseDependencies);
    const systemsOnly = apiHandler(async () => ({ status: 200, body: {} }));
    const staffEvent = {
      ...event({}),
      requestContext: { authorizer: { claims: { 'cognito:username': 'a', 'cognito:groups': 'operator' } } },
    } as never;
    const refused = await systemsOnly(staffEvent, {} as Context);
    expect(refused.statusCode).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ error: 'ForbiddenError', code: 'FORBIDDEN' });
  });

  it('names a field of the command a use case refused as the body field it came from', async () => {
    const res = await answer(
      new InvalidInputError('invoices.0.dueOn', 'is not overdue yet (today is 2026-03-01)'),
    );
    expect(res).toEqual({
      status: 400,
      body: {
        error: 'InvalidInputError',
        code: 'INVALID_INPUT',
        field: 'body.invoices.0.dueOn',
        message: 'body.invoices.0.dueOn: is not overdue yet (today is 2026-03-01)',
      },
    });
    expect((await answer(new InvalidInputError('path.id', 'must not be empty'))).body.field).toBe('path.id');
    expect((await answer(new IntakeConflictError('debtor.name', 'differs'))).body).toMatchObject({
      field: 'body.debtor.name',
    });
  });

  it('answers a configuration error with 500 and its code, never 400, and keeps the setting out of the answer', async () => {
    const res = await answer(new ConfigurationError('STATE_MACHINE_ARN', 'environment variable is not set'));
    expect(res.status).toBe(500);
    expect(res.body).toEqual({
      error: 'ConfigurationError',
      code: 'CONFIGURATION_INVALID',
      message: 'the service is not configured correctly; nothing was changed',
    });
  });

  it('answers anything unexpected with a 500 that names no internals', async () => {
    const res = await answer(new TypeError('cannot read properties of undefined (reading "x")'));
    expect(res).toEqual({
      status: 500,
      body: { error: 'InternalError', code: 'INTERNAL', message: 'the request could not be completed' },
    });
    expect(errorResponseOf(new Error('boom')).logged).toBe(true);
  });

  it("writes API Gateway's templates in the same shape, with its variables in place", () => {
    const template = gatewayResponseTemplate({
      error: 'ThrottledError',
      code: 'THROTTLED',
      messageValue: '$context.error.messageString',
    });
    expect(template).toBe(
      '{"error":"ThrottledError","code":"THROTTLED","message":$context.error.messageString}',
    );
    expect(JSON.parse(template.replace('$context.error.messageString', '"Too Many Requests"'))).toEqual({
      error: 'ThrottledError',
      code: 'THROTTLED',
      message: 'Too Many Requests',
    });
  });
});
