/**
 * What a validated event pattern compiles to: match branches of conditions per flattened field path. The compiler
 * (compiler.ts) produces it, the matcher (matcher.ts) evaluates it.
 */

/** A JSON leaf value of an event: what every matcher compares against. */
export type Scalar = string | number | boolean | null;

/** An IP address as a number, so that CIDR ranges and differently-written addresses compare by value. */
export interface IpAddress {
  readonly version: 4 | 6;
  readonly value: bigint;
}

/** The inclusive address range a CIDR block covers. */
export interface IpRange {
  readonly version: 4 | 6;
  readonly low: bigint;
  readonly high: bigint;
}

/** One side of a `numeric` filter, e.g. `[">", 0]`. */
export interface NumericComparison {
  readonly op: NumericOperator;
  readonly value: number;
}

/** The comparison operators a `numeric` filter accepts. */
export type NumericOperator = '<' | '<=' | '=' | '>' | '>=';

/** What an `anything-but` filter excludes. */
export type Exclusion =
  | { readonly type: 'values'; readonly values: readonly (string | number)[] }
  | {
      readonly type: 'prefix' | 'suffix' | 'equals-ignore-case';
      readonly values: readonly string[];
    }
  | {
      readonly type: 'wildcard';
      readonly patterns: readonly WildcardSegments[];
    };

/** A wildcard pattern as the literal text between its unescaped `*` characters ("a*b" is ["a", "b"]). */
export type WildcardSegments = readonly string[];

/** One entry of a field's value array in a pattern, after validation. */
export type Condition =
  | {
      readonly type: 'equals';
      readonly value: Scalar;
      readonly ip: IpAddress | undefined;
    }
  | { readonly type: 'exists'; readonly exists: boolean }
  | {
      readonly type: 'prefix' | 'suffix';
      readonly value: string;
      readonly ignoreCase: boolean;
    }
  | { readonly type: 'equals-ignore-case'; readonly value: string }
  | { readonly type: 'wildcard'; readonly segments: WildcardSegments }
  | {
      readonly type: 'numeric';
      readonly comparisons: readonly NumericComparison[];
    }
  | { readonly type: 'cidr'; readonly range: IpRange }
  | { readonly type: 'anything-but'; readonly exclude: Exclusion };

/** One way for an event to match: every flattened field path must satisfy one of its conditions. */
export type Branch = ReadonlyMap<string, readonly Condition[]>;

/** A validated pattern: it matches an event when any branch does (branches come from `$or`). */
export type CompiledPattern = readonly Branch[];
