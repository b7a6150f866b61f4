import { describe, expect, it } from 'vitest';
import { IID_2026 } from '../editions/iid-2026';
import { IID_LEGACY_150 } from '../editions/iid-legacy-150';
import { predicate } from './predicate';

describe('the predicate', () => {
  it.each([
    [100, 'Sangat Inovatif'],
    [65.01, 'Sangat Inovatif'],
    [65.005, 'Sangat Inovatif'], // published as 65.01
    [65.0049, 'Inovatif'],
    [65.0, 'Inovatif'],
    [40.01, 'Inovatif'],
    [40.0, 'Kurang Inovatif'],
    [0.01, 'Kurang Inovatif'],
    [0.005, 'Kurang Inovatif'],
    [0.0049, 'Tidak Dapat Dinilai'],
    [0, 'Tidak Dapat Dinilai'],
  ])('2026: %d is %s', (index, name) => {
    expect(predicate(IID_2026, index)).toBe(name);
  });

  it.each([
    [60.46, 'Sangat Inovatif'], // Kota Solok, 2023
    [60.01, 'Sangat Inovatif'],
    [60.0, 'Inovatif'],
    [35.0, 'Inovatif'],
    [34.99, 'Kurang Inovatif'],
    [0.01, 'Kurang Inovatif'],
    [0, 'Tidak Dapat Dinilai'],
  ])('older edition: %d is %s', (index, name) => {
    expect(predicate(IID_LEGACY_150, index)).toBe(name);
  });
});
