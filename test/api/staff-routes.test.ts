import type { APIGatewayProxyEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, callerOf, checkStaffAccess } from '../../functions/lib/api-handler.ts';
import { LocalStaffTokens } from '../../local/staff-tokens.ts';
import { ForbiddenError } from '../../shared/errors.ts';
import { businessIntake, consumerIntake, LocalApi } from './support/local-api.ts';

const withClaims = (claims: Record<string, unknown> | undefined) =>
  ({ requestContext: claims ? { authorizer: { claims } } : {} }) as unknown as APIGatewayProxyEvent;

describe('who may call what: a Cognito-style group check per action', () => {
  it('reads the groups as a REST API passes them (one string, either form) or as a list', () => {
    for (const groups of ['reviewer,viewer', '[reviewer viewer]', ['reviewer', 'viewer']]) {
      expect(callerOf(withClaims({ 'cognito:username': 'j.de.boer', 'cognito:groups': groups }))).toEqual({
        kind: 'staff',
        username: 'j.de.boer',
        groups: ['viewer', 'reviewer'],
      });
    }
    expect(callerOf(withClaims({ 'cognito:username': 'x' }))).toEqual({
      kind: 'staff',
      username: 'x',
      groups: [],
    });
    expect(callerOf(withClaims(undefined))).toEqual({ kind: 'system' });
  });

  it('lets a person through only with one of the route’s groups; a system (IAM) always', () => {
    const viewer: Caller = { kind: 'staff', username: 'v', groups: ['viewer'] };
    expect(() => checkStaffAccess(viewer, ['viewer', 'reviewer'])).not.toThrow();
    expect(() => checkStaffAccess(viewer, ['reviewer'])).toThrow(ForbiddenError);
    expect(() => checkStaffAccess(viewer, undefined)).toThrow(ForbiddenError);
    expect(() =>
      checkStaffAccess({ kind: 'staff', username: '', groups: ['reviewer'] }, ['reviewer']),
    ).toThrow(ForbiddenError);
    expect(() => checkStaffAccess({ kind: 'system' }, undefined)).not.toThrow();
  });

  it('accepts only tokens it signed and that have not expired', () => {
    const tokens = LocalStaffTokens.create();
    const { idToken } = tokens.issue('j.de.boer', ['reviewer'], Date.parse('2026-03-02T09:00:00Z'));
    expect(tokens.verify(idToken, Date.parse('2026-03-02T10:00:00Z'))?.['cognito:groups']).toEqual([
      'reviewer',
    ]);
    expect(tokens.verify(idToken, Date.parse('2026-03-02T18:00:00Z'))).toBeNull();
    expect(LocalStaffTokens.create().verify(idToken, Date.parse('2026-03-02T10:00:00Z'))).toBeNull();
    const [head, , signature] = idToken.split('.');
    const forged = Buffer.from(
      JSON.stringify({ 'cognito:username': 'x', 'cognito:groups': ['operator'] }),
    ).toString('base64url');
    expect(tokens.verify(`${head}.${forged}.${signature}`, Date.parse('2026-03-02T10:00:00Z'))).toBeNull();
  });
});

describe('the staff routes of the local server (/api, dev sign-in)', () => {
  let api: LocalApi;
  let caseId: string;

  const signIn = async (username: string, groups: string[]) => {
    const res = await api.post('/_local/sign-in', { username, groups });
    expect(res.status).toBe(200);
    return { authorization: `Bearer ${res.body.idToken}` };
  };

  beforeAll(async () => {
    api = await LocalApi.start();
    caseId = (await api.post('/cases', consumerIntake(await api.today()))).body.caseId;
  });
  afterAll(() => api?.stop());

  it('refuses a request without a valid token (401) and a sign-in with an unknown group (400)', async () => {
    expect((await api.get(`/api/cases/${caseId}`)).status).toBe(401);
    const bad = await api.call('GET', `/api/cases/${caseId}`, undefined, { authorization: 'Bearer a.b.c' });
    expect(bad.status).toBe(401);
    const refused = await api.post('/_local/sign-in', { username: 'x', groups: ['admin'] });
    expect(refused.status).toBe(400);
    expect(refused.body.field).toBe('body.groups');
  });

  it('lets a viewer read a case and its dossier but not record a payment (403, nothing changes)', async () => {
    const viewer = await signIn('v.viewer', ['viewer']);
    expect((await api.call('GET', `/api/cases/${caseId}`, undefined, viewer)).status).toBe(200);
    expect((await api.call('GET', `/api/cases/${caseId}/dossier`, undefined, viewer)).status).toBe(200);
    const refused = await api.call(
      'POST',
      `/api/cases/${caseId}/payments`,
      { reference: 'BANK-1', amountCents: 100, paidOn: await api.today() },
      viewer,
    );
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: 'ForbiddenError', code: 'FORBIDDEN' });
    expect(refused.body.message).toContain('operator');
    expect((await api.stored(caseId)).payments).toEqual([]);
  });

  it('keeps the routes for systems only (intake, recording a dispute) off the staff API', async () => {
    const operator = await signIn('a.operator', ['operator', 'reviewer', 'viewer']);
    const res = await api.call(
      'POST',
      `/api/cases/${caseId}/disputes`,
      { kind: 'other', statement: 'x' },
      operator,
    );
    expect(res.status).toBe(404);
  });

  it('records who placed a hold, released it and recorded a payment: the signed-in person, or the system', async () => {
    const today = await api.today();
    const id = (await api.post('/cases', consumerIntake(today))).body.caseId;
    const operator = await signIn('a.operator', ['operator']);
    const as = (path: string, body: unknown) => api.call('POST', `/api/cases/${id}${path}`, body, operator);
    expect((await as('/hold', { reason: 'Regeling in overleg' })).status).toBe(200);
    expect((await as('/release', {})).status).toBe(200);
    expect((await as('/payments', { reference: 'BANK-7', amountCents: 1_000, paidOn: today })).status).toBe(
      200,
    );
    expect(
      (await api.post(`/cases/${id}/payments`, { reference: 'BANK-8', amountCents: 500, paidOn: today }))
        .status,
    ).toBe(200);
    const actors = Object.fromEntries(
      (await api.stored(id)).chronology
        .filter((e) => ['hold-placed', 'hold-released', 'payment-received'].includes(e.type))
        .map((e) => [e.refs?.reference ?? e.type, e.actor]),
    );
    expect(actors).toEqual({
      'hold-placed': 'staff:a.operator',
      'hold-released': 'staff:a.operator',
      'BANK-7': 'staff:a.operator',
      'BANK-8': 'api',
    });
  });

  it('records the signed-in reviewer, never a name from the body; a system names whom it decides for', async () => {
    const today = await api.today();
    const open = async () => {
      const id = (await api.post('/cases', businessIntake(today, [500_000]))).body.caseId;
      const d = await api.post(`/cases/${id}/disputes`, {
        kind: 'other',
        statement: 'Wij betwisten de factuur.',
      });
      return { id, decision: `/cases/${id}/disputes/${d.body.disputeId}/decision` };
    };
    const reviewer = await signIn('j.de.boer', ['reviewer']);

    const first = await open();
    const typed = await api.call(
      'POST',
      `/api${first.decision}`,
      { decision: 'reject', note: 'Geen grond.', reviewer: 'iemand.anders' },
      reviewer,
    );
    expect(typed.status).toBe(400);
    expect(typed.body.field).toBe('body.reviewer');
    const decided = await api.call(
      'POST',
      `/api${first.decision}`,
      { decision: 'reject', note: 'Geen grond.' },
      reviewer,
    );
    expect(decided.status).toBe(200);
    const entry = (await api.stored(first.id)).chronology.find((e) => e.type === 'dispute-decided');
    expect(entry?.actor).toBe('reviewer:j.de.boer');

    const second = await open();
    const missing = await api.post(second.decision, { decision: 'reject', note: 'Geen grond.' });
    expect(missing.status).toBe(400);
    expect(missing.body.field).toBe('body.reviewer');
    expect(
      (await api.post(second.decision, { decision: 'reject', note: 'x', reviewer: 'm.jansen' })).status,
    ).toBe(200);
    expect((await api.stored(second.id)).chronology.find((e) => e.type === 'dispute-decided')?.actor).toBe(
      'reviewer:m.jansen',
    );
    expect(api.contractProblems).toEqual([]);
  });
});
