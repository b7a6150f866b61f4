import type { Innovation } from '@inovda/contracts';
import { createInnovationInput, updateInnovationInput } from '@inovda/contracts';
import { describe, expect, it } from 'vitest';
import { changedFields, draftOf, emptyDraft, toPatch, toProfile } from './profile-draft';

const base: Innovation = {
  id: '01JDZ8Y6Q9W3J2K5M7N8P9R0ST',
  version: 3,
  status: 'draft',
  name: 'Posyandu Digital',
  opdId: 'dinkes',
  type: 'digital',
  governmentAffairs: ['health'],
  problemStatement: 'Data balita hilang.',
  contactPerson: { name: 'Rina', email: 'rina@example.id' },
  createdAt: '2026-12-01T00:00:00.000Z',
  updatedAt: '2026-12-01T00:00:00.000Z',
  createdBy: { sub: 's', username: 'opd.dinkes', role: 'opd' },
};

describe('the profile draft', () => {
  it('sends only what was given, in the shape the API validates', () => {
    const draft = emptyDraft('dinkes');
    draft.name = 'Layanan Keliling';
    draft.milestones.push({ title: 'Uji coba', dueDate: '2027-02-01', done: false });
    draft.contactPerson.phone = '0812 3456';
    const profile = toProfile(draft);
    expect(profile).toEqual({
      name: 'Layanan Keliling',
      opdId: 'dinkes',
      milestones: [{ title: 'Uji coba', dueDate: '2027-02-01', done: false }],
      contactPerson: { phone: '0812 3456' },
    });
    // The contact person needs a name: the API's own schema says so, and so does the browser.
    expect(createInnovationInput.safeParse(profile).success).toBe(false);
    draft.contactPerson.name = 'Rina';
    expect(createInnovationInput.safeParse(toProfile(draft)).success).toBe(true);
  });

  it('round-trips an innovation unchanged, and patches only what changed (null clears)', () => {
    const draft = draftOf(base);
    expect(toPatch(base, draft)).toEqual({});
    draft.problemStatement = '';
    draft.type = 'non-digital';
    draft.governmentAffairs.push('social');
    const patch = toPatch(base, draft);
    expect(patch).toEqual({ problemStatement: null, type: 'non-digital', governmentAffairs: ['health', 'social'] });
    expect(updateInnovationInput.safeParse(patch).success).toBe(true);
  });

  it('names the fields another save changed', () => {
    const after: Innovation = { ...base, version: 4, name: 'Posyandu Pintar', results: 'Naik 20%' };
    expect(changedFields(base, after).sort()).toEqual(['name', 'results']);
    expect(changedFields(base, base)).toEqual([]);
  });
});
