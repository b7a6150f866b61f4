/**
 * ULIDs (https://github.com/ulid/spec): 26 characters of Crockford base32, 48 bits of milliseconds then 80 random
 * bits, so ids sort by creation time. A few lines here instead of the `ulid` package: every function makes ids, and
 * the package's environment detection was 2.5 KB of each bundle for what Node's Web Crypto does in one call.
 */

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const TIME_LENGTH = 10;
const RANDOM_LENGTH = 16;

function encodeTime(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0 || ms > 2 ** 48 - 1) throw new Error(`cannot make a ULID for time ${ms}`);
  let rest = ms;
  let out = '';
  for (let i = 0; i < TIME_LENGTH; i += 1) {
    out = ALPHABET[rest % 32] + out;
    rest = Math.floor(rest / 32);
  }
  return out;
}

function randomPart(): string {
  // 256 is a multiple of 32, so taking 5 bits of each random byte keeps every character equally likely.
  const bytes = crypto.getRandomValues(new Uint8Array(RANDOM_LENGTH));
  let out = '';
  for (const byte of bytes) out += ALPHABET[byte & 31];
  return out;
}

/** The random part plus one, in base32 (for ids made within the same millisecond). */
function increment(random: string): string {
  const digits = [...random];
  for (let i = digits.length - 1; i >= 0; i -= 1) {
    const value = ALPHABET.indexOf(digits[i] as string);
    if (value < 31) {
      digits[i] = ALPHABET[value + 1] as string;
      return digits.join('');
    }
    digits[i] = '0';
  }
  throw new Error('ULID random part exhausted within one millisecond');
}

/** A new ULID for time `ms` (now by default). */
export function ulid(ms: number = Date.now()): string {
  return encodeTime(ms) + randomPart();
}

/**
 * A ULID factory whose ids strictly increase, even within one millisecond (the random part is incremented), so ids
 * made one after the other sort in the order they were made.
 */
export function monotonicUlids(): (ms?: number) => string {
  let lastTime = -1;
  let lastRandom = '';
  return (ms = Date.now()) => {
    if (ms <= lastTime) {
      lastRandom = increment(lastRandom);
      return encodeTime(lastTime) + lastRandom;
    }
    lastTime = ms;
    lastRandom = randomPart();
    return encodeTime(ms) + lastRandom;
  };
}

/** The time a ULID was made, in epoch milliseconds. */
export function ulidTime(id: string): number {
  let ms = 0;
  for (const char of id.slice(0, TIME_LENGTH)) ms = ms * 32 + ALPHABET.indexOf(char);
  return ms;
}
