import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app.ts';
import { DEMO_AGENCY_ENDPOINT, deploymentConfig } from '../../infra/deployment-config.ts';

/** What an operator puts in cdk.json for a real deployment. */
const REAL = {
  agencyEndpoint: 'https://api.incasso.example/dossiers',
  alarmEmail: 'ops@energiedirect.example',
  settings: {
    creditor: {
      id: 'energiedirect',
      name: 'Energie Direct B.V.',
      kvkNumber: '87654321',
      iban: 'NL02RABO0123456789',
      email: 'debiteuren@energiedirect.example',
    },
    letters: { fromAddress: 'debiteuren@energiedirect.example' },
  },
};
const refusal = (setting: string) => expect.objectContaining({ name: 'ConfigurationError', setting });

describe('what a synth refuses', () => {
  it('accepts a real deployment with its own creditor, sender, agency endpoint and alarm e-mail', () => {
    const config = deploymentConfig(REAL, 'aws');
    expect(config).toMatchObject({ deployment: 'aws', agencyEndpoint: REAL.agencyEndpoint });
    expect(config.settings.creditor.id).toBe('energiedirect');
  });

  it('refuses the demo creditor, the demo sender, the placeholder or unset agency and no alarm e-mail on AWS', () => {
    const without = (path: string[]) => {
      const copy = structuredClone(REAL) as any;
      let at = copy;
      for (const key of path.slice(0, -1)) at = at[key];
      delete at[path.at(-1) as string];
      return copy;
    };
    expect(() => deploymentConfig(without(['settings', 'creditor', 'iban']), 'aws')).toThrow(
      refusal('collections.settings.creditor.iban'),
    );
    expect(() => deploymentConfig(without(['settings', 'letters']), 'aws')).toThrow(
      refusal('collections.settings.letters.fromAddress'),
    );
    expect(() => deploymentConfig(without(['agencyEndpoint']), 'aws')).toThrow(
      refusal('collections.agencyEndpoint'),
    );
    expect(() => deploymentConfig({ ...REAL, agencyEndpoint: DEMO_AGENCY_ENDPOINT }, 'aws')).toThrow(
      refusal('collections.agencyEndpoint'),
    );
    expect(() => deploymentConfig(without(['alarmEmail']), 'aws')).toThrow(refusal('collections.alarmEmail'));
  });

  it('requires https: for the agency; plain http only for a receiver on this machine, and only in the demo', () => {
    expect(() =>
      deploymentConfig({ ...REAL, agencyEndpoint: 'http://api.incasso.example/dossiers' }, 'aws'),
    ).toThrow(refusal('collections.agencyEndpoint'));
    expect(() =>
      deploymentConfig({ ...REAL, agencyEndpoint: 'http://127.0.0.1:8080/dossiers' }, 'aws'),
    ).toThrow(refusal('collections.agencyEndpoint'));
    expect(() => deploymentConfig({ agencyEndpoint: 'http://agency.example/dossiers' }, undefined)).toThrow(
      refusal('collections.agencyEndpoint'),
    );
    expect(
      deploymentConfig({ agencyEndpoint: 'http://127.0.0.1:8080/dossiers' }, undefined).agencyEndpoint,
    ).toBe('http://127.0.0.1:8080/dossiers');
  });

  it("takes the staff sign-in's domain prefix from cdk.json and refuses one Cognito would refuse", () => {
    expect(deploymentConfig({}, undefined).staffSignInDomainPrefix).toBeNull();
    expect(deploymentConfig({ staffSignInDomainPrefix: 'energiedirect-staff' }, undefined)).toMatchObject({
      staffSignInDomainPrefix: 'energiedirect-staff',
    });
    for (const prefix of ['Energie', '-staff', 'staff-', 'my_staff', 'aws-staff', 'x'.repeat(64), 42]) {
      expect(() => deploymentConfig({ staffSignInDomainPrefix: prefix }, undefined)).toThrow(
        refusal('collections.staffSignInDomainPrefix'),
      );
    }
  });

  it('keeps the demo defaults when no deployment is named, and refuses an unknown one', () => {
    expect(deploymentConfig({}, undefined)).toMatchObject({
      deployment: 'demo',
      agencyEndpoint: DEMO_AGENCY_ENDPOINT,
      alarmEmail: null,
    });
    expect(() => deploymentConfig({}, 'prod')).toThrow(refusal('deployment'));
    expect(() => deploymentConfig({ api: { rateLimit: 0 } }, undefined)).toThrow(
      refusal('collections.api.rateLimit'),
    );
  });

  it('fails `cdk synth -c deployment=aws` on the demo settings, and marks a demo template undeployable', () => {
    const app = (deployment?: string, collections: object = {}) =>
      new App({
        context: { 'aws:cdk:bundling-stacks': [], collections, ...(deployment ? { deployment } : {}) },
      });
    expect(() => buildApp({ app: app('aws'), nag: false })).toThrow(refusal('collections.agencyEndpoint'));
    const demo = Template.fromStack(buildApp({ app: app(), nag: false }).stack).toJSON();
    const refusing = (rules: Record<string, unknown> = {}) =>
      Object.values(rules).filter((r) => JSON.stringify(r).includes('-c deployment=aws'));
    expect(refusing(demo.Rules)).toHaveLength(1);
    const real = Template.fromStack(buildApp({ app: app('aws', REAL), nag: false }).stack).toJSON();
    expect(refusing(real.Rules)).toEqual([]);
  });
});
