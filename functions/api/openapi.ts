import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import type * as core from 'zod/v4/core';
import { API_ROUTES } from '../../infra/api-routes.ts';
import { dossierJsonSchema } from '../../shared/dossier/schema.ts';
import { API_CONTRACT, type ResponseBody } from './contract.ts';
import { errorResponse } from './responses.ts';

/**
 * The committed OpenAPI document; `npx tsx functions/api/openapi.ts` writes it again.
 * test/functions/api/openapi.test.ts fails when the file and the generated document disagree (as parsed JSON).
 */
export const OPENAPI_FILE = fileURLToPath(new URL('../../openapi/cases.v1.json', import.meta.url));

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input: the body, a path or query parameter, or JSON itself (`field` names which)',
  404: 'No case with this id (or no dispute with this id on the case)',
  409: "The case's stage does not allow this (closed case, decided dispute, open dispute, already on hold)",
  413: 'The request body is too large',
  503: 'Too many concurrent writers on the case, or the store is unavailable: retry',
};

type Json = Record<string, unknown>;

/** JSON Schema (2020-12, what OpenAPI 3.1 uses) of a zod schema; named parts go to components. */
function schemaOf(schema: core.$ZodType, io: 'input' | 'output', components: Json): Json {
  const raw = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    reused: 'inline',
    override: (ctx) => {
      // Dates are checked by the handler (calendar dates that exist); say so in the document too.
      const s = ctx.jsonSchema as Json;
      if (s.type === 'string' && s.pattern === '^\\d{4}-\\d{2}-\\d{2}$') s.format = 'date';
    },
  });
  const json = JSON.parse(JSON.stringify(raw).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
  const defs = (json.$defs ?? {}) as Record<string, Json>;
  for (const [name, def] of Object.entries(defs)) components[name] ??= def;
  delete json.$defs;
  delete json.$schema;
  return json;
}

function namedSchema(name: string, schema: core.$ZodType, io: 'input' | 'output', components: Json): Json {
  const ref = `#/components/schemas/${name}`;
  if (!(name in components)) {
    const json = schemaOf(schema, io, components);
    // A schema with a zod id comes back as a reference to its own definition, already in components.
    if (json.$ref !== ref) components[name] = json;
  }
  return { $ref: ref };
}

function responseContent(body: ResponseBody, components: Json): Json | undefined {
  if (body === null) return undefined;
  if (body.json === 'dossier') {
    return {
      'application/json': { schema: { $ref: '#/components/schemas/Dossier' } },
      ...(body.html ? { 'text/html': { schema: { type: 'string' } } } : {}),
    };
  }
  const id = z.globalRegistry.get(body.json)?.id;
  const schema = id
    ? namedSchema(id, body.json, 'output', components)
    : schemaOf(body.json, 'output', components);
  return { 'application/json': { schema } };
}

/**
 * The OpenAPI 3.1 document of the case API, generated from API_ROUTES (what the CDK deploys) and
 * API_CONTRACT (the handlers' zod schemas), so the document cannot drift from either.
 */
export function openApiDocument(): Json {
  const components: Json = {};
  const dossier = dossierJsonSchema();
  delete dossier.$schema;
  components.Dossier = dossier;
  namedSchema('Error', errorResponse, 'output', components);

  const paths: Record<string, Json> = {};
  for (const route of API_ROUTES) {
    const contract = API_CONTRACT[route.id];
    if (!contract) throw new Error(`route ${route.id} has no contract in functions/api/contract.ts`);
    const pathParams = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    const parameters = [
      ...pathParams.map((name) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9._:-]+$' },
      })),
      ...Object.entries(contract.query?._zod.def.shape ?? {}).map(([name, schema]) => ({
        name,
        in: 'query',
        required: false,
        schema: schemaOf(schema as z.ZodType, 'input', components),
      })),
    ];
    const responses: Json = {};
    for (const [status, r] of Object.entries(contract.responses)) {
      const content = responseContent(r.body, components);
      responses[status] = { description: r.description, ...(content ? { content } : {}) };
    }
    for (const status of [400, ...contract.errors, ...(contract.body ? [413] : [])].sort()) {
      responses[String(status)] = {
        description: ERROR_TEXT[status],
        content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
      };
    }
    const operation: Json = {
      operationId: route.id.charAt(0).toLowerCase() + route.id.slice(1),
      summary: contract.summary,
      description: route.description,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(contract.body
        ? {
            requestBody: {
              required: contract.body.required,
              content: {
                'application/json': {
                  schema: namedSchema(`${route.id}Request`, contract.body.schema, 'input', components),
                },
              },
            },
          }
        : {}),
      responses,
    };
    paths[route.path] ??= {};
    (paths[route.path] as Json)[route.method.toLowerCase()] = operation;
  }

  return {
    openapi: '3.1.0',
    info: {
      title: 'Dutch collections: case API',
      version: '1.0.0',
      description:
        'Cases of overdue invoices of one debtor: intake, payments, disputes reviewed by rules and by people, holds, and the evidence dossier. Money in integer euro cents; dates YYYY-MM-DD (Europe/Amsterdam). On AWS every request is signed with AWS Signature Version 4 (IAM authorization).',
    },
    servers: [
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com/v1',
        variables: { apiId: { default: 'api-id' }, region: { default: 'eu-west-1' } },
      },
      { url: 'http://127.0.0.1:3000', description: 'npm run serve (local, no authorization)' },
    ],
    security: [{ sigv4: [] }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          description:
            'AWS Signature Version 4 (API Gateway IAM authorization, x-amazon-apigateway-authtype awsSigv4)',
          'x-amazon-apigateway-authtype': 'awsSigv4',
        },
      },
    },
  };
}

export function serializedOpenApi(): string {
  return `${JSON.stringify(openApiDocument(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(OPENAPI_FILE, serializedOpenApi());
  // The repository's formatter owns the layout; the test compares parsed JSON, not text.
  execFileSync('npx', ['biome', 'format', '--write', OPENAPI_FILE], { stdio: 'inherit' });
  console.log(`wrote ${OPENAPI_FILE}`);
}
