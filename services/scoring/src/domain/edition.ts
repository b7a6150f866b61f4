import { type RubricEdition, rubricEditionSchema } from '@inovda/contracts';
import { nearlyEqual, roundHundredths } from './numbers';

/** A rubric edition that does not parse or does not add up; the message names the edition and every problem. */
export class EditionError extends Error {
  override readonly name = 'EditionError';
  constructor(
    readonly editionId: string,
    readonly problems: readonly string[],
  ) {
    super(`invalid rubric edition ${editionId}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/**
 * Parses an edition and checks that its numbers agree with each other, so a mistyped weight or threshold fails
 * when the edition is loaded (cold start, tests) rather than skewing every score published under it.
 */
export function loadEdition(input: unknown): RubricEdition {
  const result = rubricEditionSchema.safeParse(input);
  if (!result.success) {
    throw new EditionError(
      idOf(input),
      result.error.issues.map((issue) => `${issue.path.map(String).join('.') || '(edition)'}: ${issue.message}`),
    );
  }
  const problems = consistencyProblems(result.data);
  if (problems.length > 0) throw new EditionError(result.data.id, problems);
  return result.data;
}

/** Everything about the edition's numbers that the schema alone cannot see. */
function consistencyProblems(edition: RubricEdition): string[] {
  const { innovation, readiness, index } = edition;
  const problems = [
    ...duplicates(
      'innovation indicator code',
      innovation.indicators.map((spec) => spec.code),
    ),
    ...duplicates(
      'readiness row code',
      readiness.rows.map((row) => row.code),
    ),
    ...duplicates('basic-service affair', index.basicServiceAffairs),
    ...duplicates('predicate name', [...index.predicates.map((p) => p.name), index.fallbackPredicate]),
  ];

  const innovationMax = 3 * sum(innovation.indicators.map((spec) => spec.weight));
  if (!nearlyEqual(innovation.maxScore, innovationMax)) {
    problems.push(`innovation.maxScore is ${innovation.maxScore} but 3 × Σ indicator weights is ${innovationMax}`);
  }
  const readinessMax = 3 * sum(readiness.rows.map((row) => row.weight));
  if (!nearlyEqual(readiness.maxScore, readinessMax)) {
    problems.push(`readiness.maxScore is ${readiness.maxScore} but 3 × Σ row weights is ${readinessMax}`);
  }
  const maxBonus = index.countBonus.perInnovation * index.countBonus.cap;
  const total = readiness.maxScore + innovation.maxScore + maxBonus;
  if (!nearlyEqual(index.maxTotal, total)) {
    problems.push(
      `index.maxTotal is ${index.maxTotal} but readiness.maxScore + innovation.maxScore + count bonus at its cap ` +
        `is ${readiness.maxScore} + ${innovation.maxScore} + ${maxBonus} = ${total}`,
    );
  }

  index.divisorFloor.forEach(({ fromYear, k }, i) => {
    if (!(k >= 1)) problems.push(`index.divisorFloor.${i}: k must be at least 1, got ${k}`);
    const previous = index.divisorFloor[i - 1];
    if (previous && fromYear <= previous.fromYear) {
      problems.push(`index.divisorFloor.${i}: fromYear ${fromYear} must be after ${previous.fromYear}`);
    }
  });
  index.predicates.forEach(({ name, min }, i) => {
    if (roundHundredths(min) !== min) problems.push(`predicate ${name}: threshold ${min} is not in hundredths`);
    const previous = index.predicates[i - 1];
    if (previous && !(min < previous.min)) {
      problems.push(`predicate ${name}: threshold ${min} must be below ${previous.name}'s ${previous.min}`);
    }
  });

  const withBases = innovation.indicators.filter((spec) => spec.benefitBases !== undefined);
  for (const spec of withBases) {
    if (spec.code !== 'benefit') problems.push(`indicator ${spec.code}: only the indicator 'benefit' has benefitBases`);
    problems.push(
      ...duplicates(
        `benefit basis code of ${spec.code}`,
        (spec.benefitBases ?? []).map((b) => b.code),
      ),
    );
  }
  return problems;
}

function duplicates(what: string, values: readonly string[]): string[] {
  const repeated = new Set(values.filter((value, i) => values.indexOf(value) !== i));
  return [...repeated].map((value) => `duplicate ${what} ${value}`);
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function idOf(input: unknown): string {
  const id = typeof input === 'object' && input !== null ? (input as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? id : '(no id)';
}
