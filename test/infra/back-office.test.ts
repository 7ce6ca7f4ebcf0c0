import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { STAFF_ACCESS } from '../../functions/api/staff-access.ts';
import { buildApp } from '../../infra/app.ts';
import { API_ROUTES } from '../../infra/constructs/case-api.ts';
import { staffRoutes } from '../../infra/constructs/staff-api.ts';
import { STAFF_GROUPS } from '../../shared/domain/vocabulary.ts';

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;

describe('the back office on AWS: Cognito sign-in, the staff API and the site', () => {
  let template: Template;
  let resources: Resources;
  let staffApiId: string;
  let caseApiId: string;

  beforeAll(() => {
    const { stack } = buildApp({ app: new App({ context: { 'aws:cdk:bundling-stacks': [] } }), nag: false });
    template = Template.fromStack(stack);
    resources = template.toJSON().Resources as Resources;
    const apis = Object.entries(template.findResources('AWS::ApiGateway::RestApi'));
    staffApiId = apis.find(([, r]) => r.Properties.Name === 'collections-staff')?.[0] as string;
    caseApiId = apis.find(([, r]) => r.Properties.Name === 'collections-cases')?.[0] as string;
  });

  /** The methods of one REST API, by "METHOD /path". */
  function methodsOf(apiId: string): Map<string, Record<string, any>> {
    const pathOf = (resourceId: string | undefined): string => {
      if (!resourceId) return '';
      const r = resources[resourceId];
      if (!r) return '';
      const parent = r.Properties.ParentId;
      const parentPath = parent?.Ref ? pathOf(parent.Ref) : '';
      return `${parentPath}/${r.Properties.PathPart}`;
    };
    const methods = new Map<string, Record<string, any>>();
    for (const m of Object.values(template.findResources('AWS::ApiGateway::Method'))) {
      if (m.Properties.RestApiId.Ref !== apiId) continue;
      const path = m.Properties.ResourceId.Ref ? pathOf(m.Properties.ResourceId.Ref) : '/';
      methods.set(`${m.Properties.HttpMethod} ${path}`, m.Properties);
    }
    return methods;
  }

  it('keeps staff in a user pool with the groups viewer, reviewer and operator, MFA, and no self sign-up', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true }) },
      UserPoolTier: 'PLUS',
    });
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup')).map(
      (g) => g.Properties.GroupName,
    );
    expect(groups.sort()).toEqual([...STAFF_GROUPS].sort());
  });

  it('gives the site a public client: code flow with no secret, back to the distribution only', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: [
        {
          'Fn::Join': [
            '',
            [
              'https://',
              { 'Fn::GetAtt': [Match.stringLikeRegexp('BackOfficeDistribution'), 'DomainName'] },
              '/',
            ],
          ],
        },
      ],
    });
  });

  it('serves exactly the staff routes under /api, each behind the Cognito authorizer, calling the case API’s functions', () => {
    const staff = methodsOf(staffApiId);
    const iam = methodsOf(caseApiId);
    const expected = staffRoutes().map((r) => `${r.method} /api${r.path}`);
    expect([...staff.keys()].sort()).toEqual(expected.sort());
    expect(expected.length).toBeGreaterThanOrEqual(7);
    for (const route of staffRoutes()) {
      const method = staff.get(`${route.method} /api${route.path}`) as Record<string, any>;
      expect(method.AuthorizationType).toBe('COGNITO_USER_POOLS');
      expect(method.AuthorizerId).toBeDefined();
      // The same Lambda function as the IAM API's route.
      const same = iam.get(`${route.method} ${route.path}`) as Record<string, any>;
      expect(JSON.stringify(method.Integration.Uri)).toBe(JSON.stringify(same.Integration.Uri));
    }
    // Intake and recording a dispute stay for systems.
    for (const id of API_ROUTES.map((r) => r.id).filter((id) => !(id in STAFF_ACCESS))) {
      const route = API_ROUTES.find((r) => r.id === id);
      expect(staff.has(`${route?.method} /api${route?.path}`)).toBe(false);
    }
    for (const m of iam.values()) expect(m.AuthorizationType).toBe('AWS_IAM');
  });

  it('serves the site from a private bucket through CloudFront with origin access control, /api/* to the staff API', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      LoggingConfiguration: Match.anyValue(),
    });
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
    const config = distribution?.Properties.DistributionConfig;
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    const s3Origin = config.Origins.find((o: any) => o.S3OriginConfig);
    expect(s3Origin.OriginAccessControlId).toBeDefined();
    expect(s3Origin.S3OriginConfig.OriginAccessIdentity).toBe('');
    const api = config.CacheBehaviors.find((b: any) => b.PathPattern === '/api/*');
    expect(api.AllowedMethods).toContain('POST');
    const apiOrigin = config.Origins.find((o: any) => o.Id === api.TargetOriginId);
    expect(JSON.stringify(apiOrigin.DomainName)).toContain(staffApiId);
    expect(JSON.stringify(apiOrigin.OriginPath)).toContain('StaffApiDeploymentStage');
    // The token reaches the API and no answer is kept.
    const cache = cachePolicyOf(template, api.CachePolicyId);
    expect(cache.ParametersInCacheKeyAndForwardedToOrigin.HeadersConfig.Headers).toEqual(['Authorization']);
    expect(cache.DefaultTTL).toBe(0);
  });

  it('shows a new deployment at once: files stored with no-cache and revalidated, no invalidation grant', () => {
    const [distribution] = Object.values(template.findResources('AWS::CloudFront::Distribution'));
    const site = cachePolicyOf(
      template,
      distribution?.Properties.DistributionConfig.DefaultCacheBehavior.CachePolicyId,
    );
    expect(site.MinTTL).toBe(0);
    expect(site.DefaultTTL).toBe(0);
    const [deployment] = Object.values(template.findResources('Custom::CDKBucketDeployment'));
    expect(deployment?.Properties.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
    expect(deployment?.Properties.DistributionId).toBeUndefined();
    const actions = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) =>
      p.Properties.PolicyDocument.Statement.flatMap((st: any) => [st.Action].flat()),
    );
    expect(actions.filter((a: string) => a.startsWith('cloudfront:'))).toEqual([]);
  });

  it("answers API Gateway's own refusals with the one error body, 401 telling staff to sign in", () => {
    const responses = Object.values(template.findResources('AWS::ApiGateway::GatewayResponse')).filter(
      (r) => r.Properties.RestApiId.Ref === staffApiId,
    );
    const byType = new Map(responses.map((r) => [r.Properties.ResponseType, r.Properties]));
    const body = (type: string) => byType.get(type)?.ResponseTemplates['application/json'] as string;
    expect(byType.get('UNAUTHORIZED')?.StatusCode).toBe('401');
    expect(JSON.parse(body('UNAUTHORIZED'))).toEqual({
      error: 'UnauthorizedError',
      code: 'UNAUTHORIZED',
      message: 'sign in: no valid staff token',
    });
    expect(body('BAD_REQUEST_BODY')).toContain('"field":"body"');
    expect(body('THROTTLED')).toContain('"code":"THROTTLED"');
  });

  it('throttles the staff stage as the IAM API, and creates no function or grant of its own', () => {
    const stages = Object.values(template.findResources('AWS::ApiGateway::Stage'));
    const staffStage = stages.find((s) => s.Properties.RestApiId.Ref === staffApiId);
    expect(staffStage?.Properties.MethodSettings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ThrottlingRateLimit: 50,
          ThrottlingBurstLimit: 100,
          DataTraceEnabled: false,
        }),
      ]),
    );
    const ownedByStaff = (type: string) =>
      Object.keys(template.findResources(type)).filter((id) => id.startsWith('StaffApi'));
    expect(ownedByStaff('AWS::Lambda::Function')).toEqual([]);
    expect(ownedByStaff('AWS::IAM::Policy')).toEqual([]);
  });

  it('takes the hosted sign-in domain prefix from the deployment config', () => {
    const { stack } = buildApp({
      app: new App({
        context: {
          'aws:cdk:bundling-stacks': [],
          collections: { staffSignInDomainPrefix: 'energiedirect-staff' },
        },
      }),
      nag: false,
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolDomain', {
      Domain: 'energiedirect-staff',
    });
  });

  it("deploys the built site with a config.json naming the hosted sign-in and the site's client", () => {
    const [deployment] = Object.values(template.findResources('Custom::CDKBucketDeployment'));
    expect(deployment?.Properties.SourceObjectKeys).toHaveLength(2);
    const markers = JSON.stringify(deployment?.Properties.SourceMarkers ?? []);
    expect(markers).toMatch(/StaffSignInUserPoolBackOfficeClient/);
    expect(markers).toMatch(/StaffSignInUserPoolHostedSignIn/);
  });
});

/** The cache policy a behaviour names by `{ Ref: id }`. */
function cachePolicyOf(template: Template, ref: { Ref: string }): any {
  return template.toJSON().Resources[ref.Ref].Properties.CachePolicyConfig;
}
