import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { wholeNumber } from './whole-number';

describe('wholeNumber', () => {
  const schema = wholeNumber(1, 100);

  it('takes integers and the digits a form sends, within bounds', () => {
    expect(schema.parse(7)).toBe(7);
    expect(schema.parse('42')).toBe(42);
    for (const bad of [0, 101, '0', '', ' 3', '1e2', '3.5', 3.5, null, true, '0x10']) {
      expect(schema.safeParse(bad).success, String(bad)).toBe(false);
    }
  });

  it('agrees with the integer it reads, for any integer or its decimal string', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000, max: 1_000 }), fc.boolean(), (value, asText) => {
        const result = schema.safeParse(asText ? String(value) : value);
        expect(result.success).toBe(value >= 1 && value <= 100);
        if (result.success) expect(result.data).toBe(value);
      }),
    );
  });
});
