import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateSecretCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  InvalidParameterException,
  InvalidRequestException,
  ListSecretsCommand,
  type ListSecretsCommandInput,
  PutSecretValueCommand,
  ResourceExistsException,
  ResourceNotFoundException,
  SecretsManagerClient,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../packages/local/src/log';
import {
  type SecretsManagerApi,
  startSecretsManagerApi,
} from '../../packages/local/src/secretsmanager/secrets-manager-api';

const REGION = 'ap-southeast-3';
const NAME = 'inovda/kota-uji/notifications/webhook/ep_01J0ABC';

function clientOf(api: SecretsManagerApi): SecretsManagerClient {
  return new SecretsManagerClient({
    endpoint: api.endpoint,
    region: REGION,
    credentials: { accessKeyId: 'any', secretAccessKey: 'any' },
    maxAttempts: 1,
  });
}

describe('the local Secrets Manager, called with the real SDK client', () => {
  let clock: number;
  let api: SecretsManagerApi;
  let client: SecretsManagerClient;

  beforeEach(async () => {
    clock = Date.parse('2026-03-02T08:00:00Z');
    api = await startSecretsManagerApi({
      awsRegion: REGION,
      accountId: '000000000000',
      log: silentLogger,
      now: () => clock,
    });
    client = clientOf(api);
  });

  afterEach(async () => {
    client.destroy();
    await api.stop();
  });

  it('creates a secret whose value is AWSCURRENT', async () => {
    const created = await client.send(new CreateSecretCommand({ Name: NAME, SecretString: 'whsec_first' }));
    expect(created.ARN).toMatch(
      new RegExp(`^arn:aws:secretsmanager:${REGION}:000000000000:secret:${NAME}-[A-Za-z0-9]{6}$`),
    );
    expect(created.Name).toBe(NAME);
    expect(created.VersionId).toMatch(/^[0-9a-f-]{36}$/);

    const current = await client.send(new GetSecretValueCommand({ SecretId: NAME }));
    expect(current).toMatchObject({
      ARN: created.ARN,
      Name: NAME,
      VersionId: created.VersionId,
      SecretString: 'whsec_first',
      VersionStages: ['AWSCURRENT'],
    });
    expect(current.CreatedDate).toEqual(new Date(clock));
    // By ARN too, full or without its random suffix.
    expect((await client.send(new GetSecretValueCommand({ SecretId: created.ARN }))).SecretString).toBe('whsec_first');
    const partial = created.ARN?.slice(0, -7);
    expect((await client.send(new GetSecretValueCommand({ SecretId: partial }))).SecretString).toBe('whsec_first');
  });

  it('rotates: PutSecretValue moves AWSCURRENT to the new version and AWSPREVIOUS to the old one', async () => {
    const first = await client.send(new CreateSecretCommand({ Name: NAME, SecretString: 'whsec_first' }));
    clock += 1000;
    const second = await client.send(new PutSecretValueCommand({ SecretId: NAME, SecretString: 'whsec_second' }));
    expect(second.VersionStages).toEqual(['AWSCURRENT']);

    expect(await client.send(new GetSecretValueCommand({ SecretId: NAME }))).toMatchObject({
      VersionId: second.VersionId,
      SecretString: 'whsec_second',
    });
    expect(await client.send(new GetSecretValueCommand({ SecretId: NAME, VersionStage: 'AWSPREVIOUS' }))).toMatchObject(
      {
        VersionId: first.VersionId,
        SecretString: 'whsec_first',
        VersionStages: ['AWSPREVIOUS'],
      },
    );
    expect(
      (await client.send(new GetSecretValueCommand({ SecretId: NAME, VersionId: first.VersionId }))).SecretString,
    ).toBe('whsec_first');

    clock += 1000;
    const third = await client.send(new PutSecretValueCommand({ SecretId: NAME, SecretString: 'whsec_third' }));
    const described = await client.send(new DescribeSecretCommand({ SecretId: NAME }));
    // The first version has no label left (deprecated): no longer listed.
    expect(described.VersionIdsToStages).toEqual({
      [third.VersionId as string]: ['AWSCURRENT'],
      [second.VersionId as string]: ['AWSPREVIOUS'],
    });
    expect(described.LastChangedDate).toEqual(new Date(clock));
    // A deprecated version is still readable by its id until Secrets Manager removes it.
    expect(
      (await client.send(new GetSecretValueCommand({ SecretId: NAME, VersionId: first.VersionId }))).VersionStages,
    ).toEqual([]);
  });

  it('ends a rotation overlap: UpdateSecretVersionStage removes AWSPREVIOUS, and moves labels only from where they are', async () => {
    const first = await client.send(new CreateSecretCommand({ Name: NAME, SecretString: 'whsec_first' }));
    const second = await client.send(new PutSecretValueCommand({ SecretId: NAME, SecretString: 'whsec_second' }));
    await client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: NAME,
        VersionStage: 'AWSPREVIOUS',
        RemoveFromVersionId: first.VersionId,
      }),
    );
    await expect(
      client.send(new GetSecretValueCommand({ SecretId: NAME, VersionStage: 'AWSPREVIOUS' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    expect((await client.send(new DescribeSecretCommand({ SecretId: NAME }))).VersionIdsToStages).toEqual({
      [second.VersionId as string]: ['AWSCURRENT'],
    });
    // Moving AWSCURRENT back needs the version it is on, and takes AWSPREVIOUS along.
    await expect(
      client.send(
        new UpdateSecretVersionStageCommand({
          SecretId: NAME,
          VersionStage: 'AWSCURRENT',
          MoveToVersionId: first.VersionId,
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidParameterException);
    await client.send(
      new UpdateSecretVersionStageCommand({
        SecretId: NAME,
        VersionStage: 'AWSCURRENT',
        MoveToVersionId: first.VersionId,
        RemoveFromVersionId: second.VersionId,
      }),
    );
    expect((await client.send(new DescribeSecretCommand({ SecretId: NAME }))).VersionIdsToStages).toEqual({
      [first.VersionId as string]: ['AWSCURRENT'],
      [second.VersionId as string]: ['AWSPREVIOUS'],
    });
    await expect(
      client.send(
        new UpdateSecretVersionStageCommand({
          SecretId: NAME,
          VersionStage: 'AWSCURRENT',
          RemoveFromVersionId: first.VersionId,
        }),
      ),
    ).rejects.toBeInstanceOf(InvalidParameterException);
  });

  it('a version put with other labels (AWSPENDING) leaves AWSCURRENT where it is', async () => {
    const first = await client.send(new CreateSecretCommand({ Name: NAME, SecretString: 'whsec_first' }));
    const pending = await client.send(
      new PutSecretValueCommand({ SecretId: NAME, SecretString: 'whsec_next', VersionStages: ['AWSPENDING'] }),
    );
    expect((await client.send(new GetSecretValueCommand({ SecretId: NAME }))).VersionId).toBe(first.VersionId);
    expect(
      (await client.send(new GetSecretValueCommand({ SecretId: NAME, VersionStage: 'AWSPENDING' }))).VersionId,
    ).toBe(pending.VersionId);
    await expect(
      client.send(new GetSecretValueCommand({ SecretId: NAME, VersionStage: 'AWSPREVIOUS' })),
    ).rejects.toThrow("Secrets Manager can't find the specified secret value for staging label: AWSPREVIOUS");
  });

  it('PutSecretValue is idempotent on ClientRequestToken, and refuses to change an existing version', async () => {
    await client.send(new CreateSecretCommand({ Name: NAME, SecretString: 'whsec_first' }));
    const token = 'rotation-2026-03-02-0000000000000001';
    const put = await client.send(
      new PutSecretValueCommand({ SecretId: NAME, SecretString: 'whsec_second', ClientRequestToken: token }),
    );
    const again = await client.send(
      new PutSecretValueCommand({ SecretId: NAME, SecretString: 'whsec_second', ClientRequestToken: token }),
    );
    expect(again.VersionId).toBe(put.VersionId);
    expect(
      Object.keys((await client.send(new DescribeSecretCommand({ SecretId: NAME }))).VersionIdsToStages ?? {}),
    ).toHaveLength(2);
    await expect(
      client.send(
        new PutSecretValueCommand({ SecretId: NAME, SecretString: 'whsec_other', ClientRequestToken: token }),
      ),
    ).rejects.toBeInstanceOf(ResourceExistsException);
  });

  it('keeps binary secrets', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    await client.send(new CreateSecretCommand({ Name: NAME, SecretBinary: bytes }));
    const got = await client.send(new GetSecretValueCommand({ SecretId: NAME }));
    expect(got.SecretBinary).toEqual(bytes);
    expect(got.SecretString).toBeUndefined();
  });

  it('answers with the AWS exceptions', async () => {
    await expect(client.send(new GetSecretValueCommand({ SecretId: 'nope' }))).rejects.toSatisfy(
      (error) =>
        error instanceof ResourceNotFoundException &&
        error.message === "Secrets Manager can't find the specified secret.",
    );
    await client.send(new CreateSecretCommand({ Name: NAME, SecretString: 'whsec_first' }));
    await expect(client.send(new CreateSecretCommand({ Name: NAME, SecretString: 'x' }))).rejects.toBeInstanceOf(
      ResourceExistsException,
    );
    await expect(
      client.send(new CreateSecretCommand({ Name: 'both', SecretString: 'x', SecretBinary: new Uint8Array([1]) })),
    ).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(client.send(new CreateSecretCommand({ Name: 'bad name with spaces' }))).rejects.toBeInstanceOf(
      InvalidParameterException,
    );
    await expect(
      client.send(new GetSecretValueCommand({ SecretId: NAME, VersionId: '00000000-0000-0000-0000-000000000000' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    const current = await client.send(new GetSecretValueCommand({ SecretId: NAME }));
    // VersionId and VersionStage must name the same version.
    await expect(
      client.send(
        new GetSecretValueCommand({ SecretId: NAME, VersionId: current.VersionId, VersionStage: 'AWSPREVIOUS' }),
      ),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      client.send(new PutSecretValueCommand({ SecretId: 'nope', SecretString: 'x' })),
    ).rejects.toBeInstanceOf(ResourceNotFoundException);
    await expect(
      client.send(
        new DeleteSecretCommand({ SecretId: NAME, ForceDeleteWithoutRecovery: true, RecoveryWindowInDays: 7 }),
      ),
    ).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(
      client.send(new DeleteSecretCommand({ SecretId: NAME, RecoveryWindowInDays: 3 })),
    ).rejects.toBeInstanceOf(InvalidParameterException);
    await expect(client.send(new DeleteSecretCommand({ SecretId: 'nope' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it('a deleted secret is refused until its recovery window ends, then gone; a forced delete is immediate', async () => {
    const created = await client.send(new CreateSecretCommand({ Name: NAME, SecretString: 'whsec_first' }));
    const deleted = await client.send(new DeleteSecretCommand({ SecretId: NAME, RecoveryWindowInDays: 7 }));
    expect(deleted).toMatchObject({ ARN: created.ARN, Name: NAME, DeletionDate: new Date(clock + 7 * 86_400_000) });
    await expect(client.send(new GetSecretValueCommand({ SecretId: NAME }))).rejects.toBeInstanceOf(
      InvalidRequestException,
    );
    await expect(client.send(new PutSecretValueCommand({ SecretId: NAME, SecretString: 'x' }))).rejects.toBeInstanceOf(
      InvalidRequestException,
    );
    await expect(client.send(new CreateSecretCommand({ Name: NAME, SecretString: 'x' }))).rejects.toBeInstanceOf(
      InvalidRequestException,
    );
    expect((await client.send(new DescribeSecretCommand({ SecretId: NAME }))).DeletedDate).toEqual(new Date(clock));
    expect((await client.send(new ListSecretsCommand({}))).SecretList).toEqual([]);
    expect(
      (await client.send(new ListSecretsCommand({ IncludePlannedDeletion: true }))).SecretList?.map((s) => s.Name),
    ).toEqual([NAME]);

    clock += 7 * 86_400_000;
    await expect(client.send(new DescribeSecretCommand({ SecretId: NAME }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );

    await client.send(new CreateSecretCommand({ Name: 'forced', SecretString: 'x' }));
    await client.send(new DeleteSecretCommand({ SecretId: 'forced', ForceDeleteWithoutRecovery: true }));
    await expect(client.send(new DescribeSecretCommand({ SecretId: 'forced' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
    // Forcing the delete of an absent secret is not a ResourceNotFoundException.
    await expect(
      client.send(new DeleteSecretCommand({ SecretId: 'forced', ForceDeleteWithoutRecovery: true })),
    ).resolves.toBeDefined();
    // The name is free again.
    await expect(client.send(new CreateSecretCommand({ Name: 'forced', SecretString: 'y' }))).resolves.toBeDefined();
  });

  it('lists secrets with name filters (prefix, case-sensitive, ! negates) and pages', async () => {
    for (const name of [
      'inovda/kota-uji/notifications/a',
      'inovda/kota-uji/notifications/b',
      'inovda/kota-uji/scoring/c',
      'Inovda/other',
    ]) {
      await client.send(new CreateSecretCommand({ Name: name, SecretString: 'v', Description: `Rahasia ${name}` }));
      clock += 1000;
    }
    const names = async (input: ListSecretsCommandInput) =>
      ((await client.send(new ListSecretsCommand(input))).SecretList ?? []).map((secret) => secret.Name);

    expect(await names({ Filters: [{ Key: 'name', Values: ['inovda/kota-uji/notifications/'] }] })).toEqual([
      'inovda/kota-uji/notifications/a',
      'inovda/kota-uji/notifications/b',
    ]);
    expect(await names({ Filters: [{ Key: 'name', Values: ['inovda/'] }] })).toHaveLength(3);
    expect(await names({ Filters: [{ Key: 'name', Values: ['inovda/', '!inovda/kota-uji/scoring'] }] })).toEqual([
      'inovda/kota-uji/notifications/a',
      'inovda/kota-uji/notifications/b',
    ]);
    expect(await names({ Filters: [{ Key: 'description', Values: ['rahasia inovda/kota-uji/s'] }] })).toEqual([
      'inovda/kota-uji/scoring/c',
    ]);
    expect(await names({ SortOrder: 'desc', MaxResults: 1 })).toEqual(['Inovda/other']);

    const first = await client.send(new ListSecretsCommand({ MaxResults: 3 }));
    expect(first.SecretList).toHaveLength(3);
    expect(first.NextToken).toBeDefined();
    const rest = await client.send(new ListSecretsCommand({ MaxResults: 3, NextToken: first.NextToken }));
    expect(rest.SecretList?.map((secret) => secret.Name)).toEqual(['Inovda/other']);
    expect(rest.NextToken).toBeUndefined();
    expect(first.SecretList?.[0]?.SecretVersionsToStages).toBeDefined();
  });
});

describe('the local Secrets Manager, persisted', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'inovda-secrets-'));
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps secrets, versions and labels across a restart on the same file', async () => {
    const file = join(dir, 'secrets-manager.json');
    const first = await startSecretsManagerApi({
      awsRegion: REGION,
      accountId: '000000000000',
      log: silentLogger,
      file,
    });
    const client = clientOf(first);
    await client.send(new CreateSecretCommand({ Name: NAME, SecretString: 'whsec_first' }));
    await client.send(new PutSecretValueCommand({ SecretId: NAME, SecretString: 'whsec_second' }));
    client.destroy();
    await first.stop();

    const second = await startSecretsManagerApi({
      awsRegion: REGION,
      accountId: '000000000000',
      log: silentLogger,
      file,
    });
    const again = clientOf(second);
    expect((await again.send(new GetSecretValueCommand({ SecretId: NAME }))).SecretString).toBe('whsec_second');
    expect(
      (await again.send(new GetSecretValueCommand({ SecretId: NAME, VersionStage: 'AWSPREVIOUS' }))).SecretString,
    ).toBe('whsec_first');
    again.destroy();
    await second.stop();
  });
});
