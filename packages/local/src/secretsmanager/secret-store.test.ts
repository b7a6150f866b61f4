import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AWSCURRENT, AWSPREVIOUS, SecretStore } from './secret-store';
import { SecretsManagerError } from './secrets-manager-error';

const NAME = 'inovda/kota-uji/notifications/webhook/ep_1';

function storeWithSecret(): SecretStore {
  const store = new SecretStore({ awsRegion: 'ap-southeast-3', accountId: '000000000000' });
  store.create({ Name: NAME, SecretString: 'v0' });
  return store;
}

function labels(store: SecretStore): Record<string, string[]> {
  return store.describe({ SecretId: NAME }).VersionIdsToStages as Record<string, string[]>;
}

describe('SecretStore staging labels', () => {
  it('after any sequence of puts: one AWSCURRENT on the last AWSCURRENT put, AWSPREVIOUS on the one before', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom<readonly string[] | undefined>(
            undefined,
            [AWSCURRENT],
            ['AWSPENDING'],
            ['custom', AWSCURRENT],
          ),
          {
            maxLength: 12,
          },
        ),
        (puts) => {
          const store = storeWithSecret();
          const currents = [store.getValue({ SecretId: NAME }).VersionId as string];
          puts.forEach((stages, index) => {
            const put = store.putValue({
              SecretId: NAME,
              SecretString: `v${index + 1}`,
              ...(stages ? { VersionStages: stages } : {}),
            });
            if (!stages || stages.includes(AWSCURRENT)) currents.push(put.VersionId as string);
          });
          const byLabel = (label: string) =>
            Object.entries(labels(store))
              .filter(([, stages]) => stages.includes(label))
              .map(([versionId]) => versionId);
          expect(byLabel(AWSCURRENT)).toEqual([currents.at(-1)]);
          expect(byLabel(AWSPREVIOUS)).toEqual(currents.length > 1 ? [currents.at(-2)] : []);
          expect(byLabel('AWSPENDING').length).toBeLessThanOrEqual(1);
          expect(store.getValue({ SecretId: NAME }).VersionId).toBe(currents.at(-1));
        },
      ),
    );
  });

  it('keeps at most 100 versions, dropping the oldest unlabelled ones', () => {
    const store = storeWithSecret();
    const first = store.getValue({ SecretId: NAME }).VersionId as string;
    for (let index = 1; index <= 120; index++) store.putValue({ SecretId: NAME, SecretString: `v${index}` });
    expect(() => store.getValue({ SecretId: NAME, VersionId: first })).toThrow(SecretsManagerError);
    expect(store.getValue({ SecretId: NAME }).SecretString).toBe('v120');
    expect(store.getValue({ SecretId: NAME, VersionStage: AWSPREVIOUS }).SecretString).toBe('v119');
  });

  it('refuses a request without SecretId as AWS validates members', () => {
    const store = storeWithSecret();
    expect(() => store.getValue({})).toThrow(expect.objectContaining({ type: 'ValidationException' }));
  });
});
