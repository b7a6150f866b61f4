import { ROLES } from '@inovda/kernel';
import { Duration, Validations } from 'aws-cdk-lib';
import {
  AccountRecovery,
  CfnManagedLoginBranding,
  type CfnUserPoolClient,
  ClientAttributes,
  FeaturePlan,
  ManagedLoginVersion,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPool,
  type UserPoolClient,
  UserPoolClientIdentityProvider,
  type UserPoolDomain,
  VerificationEmailStyle,
} from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { type RegionConfig, signInDomainPrefixOf } from '../regions';
import { removalPolicyOf } from './retention';

/** The custom attribute carrying an OPD user's unit; tokens carry it as the `custom:opdId` claim. */
export const OPD_ID_ATTRIBUTE = 'opdId';

/** Props of a {@link RegionUserPool}. */
export interface RegionUserPoolProps {
  readonly config: RegionConfig;
}

/** The placeholder the web app's callback URL replaces (see {@link RegionUserPool.allowWebApp}). */
const NO_CALLBACK_YET = 'https://localhost/masuk/selesai';

/**
 * The region's Cognito user pool: accounts are created by administrators (no self sign-up), roles are the groups
 * of `ROLES`, an OPD user's unit is the `custom:opdId` attribute, and the web app signs in through Cognito's managed
 * login (`inovda-<region-id>.auth.<aws-region>.amazoncognito.com`) with one public client: the authorization code
 * flow with PKCE, no secret.
 */
export class RegionUserPool extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;
  /** The managed login's domain, where the web app sends people to sign in. */
  readonly domain: UserPoolDomain;

  constructor(scope: Construct, id: string, { config }: RegionUserPoolProps) {
    super(scope, id);
    this.userPool = new UserPool(this, 'UserPool', {
      userPoolName: `inovda-${config.id}`,
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: false, mutable: true } },
      customAttributes: {
        // Mutable so an administrator can move a user to another OPD; the app client cannot write it (below).
        [OPD_ID_ATTRIBUTE]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.OPTIONAL,
      // TOTP only: SMS would need an SNS role and per-message cost for little gain.
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      // Users are Pemda staff: the messages Cognito sends them are in Indonesian.
      userInvitation: {
        emailSubject: `Akun inovda ${config.displayName}`,
        emailBody:
          'Akun inovda Anda telah dibuat. Nama pengguna: {username}. Kata sandi sementara: {####}. Anda akan diminta mengganti kata sandi saat pertama kali masuk.',
      },
      userVerification: {
        emailSubject: 'Kode verifikasi inovda',
        emailBody: 'Kode verifikasi akun inovda Anda: {####}',
        emailStyle: VerificationEmailStyle.CODE,
      },
      // Threat protection (compromised credentials, adaptive authentication) needs the Plus plan.
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: config.production,
      removalPolicy: removalPolicyOf(config),
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason:
        'MFA is optional as specified for the product: accounts are created by administrators only, TOTP is offered to every user, and Plus-plan threat protection in ENFORCED mode challenges or blocks risky sign-ins and compromised credentials.',
    });

    for (const role of ROLES) {
      this.userPool.addGroup(`Group-${role}`, { groupName: role, description: `inovda role ${role}` });
    }

    // The prefix is unique per AWS Region across all accounts: a region id another account took needs another one
    // (`signInDomainPrefix` in the region's config).
    this.domain = this.userPool.addDomain('LoginDomain', {
      cognitoDomain: { domainPrefix: signInDomainPrefixOf(config) },
      managedLoginVersion: ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    this.client = this.userPool.addClient('WebClient', {
      userPoolClientName: `inovda-${config.id}-web`,
      generateSecret: false,
      // Managed login only: the authorization code flow (the app adds PKCE); no password ever reaches the app.
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [NO_CALLBACK_YET],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
        .withCustomAttributes(OPD_ID_ATTRIBUTE),
      // A user must not move themselves to another OPD: the client may write only their name and e-mail (Cognito
      // wants required attributes writable; a changed e-mail is verified again).
      writeAttributes: new ClientAttributes().withStandardAttributes({ email: true, fullname: true }),
    });
    // Managed login's pages with Cognito's own look (a branding is what turns them on for the client).
    new CfnManagedLoginBranding(this, 'LoginBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: this.client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
  }

  /**
   * Lets the web app at `origin` sign in: its callback page and its sign-in page after signing out. Set once the
   * app's distribution exists (the API, which this client is the audience of, comes before it).
   */
  allowWebApp(origin: string, callbackPath: string): void {
    const client = this.client.node.defaultChild as CfnUserPoolClient;
    client.callbackUrLs = [`${origin}${callbackPath}`];
    client.logoutUrLs = [`${origin}/masuk`];
  }
}
