import { INDICATORS, PROFILE_FIELD_NAMES, type Profile, STAGES, type Stage } from '@inovda/contracts';
import * as z from 'zod/mini';

/**
 * Stage gates as data: what an innovation's profile must hold before it may leave a stage. Regions override the
 * default in their config (`infra/regions/`, `stageGates`); the functions receive it through the environment.
 * Everything here is pure: no I/O, so the same rules run in the request path, in tests and in the config check.
 */

/** Profile fields that hold prose (counted in words). */
const TEXT_FIELDS = [
  'problemStatement',
  'rootCause',
  'beneficiaries',
  'designNarrative',
  'goals',
  'benefits',
  'results',
] as const;
/** Profile fields that hold lists (counted in items). */
const LIST_FIELDS = ['milestones', 'evidence', 'governmentAffairs'] as const;

const positive = z.int().check(z.minimum(1), z.maximum(100_000));

/** One requirement of a gate. */
export const gateRequirementSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('field'), field: z.enum(PROFILE_FIELD_NAMES) }),
  z.strictObject({ kind: z.literal('min-words'), field: z.enum(TEXT_FIELDS), words: positive }),
  z.strictObject({ kind: z.literal('min-items'), field: z.enum(LIST_FIELDS), items: positive }),
  z.strictObject({
    kind: z.literal('evidence'),
    // Each indicator at most once, so a gate is bounded: at most 50 requirements, each naming each indicator once.
    indicators: z.array(z.enum(INDICATORS)).check(
      z.minLength(1),
      z.maxLength(INDICATORS.length),
      z.refine((items) => new Set(items).size === items.length, 'indikator tidak boleh berulang'),
    ),
  }),
]);
export type GateRequirement = z.infer<typeof gateRequirementSchema>;

/** The gates of a region: for each stage, what leaving it requires. A stage not listed has an open gate. */
export const stageGatesSchema = z.partialRecord(z.enum(STAGES), z.array(gateRequirementSchema).check(z.maxLength(50)));
export type StageGates = z.infer<typeof stageGatesSchema>;

/**
 * The default, from the domain notes (LAN's Laboratorium Inovasi and the national IID form). Drum up has no gate:
 * its deliverable is the registration itself (title and owner OPD, checked by the submissions service) and the
 * OPD's commitment, which the board shows next to what the OPD registered rather than blocking one innovation on it.
 */
export const DEFAULT_STAGE_GATES: StageGates = {
  diagnose: [
    { kind: 'field', field: 'problemStatement' },
    { kind: 'field', field: 'beneficiaries' },
  ],
  design: [
    { kind: 'min-words', field: 'designNarrative', words: 300 },
    { kind: 'field', field: 'goals' },
    { kind: 'field', field: 'benefits' },
    { kind: 'min-items', field: 'milestones', items: 1 },
  ],
  deliver: [
    { kind: 'field', field: 'trialStartDate' },
    { kind: 'field', field: 'implementationStartDate' },
    {
      kind: 'evidence',
      indicators: ['regulation', 'human-resources', 'speed-of-creation', 'benefit', 'quality-video'],
    },
  ],
};

/** Indonesian names of the profile fields, as the national form calls them. */
const FIELD_LABELS: Record<(typeof PROFILE_FIELD_NAMES)[number], string> = {
  name: 'nama inovasi',
  opdId: 'perangkat daerah pengampu',
  initiatorKind: 'inisiator',
  type: 'jenis inovasi',
  form: 'bentuk inovasi',
  governmentAffairs: 'urusan pemerintahan',
  maturity: 'tahapan inovasi',
  trialStartDate: 'tanggal mulai uji coba',
  implementationStartDate: 'tanggal mulai penerapan',
  problemStatement: 'permasalahan',
  rootCause: 'akar masalah',
  beneficiaries: 'penerima manfaat',
  designNarrative: 'rancang bangun',
  goals: 'tujuan',
  benefits: 'manfaat',
  results: 'hasil inovasi',
  milestones: 'rencana aksi (tonggak capaian)',
  budgetSource: 'sumber anggaran',
  evidence: 'bukti dukung',
  contactPerson: 'narahubung',
};

/** Indonesian names of the rubric indicators. */
const INDICATOR_LABELS: Record<(typeof INDICATORS)[number], string> = {
  regulation: 'regulasi inovasi daerah',
  'human-resources': 'ketersediaan SDM',
  budget: 'dukungan anggaran',
  tools: 'alat kerja',
  'technical-training': 'bimbingan teknis',
  'regional-work-plan': 'program dalam RKPD',
  actors: 'keterlibatan aktor',
  'implementer-mandate': 'pelaksana inovasi',
  network: 'jejaring inovasi',
  socialisation: 'sosialisasi inovasi',
  'technical-guide': 'pedoman teknis',
  'ease-of-information': 'kemudahan informasi layanan',
  'ease-of-process': 'kemudahan proses',
  'complaint-handling': 'penyelesaian pengaduan',
  'integrated-service': 'layanan terintegrasi',
  replication: 'replikasi',
  'speed-of-creation': 'kecepatan penciptaan inovasi',
  benefit: 'kemanfaatan inovasi',
  'monitoring-evaluation': 'monitoring dan evaluasi',
  'quality-video': 'kualitas inovasi (video)',
};

/** One thing the gate found missing, with the field or indicator it concerns and what to do, in Indonesian. */
export interface MissingItem {
  readonly kind: GateRequirement['kind'];
  readonly field?: string;
  readonly indicator?: string;
  readonly message: string;
}

function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim().length > 0;
  if (Array.isArray(value)) return value.length > 0;
  return true;
}

function wordCount(value: unknown): number {
  return typeof value === 'string' ? value.split(/\s+/).filter((word) => word.length > 0).length : 0;
}

function missingFor(requirement: GateRequirement, profile: Partial<Profile>): MissingItem[] {
  switch (requirement.kind) {
    case 'field':
      return isPresent(profile[requirement.field])
        ? []
        : [{ kind: 'field', field: requirement.field, message: `${FIELD_LABELS[requirement.field]} belum diisi` }];
    case 'min-words': {
      const words = wordCount(profile[requirement.field]);
      return words >= requirement.words
        ? []
        : [
            {
              kind: 'min-words',
              field: requirement.field,
              message: `${FIELD_LABELS[requirement.field]} minimal ${requirement.words} kata (baru ${words} kata)`,
            },
          ];
    }
    case 'min-items': {
      const value = profile[requirement.field];
      const count = Array.isArray(value) ? value.length : 0;
      return count >= requirement.items
        ? []
        : [
            {
              kind: 'min-items',
              field: requirement.field,
              message: `${FIELD_LABELS[requirement.field]} minimal ${requirement.items} butir (baru ${count})`,
            },
          ];
    }
    case 'evidence': {
      const attached = new Set((profile.evidence ?? []).map((evidence) => evidence.indicator));
      return requirement.indicators
        .filter((indicator) => !attached.has(indicator))
        .map((indicator) => ({
          kind: 'evidence' as const,
          indicator,
          message: `bukti dukung indikator ${INDICATOR_LABELS[indicator]} belum dilampirkan`,
        }));
    }
  }
}

/** What leaving `stage` still needs, given the profile; empty when the gate is met. */
export function missingForGate(gates: StageGates, stage: Stage, profile: Partial<Profile>): MissingItem[] {
  return (gates[stage] ?? []).flatMap((requirement) => missingFor(requirement, profile));
}
