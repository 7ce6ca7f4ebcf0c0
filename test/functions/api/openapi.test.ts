import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_CONTRACT } from '../../../functions/api/contract.ts';
import { OPENAPI_FILE, openApiDocument } from '../../../functions/api/openapi.ts';
import { API_ROUTES, requestModelSchema } from '../../../infra/constructs/case-api.ts';

const committed = JSON.parse(readFileSync(OPENAPI_FILE, 'utf8'));
const operations = (doc: { paths: Record<string, Record<string, unknown>> }) =>
  Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
  );

describe('the OpenAPI document of the case API', () => {
  it('is the one generated from the routes and the handlers’ schemas (run `npx tsx functions/api/openapi.ts` after a change)', () => {
    expect(committed).toEqual(openApiDocument());
  });

  it('lists exactly the routes API Gateway deploys and the local server serves', () => {
    const deployed = API_ROUTES.map((r) => `${r.method} ${r.path}`).sort();
    expect(operations(committed).sort()).toEqual(deployed);
    expect(Object.keys(API_CONTRACT).sort()).toEqual(API_ROUTES.map((r) => r.id).sort());
  });

  it('is OpenAPI 3.1 with IAM (SigV4) security, and every error answer uses one error shape', () => {
    expect(committed.openapi).toBe('3.1.0');
    expect(committed.security).toEqual([{ sigv4: [] }]);
    for (const item of Object.values(committed.paths) as Record<string, any>[]) {
      for (const op of Object.values(item)) {
        const errors = Object.entries(op.responses).filter(([status]) => Number(status) >= 400);
        expect(errors.map(([s]) => s)).toContain('400');
        for (const [, response] of errors) {
          expect((response as any).content['application/json'].schema).toEqual({
            $ref: '#/components/schemas/Error',
          });
        }
      }
    }
  });

  it('every route with a required body gets an API Gateway request model in JSON Schema draft 4', () => {
    for (const route of API_ROUTES) {
      const body = API_CONTRACT[route.id]?.body;
      const model = requestModelSchema(route.id) as Record<string, any> | undefined;
      if (!body?.required) {
        expect(model).toBeUndefined();
        continue;
      }
      expect(model?.$schema).toBe('http://json-schema.org/draft-04/schema#');
      expect(model?.type).toBe('object');
      expect(model?.required?.length).toBeGreaterThan(0);
    }
    const payment = requestModelSchema('RecordPayment') as Record<string, any>;
    expect(payment.required).toEqual(['reference', 'amountCents', 'paidOn']);
    expect(payment.properties.amountCents).toMatchObject({
      type: 'integer',
      minimum: 0,
      exclusiveMinimum: true,
    });
  });
});
