import { describe, expect, it } from 'vitest';
import { healthStatus } from './health';

describe('healthStatus', () => {
  it('is ok only with every part up and the demo data in', () => {
    expect(healthStatus(true, 'in')).toBe('ok');
    expect(healthStatus(true, 'loading')).toBe('starting');
    expect(healthStatus(true, 'failed')).toBe('seed-failed');
    expect(healthStatus(false, 'in')).toBe('degraded');
    expect(healthStatus(false, 'loading')).toBe('degraded');
  });
});
