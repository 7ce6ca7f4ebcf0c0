import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { STAFF_GROUPS } from '../../shared/domain/vocabulary.ts';

export interface StaffSignInProps {
  /** The Cognito hosted sign-in's domain prefix (`<prefix>.auth.<region>.amazoncognito.com`), unique per region. */
  domainPrefix: string;
}

/**
 * How the creditor's staff sign in to the back office: an Amazon Cognito user pool with the groups viewer,
 * reviewer and operator (shared/domain/vocabulary.ts STAFF_GROUPS). Users are created by an administrator
 * (no self sign-up), sign in with a strong password and a one-time code (MFA required) through the hosted
 * sign-in, and the back office receives an ID token by the authorization code flow with PKCE. The app
 * client is added by the site (its callback URL is the site's address): `addBackOfficeClient`.
 */
export class StaffSignIn extends Construct {
  readonly userPool: cognito.UserPool;
  readonly domain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: StaffSignInProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      userPoolName: `${Stack.of(this).stackName}-staff`,
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // Plus: compromised-credential and risky sign-in protection, enforced (a handful of staff users).
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const group of STAFF_GROUPS) {
      new cognito.CfnUserPoolGroup(this, `Group-${group}`, {
        userPoolId: this.userPool.userPoolId,
        groupName: group,
        description: {
          viewer: 'Reads cases, the worklist and dossiers',
          reviewer: 'Decides disputes (reject, accept, settle)',
          operator: 'Records payments, places and releases holds, restarts failed cases',
        }[group],
      });
    }
    this.domain = this.userPool.addDomain('HostedSignIn', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.CLASSIC_HOSTED_UI,
    });
  }

  /** The back office's app client: public (no secret in a browser), code flow with PKCE, back to the site. */
  addBackOfficeClient(siteUrl: string): cognito.UserPoolClient {
    const client = this.userPool.addClient('BackOfficeClient', {
      generateSecret: false,
      authFlows: {},
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(8),
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [siteUrl],
        logoutUrls: [siteUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
    });
    return client;
  }

  /** The hosted sign-in's base URL (`https://<prefix>.auth.<region>.amazoncognito.com`). */
  get signInUrl(): string {
    return this.domain.baseUrl();
  }
}
