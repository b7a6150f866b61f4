import { describe, expect, it } from 'vitest';
import { stackIdOf } from '../../infra/lib/region-stack';
import { defineRegion, regionConfigSchema, regions, signInDomainPrefixOf } from '../../infra/regions';
import type { RegionConfigInput } from '../../infra/regions/region-config';

/** A valid config to break one field at a time. */
const valid: RegionConfigInput = {
  id: 'kota-contoh',
  displayName: 'Pemerintah Kota Contoh',
  kind: 'kota',
  aws: { region: 'ap-southeast-3' },
  opds: [
    { id: 'brida', name: 'Badan Riset dan Inovasi Daerah', coordinator: true },
    { id: 'dinkes', name: 'Dinas Kesehatan' },
  ],
  rubricEdition: 'iid-2026',
  production: false,
  logRetentionDays: 30,
  api: { throttleRatePerSecond: 10, throttleBurst: 20, allowedOrigins: ['https://inovasi.contoh.go.id'] },
  notifications: { senderEmail: 'inovasi@contoh.go.id' },
  alarmEmail: 'ti@contoh.go.id',
};

describe('region configs', () => {
  it.each(regions.map((config) => [config.id, config] as const))('%s validates against the schema', (_id, config) => {
    expect(regionConfigSchema.safeParse(config).success).toBe(true);
    expect(config.opds.filter((opd) => opd.coordinator)).toHaveLength(1);
  });

  it('gives every region its own id, so its own stack', () => {
    const ids = regions.map(stackIdOf);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('accepts the reference config used below', () => {
    expect(defineRegion(valid).id).toBe('kota-contoh');
  });

  it('accepts only a rubric edition the scoring service ships, and defaults the scoring rule to the median', () => {
    expect(defineRegion(valid).scoringRule).toBe('median');
    expect(defineRegion({ ...valid, rubricEdition: 'iid-legacy-150', scoringRule: 'minimum' })).toMatchObject({
      rubricEdition: 'iid-legacy-150',
      scoringRule: 'minimum',
    });
    expect(() => defineRegion({ ...valid, rubricEdition: 'iid-2031' })).toThrow(/rubricEdition/);
  });

  it('accepts an OPD id of exactly 64 characters', () => {
    const id = `dinas-${'x'.repeat(58)}`;
    expect(id).toHaveLength(64);
    expect(defineRegion({ ...valid, opds: [...valid.opds, { id, name: 'Dinas Panjang' }] }).opds.at(-1)?.id).toBe(id);
  });

  it('signs in at inovda-<id> by default, or at the prefix the config names when that one is taken', () => {
    expect(signInDomainPrefixOf(defineRegion(valid))).toBe('inovda-kota-contoh');
    expect(signInDomainPrefixOf(defineRegion({ ...valid, signInDomainPrefix: 'inovasi-kota-contoh-2' }))).toBe(
      'inovasi-kota-contoh-2',
    );
  });

  it.each([
    ['a capital letter', 'Inovda-contoh'],
    ['a leading hyphen', '-inovda'],
    ['a trailing hyphen', 'inovda-'],
    ['a word Cognito reserves', 'inovda-aws-contoh'],
    ['more than 63 characters', `inovda-${'x'.repeat(57)}`],
    ['an empty prefix', ''],
  ])('refuses a sign-in domain prefix with %s', (_what, prefix) => {
    expect(() => defineRegion({ ...valid, signInDomainPrefix: prefix })).toThrow(/signInDomainPrefix/);
  });

  it('refuses a region id whose default sign-in prefix Cognito would refuse, unless another prefix is named', () => {
    const id = `kota-${'x'.repeat(55)}`;
    expect(() => defineRegion({ ...valid, id })).toThrow(/signInDomainPrefix/);
    expect(defineRegion({ ...valid, id, signInDomainPrefix: 'inovda-kota-panjang' }).id).toBe(id);
  });

  it('defaults an OPD to not coordinating', () => {
    expect(defineRegion(valid).opds.find((opd) => opd.id === 'dinkes')?.coordinator).toBe(false);
  });

  it.each<[string, RegionConfigInput, RegExp]>([
    [
      'a duplicate OPD id',
      { ...valid, opds: [...valid.opds, { id: 'dinkes', name: 'Dinas Kesehatan (lagi)' }] },
      /duplicate OPD id dinkes/,
    ],
    [
      'no coordinating OPD',
      { ...valid, opds: valid.opds.map((opd) => ({ ...opd, coordinator: false })) },
      /exactly one OPD must be the coordinator/,
    ],
    [
      'two coordinating OPDs',
      { ...valid, opds: valid.opds.map((opd) => ({ ...opd, coordinator: true })) },
      /exactly one OPD must be the coordinator/,
    ],
    [
      'a region id that is not a kebab-case slug',
      { ...valid, id: 'Kota Contoh' },
      /region id must be a kebab-case slug/,
    ],
    [
      'an OPD id that is not a kebab-case slug',
      { ...valid, opds: [...valid.opds, { id: 'Dinas_PU', name: 'Dinas Pekerjaan Umum' }] },
      /OPD id must be a kebab-case slug/,
    ],
    [
      'an OPD id longer than the contracts accept (64 characters)',
      { ...valid, opds: [...valid.opds, { id: `dinas-${'x'.repeat(59)}`, name: 'Dinas Panjang' }] },
      /OPD id must be at most 64 characters/,
    ],
    ['no OPD at all', { ...valid, opds: [] }, /opds/],
    ['an AWS region that does not exist in that shape', { ...valid, aws: { region: 'jakarta' } }, /aws\.region/],
    [
      'an account id that is not 12 digits',
      { ...valid, aws: { region: 'ap-southeast-3', account: '1234' } },
      /account/,
    ],
    ['an alarm address that is not an e-mail', { ...valid, alarmEmail: 'tim-ti' }, /alarmEmail/],
    [
      'a CORS origin that is not a URL',
      { ...valid, api: { ...valid.api, allowedOrigins: ['inovasi.contoh.go.id'] } },
      /allowedOrigins/,
    ],
  ])('rejects %s', (_case, input, message) => {
    expect(() => defineRegion(input)).toThrow(message);
    expect(() => defineRegion(input)).toThrow(/invalid region config/);
  });

  // Values the type system already rules out in a typed config file, checked as the schema sees untyped input.
  it.each<[string, unknown]>([
    ['a log retention CloudWatch does not offer', { ...valid, logRetentionDays: 60 }],
    ['an unknown field (a typo)', { ...valid, alarmEmails: ['ti@contoh.go.id'] }],
    ['a missing field', { ...valid, alarmEmail: undefined }],
  ])('rejects %s', (_case, input) => {
    expect(regionConfigSchema.safeParse(input).success).toBe(false);
  });
});
