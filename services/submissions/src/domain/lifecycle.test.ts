import { describe, expect, it } from 'vitest';
import { assertAllowed, nextStatus } from './lifecycle';

describe('innovation lifecycle', () => {
  it('registers drafts only', () => {
    expect(() => assertAllowed('register', 'draft')).not.toThrow();
    for (const status of ['registered', 'withdrawn'] as const) {
      expect(() => assertAllowed('register', status)).toThrow(expect.objectContaining({ code: 'invalid-state' }));
    }
    expect(nextStatus('register')).toBe('registered');
  });

  it('withdraws drafts and registered innovations, once', () => {
    expect(() => assertAllowed('withdraw', 'draft')).not.toThrow();
    expect(() => assertAllowed('withdraw', 'registered')).not.toThrow();
    expect(() => assertAllowed('withdraw', 'withdrawn')).toThrow(expect.objectContaining({ status: 409 }));
    expect(nextStatus('withdraw')).toBe('withdrawn');
  });

  it('freezes a withdrawn innovation', () => {
    expect(() => assertAllowed('update', 'withdrawn')).toThrow(expect.objectContaining({ code: 'invalid-state' }));
  });
});
