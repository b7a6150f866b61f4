import { createInnovationInput, updateInnovationInput } from '@inovda/contracts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyProfilePatch, profileOf } from './profile-input';

describe('createInnovationInput', () => {
  it('needs only a name and an owner OPD for a draft', () => {
    expect(createInnovationInput.safeParse({ name: 'SIPADU', opdId: 'dinkes' }).success).toBe(true);
    expect(createInnovationInput.safeParse({ name: 'SIPADU' }).success).toBe(false);
    expect(createInnovationInput.safeParse({ opdId: 'dinkes' }).success).toBe(false);
  });

  it('refuses unknown fields, wrong types and strings past their limits', () => {
    expect(createInnovationInput.safeParse({ name: 'A', opdId: 'dinkes', colour: 'red' }).success).toBe(false);
    expect(createInnovationInput.safeParse({ name: 12, opdId: 'dinkes' }).success).toBe(false);
    expect(createInnovationInput.safeParse({ name: 'x'.repeat(201), opdId: 'dinkes' }).success).toBe(false);
    expect(createInnovationInput.safeParse({ name: 'A', opdId: 'Dinas Kesehatan' }).success).toBe(false);
    expect(
      createInnovationInput.safeParse({ name: 'A', opdId: 'dinkes', governmentAffairs: ['health', 'health'] }).success,
    ).toBe(false);
    expect(
      createInnovationInput.safeParse({
        name: 'A',
        opdId: 'dinkes',
        evidence: [{ indicator: 'regulation', url: 'javascript:alert(1)' }],
      }).success,
    ).toBe(false);
  });

  it('accepts a complete national-form profile', () => {
    const result = createInnovationInput.safeParse({
      name: 'Layanan Adminduk Keliling',
      opdId: 'disdukcapil',
      initiatorKind: 'opd',
      type: 'non-digital',
      form: 'public-service',
      governmentAffairs: ['population-civil-registration'],
      maturity: 'trial',
      trialStartDate: '2027-02-01',
      implementationStartDate: '2027-06-01',
      problemStatement: 'Warga di kelurahan jauh sulit mengurus KTP.',
      beneficiaries: 'Warga lanjut usia',
      designNarrative: 'Mobil layanan berkeliling...',
      goals: 'Mendekatkan layanan',
      benefits: 'Waktu tempuh berkurang',
      results: 'Belum ada',
      milestones: [{ title: 'Uji coba di 2 kelurahan', dueDate: '2027-03-01' }],
      budgetSource: 'apbd',
      evidence: [{ indicator: 'regulation', url: 'https://jdih.solokkota.go.id/sk-123.pdf', title: 'SK Kepala Dinas' }],
      contactPerson: { name: 'Rina', phone: '+62 812 0000 0000', email: 'rina@solokkota.go.id' },
    });
    expect(result.success).toBe(true);
  });
});

describe('updateInnovationInput', () => {
  it('refuses a change of owner OPD, an empty patch and clearing the name', () => {
    expect(updateInnovationInput.safeParse({ opdId: 'bappeda' }).success).toBe(false);
    expect(updateInnovationInput.safeParse({}).success).toBe(false);
    expect(updateInnovationInput.safeParse({ name: null }).success).toBe(false);
  });

  it('accepts null to clear an optional field', () => {
    expect(updateInnovationInput.parse({ goals: null })).toEqual({ goals: null });
  });
});

describe('applyProfilePatch', () => {
  const current = { name: 'A', opdId: 'dinkes', goals: 'G', benefits: 'B' };

  it('sets, clears and reports only the fields that really changed', () => {
    const { profile, changedFields } = applyProfilePatch(current, { goals: null, benefits: 'B', results: 'R' });
    expect(profile).toEqual({ name: 'A', opdId: 'dinkes', benefits: 'B', results: 'R' });
    expect(changedFields.sort()).toEqual(['goals', 'results']);
  });

  it('changes nothing when every value is already there', () => {
    expect(applyProfilePatch(current, { name: 'A', goals: 'G' }).changedFields).toEqual([]);
  });

  it('never touches the owner OPD, whatever the patch', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (raw) => {
        const parsed = updateInnovationInput.safeParse(raw);
        if (!parsed.success) return;
        expect(applyProfilePatch(current, parsed.data).profile.opdId).toBe('dinkes');
      }),
    );
  });
});

describe('profileOf', () => {
  it('keeps only profile fields', () => {
    expect(profileOf({ name: 'A', opdId: 'x', version: 3, status: 'draft' } as never)).toEqual({
      name: 'A',
      opdId: 'x',
    });
  });
});

describe('field errors', () => {
  it('are in Indonesian, with the path of each field', async () => {
    const { parseOrProblem } = await import('@inovda/kernel');
    try {
      parseOrProblem(createInnovationInput, {
        name: '',
        opdId: 'Dinas Kesehatan',
        colour: 'red',
        trialStartDate: '01-02-2027',
      });
      expect.unreachable('the input is invalid');
    } catch (error) {
      const errors = (error as { extras: { errors: Array<{ path: string; message: string }> } }).extras.errors;
      const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
      expect(byPath['/name']).toBe('minimal 1 karakter');
      expect(byPath['/opdId']).toBe('harus berupa kode OPD: huruf kecil, angka dan tanda hubung');
      expect(byPath['/trialStartDate']).toBe('tanggal harus berformat YYYY-MM-DD');
      expect(byPath['/']).toBe('isian tidak dikenal: colour');
    }
  });
});
