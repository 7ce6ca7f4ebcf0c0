import * as path from 'node:path';
import { AssetHashType, DockerImage, Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { STAFF_PATH_PREFIX } from '../../functions/api/staff-access.ts';
import { writeBackOffice } from '../../web/build.ts';
import { PROJECT_ROOT } from './collections-function.ts';
import type { StaffSignIn } from './staff-sign-in.ts';

export interface BackOfficeSiteProps {
  staffApi: apigw.RestApi;
  signIn: StaffSignIn;
}

/**
 * The back office on AWS: the files web/build.ts builds (the same esbuild build `npm run serve` serves) in
 * a private S3 bucket, served by CloudFront through origin access control; `/api/*` goes to the staff API
 * on the same origin, so the browser sends its token to no other host. `config.json` tells the site where
 * staff sign in (the Cognito hosted sign-in and the app client made for this site's address).
 */
export class BackOfficeSite extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly url: string;

  constructor(scope: Construct, id: string, props: BackOfficeSiteProps) {
    super(scope, id);
    const logs = new s3.Bucket(this, 'AccessLogs', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      // CloudFront standard logging writes with ACLs.
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = new s3.Bucket(this, 'Files', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      encryption: s3.BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'bucket/',
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: false,
    });

    // The API behind CloudFront: never cached (the token is in the key so no answer is ever shared, and
    // nothing is kept for more than a second), every method, the query string and the token passed on.
    const apiCache = new cloudfront.CachePolicy(this, 'ApiCachePolicy', {
      comment: 'Back office API: effectively uncached; the Authorization header is forwarded',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.seconds(1),
      headerBehavior: cloudfront.CacheHeaderBehavior.allowList('Authorization'),
      queryStringBehavior: cloudfront.CacheQueryStringBehavior.all(),
      cookieBehavior: cloudfront.CacheCookieBehavior.none(),
    });
    // The site's files are stored with `Cache-Control: no-cache` and the minimum TTL is 0, so CloudFront
    // revalidates them with S3 (an ETag answer of a few bytes): a deployment shows at once without an
    // invalidation, which CDK could only grant on every distribution (`Resource: *`).
    const siteCache = new cloudfront.CachePolicy(this, 'SiteCachePolicy', {
      comment: 'Back office files: revalidated with the bucket on every request (stored with no-cache)',
      defaultTtl: Duration.seconds(0),
      minTtl: Duration.seconds(0),
      maxTtl: Duration.minutes(5),
      enableAcceptEncodingBrotli: true,
      enableAcceptEncodingGzip: true,
    });
    const securityHeaders = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Back office: no framing by others, no sniffing, HSTS, no referrer to other sites',
      securityHeadersBehavior: {
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.SAMEORIGIN, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.SAME_ORIGIN, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
      },
    });
    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Collections back office',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      enableLogging: true,
      logBucket: logs,
      logFilePrefix: 'cloudfront/',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: siteCache,
        responseHeadersPolicy: securityHeaders,
      },
      additionalBehaviors: {
        [`${STAFF_PATH_PREFIX}/*`]: {
          origin: new origins.RestApiOrigin(props.staffApi),
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: apiCache,
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: securityHeaders,
        },
      },
    });
    Validations.of(this.distribution).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-CFR1',
        reason:
          "Staff work from anywhere the creditor allows; sign-in (Cognito, MFA) is the gate, not the viewer's country.",
      },
      {
        id: 'AwsSolutions::AwsSolutions-CFR2',
        reason:
          'No WAF web ACL by default: the site is static and every API call needs a staff token; add one in front when the creditor requires it.',
      },
      {
        id: 'AwsSolutions::AwsSolutions-CFR4',
        reason:
          "The distribution uses CloudFront's default certificate (no custom domain configured), for which CloudFront allows TLSv1; with a custom domain, TLS_V1_2_2021 applies.",
      },
    );
    this.url = `https://${this.distribution.distributionDomainName}/`;

    const client = props.signIn.addBackOfficeClient(this.url);
    const deployment = new s3deploy.BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      cacheControl: [s3deploy.CacheControl.noCache()],
      sources: [
        s3deploy.Source.asset(path.join(PROJECT_ROOT, 'web'), {
          // Built by the project's esbuild on this machine (no Docker), as the Lambda bundles are.
          assetHashType: AssetHashType.OUTPUT,
          bundling: {
            image: DockerImage.fromRegistry('local-bundling-only'),
            local: {
              tryBundle(outputDir: string) {
                writeBackOffice(outputDir);
                return true;
              },
            },
          },
        }),
        s3deploy.Source.jsonData('config.json', {
          apiBase: STAFF_PATH_PREFIX,
          auth: { kind: 'cognito', domain: props.signIn.signInUrl, clientId: client.userPoolClientId },
        }),
      ],
    });
    const stack = Stack.of(this);
    Validations.of(deployment.handlerRole).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: "CDK's BucketDeployment provider: the managed policy only lets it write its own logs.",
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Action::s3:GetObject*]',
        reason:
          "CDK's BucketDeployment copies the site's asset from the CDK staging bucket (grantRead's actions).",
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Action::s3:GetBucket*]',
        reason: "CDK's BucketDeployment reads the staging and site buckets (grantRead's actions).",
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Action::s3:List*]',
        reason: "CDK's BucketDeployment lists the staging and site buckets to sync (grantRead's actions).",
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Action::s3:DeleteObject*]',
        reason: "CDK's BucketDeployment removes files of an older site version (grantReadWrite's actions).",
      },
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Action::s3:Abort*]',
        reason: "CDK's BucketDeployment aborts a failed multipart upload (grantReadWrite's actions).",
      },
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]`,
        reason:
          'The objects of the CDK staging bucket the site asset is uploaded to; its key is known only at deploy time.',
      },
      {
        id: `AwsSolutions::AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*]`,
        reason: 'Every object of the site bucket: the deployment replaces the whole site.',
      },
    );
    // The provider function is a singleton at the stack's root; its runtime is the one CDK ships it for.
    const provider = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (provider) {
      Validations.of(provider).acknowledge({
        id: 'AwsSolutions::AwsSolutions-L1',
        reason:
          "CDK's BucketDeployment provider runs on the runtime aws-cdk-lib pins for it; it runs only at deploy time.",
      });
    }
  }
}
