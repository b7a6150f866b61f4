import { STAGES, type Stage } from '@inovda/contracts';
import { type FieldError, Problem } from '@inovda/kernel';
import type { Claim, EvidenceLink, InnovationFacts } from './model';
import type { ScoringEdition } from './scoring-edition';

/** A claim as the OPD sends it: evidence absent means "the links attached to this indicator in the profile". */
export interface ClaimInput {
  readonly indicator: string;
  readonly level: 1 | 2 | 3;
  readonly evidence?: readonly EvidenceLink[] | undefined;
  readonly basis?: string | undefined;
}

const STAGE_NAMES: Readonly<Record<Stage, string>> = {
  'drum-up': 'Drum up',
  diagnose: 'Diagnose',
  design: 'Design',
  deliver: 'Deliver',
  display: 'Display',
};

/** Whether a track at `stage` has reached `required` (the stages are ordered). */
export function hasReached(stage: Stage, required: Stage): boolean {
  return STAGES.indexOf(stage) >= STAGES.indexOf(required);
}

/** The self-assessment opens once the track reaches the edition's stage, in a cycle, and not after a withdrawal. */
export function assertSelfAssessable(innovation: InnovationFacts, edition: ScoringEdition): void {
  if (innovation.withdrawn || innovation.cycleId === undefined) {
    throw new Problem('invalid-state', { detail: 'Inovasi ini tidak terdaftar dalam siklus yang sedang berjalan.' });
  }
  if (!hasReached(innovation.stage, edition.selfAssessmentStage)) {
    throw new Problem('invalid-state', {
      detail: `Penilaian mandiri dapat diisi setelah inovasi mencapai tahap ${STAGE_NAMES[edition.selfAssessmentStage]}.`,
    });
  }
}

/**
 * Checks claims against the edition (known indicators; Benefit's basis among its bases) and resolves the evidence:
 * given links, or the profile's links for the indicator. Field errors name the claim by position.
 */
export function resolveClaims(
  edition: ScoringEdition,
  innovation: InnovationFacts,
  claims: readonly ClaimInput[],
): Claim[] {
  const errors: FieldError[] = [];
  const resolved = claims.map((claim, index): Claim => {
    const spec = edition.innovation.indicators.find((indicator) => indicator.code === claim.indicator);
    if (!spec) {
      errors.push({
        path: `claims/${index}/indicator`,
        code: 'unknown_indicator',
        message: `indikator ${claim.indicator} tidak ada dalam rubrik ${edition.id}`,
      });
    } else if (spec.benefitBases && spec.benefitBases.length > 0) {
      if (claim.basis === undefined) {
        errors.push({
          path: `claims/${index}/basis`,
          code: 'basis_required',
          message: 'pilih dasar pengukuran kemanfaatan',
        });
      } else if (!spec.benefitBases.some((basis) => basis.code === claim.basis)) {
        errors.push({
          path: `claims/${index}/basis`,
          code: 'unknown_basis',
          message: `dasar pengukuran ${claim.basis} tidak dikenal`,
        });
      }
    } else if (claim.basis !== undefined) {
      errors.push({
        path: `claims/${index}/basis`,
        code: 'basis_not_allowed',
        message: 'dasar pengukuran hanya untuk indikator kemanfaatan',
      });
    }
    return {
      indicator: claim.indicator,
      level: claim.level,
      evidence: claim.evidence ?? innovation.evidence[claim.indicator] ?? [],
      ...(claim.basis === undefined ? {} : { basis: claim.basis }),
    };
  });
  if (errors.length > 0) throw new Problem('validation-failed', { errors });
  return resolved;
}

/** Σ weight × claimed level: the score if every claim were accepted. */
export function claimedScore(edition: ScoringEdition, claims: readonly Claim[]): number {
  return claims.reduce((sum, claim) => {
    const weight = edition.innovation.indicators.find((indicator) => indicator.code === claim.indicator)?.weight ?? 0;
    return sum + weight * claim.level;
  }, 0);
}

/** What a submission still lacks: every mandatory indicator needs a level and at least one piece of evidence. */
export function missingForSubmission(edition: ScoringEdition, claims: readonly Claim[]): string[] {
  const missing: string[] = [];
  for (const indicator of edition.innovation.indicators.filter((spec) => spec.mandatory)) {
    const claim = claims.find((candidate) => candidate.indicator === indicator.code);
    if (!claim) missing.push(`Indikator wajib "${indicator.name}" belum diklaim.`);
    else if (claim.evidence.length === 0)
      missing.push(`Indikator wajib "${indicator.name}" belum memiliki bukti dukung.`);
  }
  return missing;
}
