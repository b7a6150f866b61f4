import { INDICATORS, STAGES } from '@inovda/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STAGE_GATES, missingForGate, stageGatesSchema } from './gates';

const words = (count: number) => Array.from({ length: count }, (_, i) => `kata${i}`).join(' ');
const mandatory = ['regulation', 'human-resources', 'speed-of-creation', 'benefit', 'quality-video'] as const;

describe('the default stage gates', () => {
  it('are valid gate data', () => {
    expect(stageGatesSchema.safeParse(DEFAULT_STAGE_GATES).success).toBe(true);
  });

  it('leave Drum up and Display open (registration is the Drum up deliverable; Display is last)', () => {
    expect(missingForGate(DEFAULT_STAGE_GATES, 'drum-up', {})).toEqual([]);
    expect(missingForGate(DEFAULT_STAGE_GATES, 'display', {})).toEqual([]);
  });

  it('can ask for the initiator to leave Drum up, where a region wants it', () => {
    const gates = { ...DEFAULT_STAGE_GATES, 'drum-up': [{ kind: 'field' as const, field: 'initiatorKind' as const }] };
    expect(missingForGate(gates, 'drum-up', {})).toEqual([
      { kind: 'field', field: 'initiatorKind', message: 'inisiator belum diisi' },
    ]);
    expect(missingForGate(gates, 'drum-up', { initiatorKind: 'opd' })).toEqual([]);
  });

  it('need a problem statement and beneficiaries to leave Diagnose', () => {
    expect(missingForGate(DEFAULT_STAGE_GATES, 'diagnose', { problemStatement: 'Antrean' })).toEqual([
      { kind: 'field', field: 'beneficiaries', message: 'penerima manfaat belum diisi' },
    ]);
    expect(
      missingForGate(DEFAULT_STAGE_GATES, 'diagnose', { problemStatement: 'Antrean', beneficiaries: 'Warga' }),
    ).toEqual([]);
  });

  it('need a 300-word design narrative, goals, benefits and a milestone to leave Design', () => {
    const missing = missingForGate(DEFAULT_STAGE_GATES, 'design', { designNarrative: words(299), goals: 'T' });
    expect(missing.map((item) => item.field)).toEqual(['designNarrative', 'benefits', 'milestones']);
    expect(missing[0]?.message).toBe('rancang bangun minimal 300 kata (baru 299 kata)');
    expect(
      missingForGate(DEFAULT_STAGE_GATES, 'design', {
        designNarrative: words(300),
        goals: 'T',
        benefits: 'M',
        milestones: [{ title: 'Uji coba', dueDate: '2027-03-01' }],
      }),
    ).toEqual([]);
  });

  it('need trial and implementation dates and evidence of every mandatory indicator to leave Deliver', () => {
    const evidence = mandatory.slice(1).map((indicator) => ({ indicator, url: 'https://x.id/a' }));
    const missing = missingForGate(DEFAULT_STAGE_GATES, 'deliver', { trialStartDate: '2027-01-01', evidence });
    expect(missing).toEqual([
      { kind: 'field', field: 'implementationStartDate', message: 'tanggal mulai penerapan belum diisi' },
      {
        kind: 'evidence',
        indicator: 'regulation',
        message: 'bukti dukung indikator regulasi inovasi daerah belum dilampirkan',
      },
    ]);
  });

  it('treat blank text as missing', () => {
    expect(
      missingForGate(DEFAULT_STAGE_GATES, 'diagnose', { problemStatement: '   ', beneficiaries: 'W' }),
    ).toHaveLength(1);
  });
});

describe('gate evaluation (properties)', () => {
  const requirement = fc.oneof(
    fc.record({
      kind: fc.constant('field' as const),
      field: fc.constantFrom('problemStatement' as const, 'goals' as const, 'trialStartDate' as const),
    }),
    fc.record({
      kind: fc.constant('min-words' as const),
      field: fc.constantFrom('designNarrative' as const, 'goals' as const),
      words: fc.integer({ min: 1, max: 50 }),
    }),
    fc.record({
      kind: fc.constant('evidence' as const),
      indicators: fc.uniqueArray(fc.constantFrom(...INDICATORS), { minLength: 1, maxLength: 5 }),
    }),
  );
  const gates = fc.dictionary(fc.constantFrom(...STAGES), fc.array(requirement, { maxLength: 6 }));
  const profile = fc.record(
    {
      problemStatement: fc.string({ maxLength: 30 }),
      goals: fc.lorem({ maxCount: 60 }),
      designNarrative: fc.lorem({ maxCount: 60 }),
      trialStartDate: fc.constant('2027-01-01'),
      evidence: fc.array(fc.record({ indicator: fc.constantFrom(...INDICATORS), url: fc.constant('https://x.id/a') }), {
        maxLength: 8,
      }),
    },
    { requiredKeys: [] },
  );

  it('never report more items than the gate asks for, and nothing for a stage without a gate', () => {
    fc.assert(
      fc.property(gates, fc.constantFrom(...STAGES), profile, (rules, stage, candidate) => {
        const missing = missingForGate(rules, stage, candidate);
        const asked = (rules[stage] ?? []).reduce(
          (total, rule) => total + (rule.kind === 'evidence' ? rule.indicators.length : 1),
          0,
        );
        expect(missing.length).toBeLessThanOrEqual(asked);
        if (!rules[stage]) expect(missing).toEqual([]);
        for (const item of missing) expect(item.message.length).toBeGreaterThan(0);
      }),
    );
  });

  it('are monotone: adding to the profile never adds a missing item', () => {
    fc.assert(
      fc.property(gates, fc.constantFrom(...STAGES), profile, profile, (rules, stage, base, more) => {
        const merged = {
          ...base,
          ...Object.fromEntries(Object.entries(more).filter(([key]) => !(key in base))),
          evidence: [...(base.evidence ?? []), ...(more.evidence ?? [])],
        };
        expect(missingForGate(rules, stage, merged).length).toBeLessThanOrEqual(
          missingForGate(rules, stage, base).length,
        );
      }),
    );
  });

  it('the schema refuses unknown requirement kinds, fields and stages', () => {
    expect(stageGatesSchema.safeParse({ design: [{ kind: 'vibes' }] }).success).toBe(false);
    expect(stageGatesSchema.safeParse({ design: [{ kind: 'field', field: 'colour' }] }).success).toBe(false);
    expect(stageGatesSchema.safeParse({ celebrate: [] }).success).toBe(false);
    expect(stageGatesSchema.safeParse({ design: [{ kind: 'min-words', field: 'goals', words: 0 }] }).success).toBe(
      false,
    );
    // An evidence requirement names each indicator once at most, so the largest gate the schema allows is bounded.
    const twice = { design: [{ kind: 'evidence', indicators: ['regulation', 'regulation'] }] };
    expect(stageGatesSchema.safeParse(twice).success).toBe(false);
    const every = { design: [{ kind: 'evidence', indicators: [...INDICATORS] }] };
    expect(stageGatesSchema.safeParse(every).success).toBe(true);
  });
});
