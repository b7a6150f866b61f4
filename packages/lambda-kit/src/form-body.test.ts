import { Problem } from '@inovda/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formToObject } from './form-body';

describe('formToObject', () => {
  it('nests bracketed keys and collects repeated keys into arrays', () => {
    expect(
      formToObject({
        name: 'SIPADU',
        'contactPerson[name]': 'Rina',
        'governmentAffairs[]': 'health',
        'milestones[0][title]': 'Uji coba',
        'milestones[0][dueDate]': '2027-03-01',
        'milestones[1][title]': 'Penerapan',
        tags: ['a', 'b'],
      }),
    ).toEqual({
      name: 'SIPADU',
      contactPerson: { name: 'Rina' },
      governmentAffairs: ['health'],
      milestones: [{ title: 'Uji coba', dueDate: '2027-03-01' }, { title: 'Penerapan' }],
      tags: ['a', 'b'],
    });
  });

  it('drops empty inputs and turns true/false into booleans', () => {
    expect(formToObject({ name: 'X', goals: '', 'milestones[0][done]': 'true' })).toEqual({
      name: 'X',
      milestones: [{ done: true }],
    });
  });

  it('makes sparse indexes dense', () => {
    expect(formToObject({ 'milestones[3][title]': 'A' })).toEqual({ milestones: [{ title: 'A' }] });
  });

  it('ignores keys that could pollute prototypes and malformed keys', () => {
    const result = formToObject({ '__proto__[polluted]': 'yes', 'a[constructor]': 'x', 'b]': 'y', 'c[[d]]': 'z' });
    expect(result).toEqual({});
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never throws anything but a problem and returns a plain object, whatever the keys', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.oneof(fc.string(), fc.array(fc.string()))), (flat) => {
        try {
          const result = formToObject(flat);
          expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
        } catch (error) {
          expect(error).toBeInstanceOf(Problem);
        }
      }),
    );
  });
});

describe('formToObject bounds', () => {
  it('handles huge indexes at no cost and refuses them clearly', () => {
    expect(() => formToObject({ 'milestones[4294967294][title]': 'a' })).toThrow(
      expect.objectContaining({ code: 'malformed-body' }),
    );
    expect(() => formToObject({ 'a[b][c][d][e]': 'x' })).toThrow(expect.objectContaining({ code: 'malformed-body' }));
  });

  it('refuses forms with too many fields', () => {
    const flat = Object.fromEntries(Array.from({ length: 1_001 }, (_, i) => [`f${i}`, 'x']));
    expect(() => formToObject(flat)).toThrow(expect.objectContaining({ code: 'malformed-body' }));
  });

  it('keeps the body an object when every field name is a number', () => {
    expect(formToObject({ '0': 'a', '1': 'b' })).toEqual({ '0': 'a', '1': 'b' });
  });

  it('orders indexed items by index', () => {
    expect(formToObject({ 'm[10][t]': 'b', 'm[2][t]': 'a' })).toEqual({ m: [{ t: 'a' }, { t: 'b' }] });
  });
});
