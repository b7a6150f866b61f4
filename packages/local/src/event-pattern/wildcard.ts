import type { WildcardSegments } from './compiled-pattern';
import { fail } from './invalid-pattern';

/** Splits a wildcard pattern at its `*`s, applying Event Ruler's escapes: `\*` is a literal star, `\\` a backslash. */
export function parseWildcard(text: string): WildcardSegments {
  const segments: string[] = [];
  let literal = '';
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (char === '*') {
      // AWS rejects "**" (WildcardParser: "Consecutive wildcard characters at pos …").
      if (text.charAt(index + 1) === '*') fail(`Consecutive wildcard characters at pos ${index}`);
      segments.push(literal);
      literal = '';
    } else if (char === '\\') {
      // Only \* and \\ are escapes; a backslash before anything else (or at the end) is rejected.
      const next = text.charAt(index + 1);
      if (next !== '*' && next !== '\\') fail(`Invalid escape character at pos ${index}`);
      literal += next;
      index++;
    } else {
      literal += char;
    }
  }
  segments.push(literal);
  return segments;
}
