import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { PROJECT_ROOT } from '../../infra/constructs/collections-function.ts';
import { extractStateMachineDefinition } from '../../local/runtime/definition.ts';
import { TTL_ATTRIBUTE } from '../../shared/adapters/case-store.dynamodb.ts';

/** Structured logs, retention: what the synthesized template must say. */
describe('the stack logs with Powertools and lets closed cases expire', () => {
  let template: Template;
  beforeAll(() => {
    const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    template = Template.fromStack(buildApp({ app, nag: false }).stack);
  });

  // biome-ignore lint/suspicious/noExplicitAny: CloudFormation JSON
  const ourFunctions = () => Object.values(template.findResources('AWS::Lambda::Function')) as any[];

  it("deletes a closed case's record when its retention ends (the table's TTL attribute)", () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      TimeToLiveSpecification: { AttributeName: TTL_ATTRIBUTE, Enabled: true },
    });
  });

  it('gives every function the log level INFO from the environment and the Powertools layer of the pinned release', () => {
    const pkg = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const versions = Object.entries(pkg.dependencies)
      .filter(([name]) => name.startsWith('@aws-lambda-powertools/'))
      .map(([, version]) => version);
    expect(versions.length).toBeGreaterThan(0);
    expect(new Set(versions).size).toBe(1);
    const parameters = template.toJSON().Parameters as Record<string, { Default?: string }>;
    const functions = ourFunctions().filter((f) => f.Metadata?.['collections:entry']);
    expect(functions.length).toBeGreaterThan(10);
    for (const f of functions) {
      expect(f.Properties.Environment.Variables).toMatchObject({
        POWERTOOLS_LOG_LEVEL: 'INFO',
        POWERTOOLS_SERVICE_NAME: 'collections',
      });
      const layers = f.Properties.Layers as { Ref: string }[];
      expect(layers.map((l) => parameters[l.Ref]?.Default)).toEqual([
        `/aws/service/powertools/typescript/generic/all/${versions[0]}`,
      ]);
    }
  });

  it('passes the execution name to every Lambda task, so every log line of a step carries it', () => {
    const { definition } = extractStateMachineDefinition(template.toJSON());
    const states = Object.entries((definition as { States: Record<string, Record<string, unknown>> }).States);
    const tasks = states.filter(([, s]) => s.Type === 'Task');
    expect(tasks.length).toBeGreaterThan(10);
    for (const [name, state] of tasks) {
      const payload = (state.Parameters as { Payload?: Record<string, unknown> } | undefined)?.Payload;
      expect({ name, executionName: payload?.['executionName.$'] }).toEqual({
        name,
        executionName: '$$.Execution.Name',
      });
    }
  });
});
