import {
  CreateSecretCommand,
  DeleteSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';

/** Where an endpoint's signing secrets are kept: never in the table, never in a log. */
export interface WebhookSecrets {
  create(name: string, secret: string): Promise<void>;
  /** Makes `secret` the current one; the one it replaces stays readable as the previous one (the overlap). */
  rotate(name: string, secret: string): Promise<void>;
  current(name: string): Promise<string>;
  previous(name: string): Promise<string | undefined>;
  /** Deletes the secret (after Secrets Manager's shortest recovery window): its endpoint is gone. */
  remove(name: string): Promise<void>;
}

/** How long a rotated-out secret still signs deliveries, so a receiver can switch to the new one without a gap. */
export const ROTATION_OVERLAP_MS = 24 * 3600 * 1000;

/** The secret's name in the store: under the service's prefix that its `secrets` grant allows. */
export function secretNameOf(regionId: string, webhookId: string): string {
  return `inovda/${regionId}/notifications/webhooks/${webhookId}`;
}

/**
 * Secrets Manager: a rotation is `PutSecretValue`, which moves `AWSCURRENT` to the new version and `AWSPREVIOUS`
 * to the one before (so the previous secret is one `GetSecretValue` away during the overlap). Locally the platform's
 * own Secrets Manager (`AWS_ENDPOINT_URL_SECRETS_MANAGER`).
 */
export class SecretsManagerSecrets implements WebhookSecrets {
  constructor(private readonly client: SecretsManagerClient = new SecretsManagerClient({})) {}

  async create(name: string, secret: string): Promise<void> {
    await this.client.send(new CreateSecretCommand({ Name: name, SecretString: secret }));
  }

  async rotate(name: string, secret: string): Promise<void> {
    await this.client.send(new PutSecretValueCommand({ SecretId: name, SecretString: secret }));
  }

  async current(name: string): Promise<string> {
    const result = await this.client.send(new GetSecretValueCommand({ SecretId: name }));
    if (!result.SecretString) throw new Error(`secret ${name} has no value`);
    return result.SecretString;
  }

  async remove(name: string): Promise<void> {
    await this.client.send(new DeleteSecretCommand({ SecretId: name, RecoveryWindowInDays: 7 }));
  }

  async previous(name: string): Promise<string | undefined> {
    try {
      const result = await this.client.send(new GetSecretValueCommand({ SecretId: name, VersionStage: 'AWSPREVIOUS' }));
      return result.SecretString;
    } catch (error) {
      if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
      throw error;
    }
  }
}

/** The secrets a delivery is signed with now: the current one, and the previous one within the overlap window. */
export async function signingSecrets(
  secrets: WebhookSecrets,
  endpoint: { readonly secretName: string; readonly rotatedAt?: string },
  now: Date,
): Promise<string[]> {
  const current = await secrets.current(endpoint.secretName);
  const inOverlap =
    endpoint.rotatedAt !== undefined && now.getTime() - Date.parse(endpoint.rotatedAt) < ROTATION_OVERLAP_MS;
  const previous = inOverlap ? await secrets.previous(endpoint.secretName) : undefined;
  return previous ? [current, previous] : [current];
}
