/**
 * Number helpers for scores. Weights such as 0.75 and 1.5 and divisions by MAX(k, n) make binary floating-point
 * noise (1.005 × 100 = 100.49999999999999), so equality and rounding never trust the last bits.
 */

/** Whether two scores are equal but for floating-point noise (relative to their size, at least 1e-9 absolute). */
export function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * `x` rounded to hundredths, half away from zero, as people round published scores: 1.005 → 1.01, −1.005 → −1.01.
 * The scaled value is first cut to 15 significant digits, which removes the noise of the binary representation
 * (100.49999999999999 becomes 100.5) while keeping every digit a score can meaningfully carry.
 */
export function roundHundredths(x: number): number {
  if (!Number.isFinite(x)) return x;
  const scaled = Number((Math.abs(x) * 100).toPrecision(15));
  // `+ 0` turns −0 into 0.
  return (Math.sign(x) * Math.round(scaled)) / 100 + 0;
}
