import type { CompiledPattern, WildcardSegments } from './compiled-pattern';
import { fail } from './invalid-pattern';

// Event Ruler's MachineComplexityEvaluator counts how many wildcard-pattern prefixes one input can match at once.
// AWS does not publish EventBridge's cap. Observed: "/Users/*/dir/dir/dir/dir/dir/doc.txt" (7) is accepted,
// "*:*:*:*:*:event-bus/*" (10) is rejected (LocalStack's AWS-validated tests), and three "*:stack/<name>/*" values (9)
// are accepted while four (12) are rejected (a real deployment failing with "Rule is too complex"). 9 fits all of them.
const MAX_WILDCARD_COMPLEXITY = 9;

/** Rejects a pattern whose wildcards Event Ruler would find too complex ("Rule is too complex"). */
export function assertWildcardComplexity(branches: CompiledPattern): void {
  for (const patterns of wildcardPatternsByField(branches).values()) {
    if (wildcardComplexity([...patterns.values()]) > MAX_WILDCARD_COMPLEXITY) {
      fail(
        'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character',
      );
    }
  }
}

function wildcardPatternsByField(branches: CompiledPattern): Map<string, Map<string, WildcardSegments>> {
  // Event Ruler builds one byte machine per field, shared by all values (and $or branches) naming that field; an
  // identical pattern is stored once. Only positive wildcards count: anything-but wildcards are a different match type.
  const byField = new Map<string, Map<string, WildcardSegments>>();
  for (const branch of branches) {
    for (const [path, conditions] of branch) {
      for (const condition of conditions) {
        if (condition.type !== 'wildcard') continue;
        const patterns = byField.get(path) ?? new Map<string, WildcardSegments>();
        patterns.set(JSON.stringify(condition.segments), condition.segments);
        byField.set(path, patterns);
      }
    }
  }
  return byField;
}

const STAR = Symbol('star');
type WildcardToken = string | typeof STAR;
type Positions = readonly ReadonlySet<number>[];

// Guards the subset exploration below; real patterns stay far below it.
const MAX_EXPLORED_STATES = 20_000;

/**
 * The largest number of (non-empty) pattern prefixes that one input string matches in full, summed over the patterns:
 * Event Ruler's wildcard complexity. Explores the subset construction of the patterns' NFA over their literal alphabet.
 */
function wildcardComplexity(patterns: readonly WildcardSegments[]): number {
  const tokenLists = patterns.map(toTokens);
  const alphabet = [...new Set(tokenLists.flat().filter((token): token is string => token !== STAR)), '<other>'];
  const start = tokenLists.map((tokens) => closeOverStars(tokens, new Set([0])));
  const seen = new Set([positionsKey(start)]);
  const queue: Positions[] = [start];
  let worst = activePrefixes(start);
  for (let next = queue.shift(); next !== undefined && seen.size < MAX_EXPLORED_STATES; next = queue.shift()) {
    for (const char of alphabet) {
      const stepped = next.map((positions, index) => step(tokenLists[index] ?? [], positions, char));
      const key = positionsKey(stepped);
      if (seen.has(key)) continue;
      seen.add(key);
      worst = Math.max(worst, activePrefixes(stepped));
      if (worst > MAX_WILDCARD_COMPLEXITY) return worst;
      queue.push(stepped);
    }
  }
  return worst;
}

function toTokens(segments: WildcardSegments): WildcardToken[] {
  return segments.flatMap((segment, index) => (index === 0 ? [...segment] : [STAR, ...segment]));
}

function closeOverStars(tokens: readonly WildcardToken[], positions: ReadonlySet<number>): Set<number> {
  // A star may match nothing, so the position after it is reachable without consuming input.
  const closed = new Set(positions);
  for (const position of positions) {
    for (let at = position; tokens[at] === STAR; at++) closed.add(at + 1);
  }
  return closed;
}

function step(tokens: readonly WildcardToken[], positions: ReadonlySet<number>, char: string): Set<number> {
  const next = new Set<number>();
  for (const position of positions) {
    if (position > 0 && tokens[position - 1] === STAR) next.add(position);
    if (tokens[position] === char) next.add(position + 1);
  }
  return closeOverStars(tokens, next);
}

function activePrefixes(state: Positions): number {
  return state.reduce((sum, positions) => sum + [...positions].filter((position) => position > 0).length, 0);
}

function positionsKey(state: Positions): string {
  return state.map((positions) => [...positions].sort((a, b) => a - b).join(',')).join('|');
}
