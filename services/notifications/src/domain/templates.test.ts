import {
  CycleOpened,
  EvaluatorAssigned,
  type EventContract,
  IncentiveShortlisted,
  InnovationLaunched,
  InnovationRegistered,
  InnovationScored,
  MonevDue,
  RankingPublished,
  RegistrationRefused,
  StageAdvanced,
  StageAdvanceRequested,
  StageOverdue,
  StageReturned,
  TrackHeld,
  TrackResumed,
  WebhookEndpointDisabled,
} from '@inovda/contracts';
import { describe, expect, it } from 'vitest';
import { audiencesOf, ROUTING, type RoutedEventType } from './routing';
import { render, TEMPLATES, variablesOf } from './templates';
import { indonesianDate, type Names, variablesFor } from './variables';

const INNOVATION = '01J0000000000000000000000A';
const CYCLE = '01J0000000000000000000000C';
const track = { innovationId: INNOVATION, opdId: 'dinkes', cycleId: CYCLE, trackVersion: 3 };
const at = '2027-03-01T08:00:00.000Z';
const windows = Object.fromEntries(
  ['drum-up', 'diagnose', 'design', 'deliver', 'display'].map((stage) => [
    stage,
    { start: '2027-01-04', due: '2027-02-26' },
  ]),
);

/** A real event of every routed type, built by its contract (so its data is what the producer sends). */
const SAMPLES: { readonly [T in RoutedEventType]: { contract: EventContract<T, never>; data: unknown } } = {
  CycleOpened: {
    contract: CycleOpened as never,
    data: { cycleId: CYCLE, name: 'Program Inovasi 2027', year: 2027, openedAt: at, stageWindows: windows },
  },
  InnovationRegistered: {
    contract: InnovationRegistered as never,
    data: { innovationId: INNOVATION, opdId: 'dinkes', version: 2, name: 'Posyandu', cycleId: CYCLE, registeredAt: at },
  },
  RegistrationRefused: {
    contract: RegistrationRefused as never,
    data: {
      innovationId: INNOVATION,
      opdId: 'dinkes',
      cycleId: CYCLE,
      innovationVersion: 2,
      registeredAt: at,
      reason: 'cycle-closed',
      closedAt: at,
    },
  },
  StageAdvanceRequested: {
    contract: StageAdvanceRequested as never,
    data: { ...track, requestId: CYCLE, from: 'drum-up', to: 'diagnose' },
  },
  StageAdvanced: {
    contract: StageAdvanced as never,
    data: { ...track, requestId: CYCLE, from: 'drum-up', to: 'diagnose' },
  },
  StageReturned: {
    contract: StageReturned as never,
    data: { ...track, requestId: CYCLE, stage: 'design', reasons: 'Rancang bangun belum lengkap' },
  },
  TrackHeld: { contract: TrackHeld as never, data: { ...track, stage: 'design' } },
  TrackResumed: { contract: TrackResumed as never, data: { ...track, stage: 'design', note: 'Anggaran tersedia' } },
  InnovationLaunched: { contract: InnovationLaunched as never, data: { ...track, launchedAt: at } },
  StageOverdue: { contract: StageOverdue as never, data: { ...track, stage: 'design', due: '2027-06-30' } },
  MonevDue: { contract: MonevDue as never, data: { ...track, period: 'P1', due: '2027-12-31' } },
  EvaluatorAssigned: {
    contract: EvaluatorAssigned as never,
    data: {
      innovationId: INNOVATION,
      opdId: 'dinkes',
      cycleId: CYCLE,
      name: 'Posyandu',
      evaluator: { sub: 's', username: 'penilai' },
      how: 'manual',
      assignedAt: at,
    },
  },
  InnovationScored: {
    contract: InnovationScored as never,
    data: {
      innovationId: INNOVATION,
      opdId: 'dinkes',
      cycleId: CYCLE,
      editionId: 'iid-2026',
      revision: 2,
      score: 41.5,
      indicators: [],
      scoredAt: at,
      correction: { reason: 'Bukti regulasi menyusul', by: { sub: 's', username: 'koordinator', role: 'coordinator' } },
    },
  },
  RankingPublished: {
    contract: RankingPublished as never,
    data: {
      cycleId: CYCLE,
      editionId: 'iid-2026',
      revision: 1,
      k: 14,
      ranking: [
        { rank: 1, opdId: 'disdukcapil', value: 3.14, sum: 44, count: 1, best: 44 },
        { rank: 2, opdId: 'dinkes', value: 2.29, sum: 32, count: 1, best: 32 },
      ],
      index: { value: 21.06, predicate: 'Kurang Inovatif' },
      publishedAt: at,
    },
  },
  WebhookEndpointDisabled: {
    contract: WebhookEndpointDisabled as never,
    data: {
      webhookId: CYCLE,
      opdId: 'dinkes',
      url: 'https://sistem.dinkes.example/webhook',
      reason: 'sustained-failures',
      disabledAt: at,
    },
  },
  IncentiveShortlisted: {
    contract: IncentiveShortlisted as never,
    data: { cycleId: CYCLE, revision: 1, opdIds: ['disdukcapil', 'dinkes'], publishedAt: at },
  },
};

const NAMES: Names = {
  innovation: () => 'Posyandu Digital',
  opd: (id) => ({ dinkes: 'Dinas Kesehatan', disdukcapil: 'Dinas Kependudukan dan Pencatatan Sipil' })[id] ?? id,
  cycle: () => 'Program Inovasi 2027',
};

function dataOf(type: RoutedEventType): Record<string, unknown> {
  const sample = SAMPLES[type];
  const event = sample.contract.create(sample.data as never, {
    eventId: 'e',
    occurredAt: at,
    regionId: 'kota-solok',
    correlationId: 'c',
    actor: { sub: 's', username: 'u', role: 'opd', opdId: 'dinkes' },
  });
  return event.detail.data as Record<string, unknown>;
}

describe('notification templates', () => {
  it('exist for every routed event type, and every route has a category and an audience', () => {
    expect(Object.keys(TEMPLATES).sort()).toEqual(Object.keys(ROUTING).sort());
    for (const route of Object.values(ROUTING)) expect(route.audiences.length).toBeGreaterThan(0);
  });

  it.each(Object.keys(ROUTING) as RoutedEventType[])(
    '%s renders for each of its audiences, no variable missing',
    (type) => {
      const data = dataOf(type);
      const recipients = audiencesOf(type, data).map((audience) =>
        audience.kind === 'owner-opd'
          ? 'dinkes'
          : audience.kind === 'listed-opds' || audience.kind === 'every-opd'
            ? 'dinkes'
            : undefined,
      );
      for (const recipient of recipients) {
        const variables = variablesFor(type, data, NAMES, recipient);
        for (const name of variablesOf(TEMPLATES[type]))
          expect(variables[name], `{{${name}}} of ${type}`).toBeDefined();
        const rendered = render(TEMPLATES[type], variables);
        expect(`${rendered.subject} ${rendered.body}`).not.toMatch(/\{\{|undefined|NaN|\[object/);
      }
    },
  );

  it('tells an OPD its own place in a published ranking, and the coordinators who came first', () => {
    const data = dataOf('RankingPublished');
    expect(render(TEMPLATES.RankingPublished, variablesFor('RankingPublished', data, NAMES, 'dinkes')).body).toContain(
      'Dinas Kesehatan berada di peringkat 2 dengan nilai 2,29.',
    );
    expect(render(TEMPLATES.RankingPublished, variablesFor('RankingPublished', data, NAMES)).body).toContain(
      'Peringkat pertama: Dinas Kependudukan dan Pencatatan Sipil.',
    );
  });

  it("sets a person's reasons and notes inside the sentence with one closing stop, whether they end in one or not", () => {
    for (const reasons of ['Lengkapi akar masalah', 'Lengkapi akar masalah.', 'Lengkapi akar masalah!  ']) {
      const data = { ...dataOf('StageReturned'), reasons };
      expect(render(TEMPLATES.StageReturned, variablesFor('StageReturned', data, NAMES)).body).toContain(
        'dikembalikan dengan alasan: Lengkapi akar masalah. Silakan lengkapi',
      );
    }
    const held = { ...dataOf('TrackHeld'), note: 'Menunggu anggaran perubahan.' };
    expect(render(TEMPLATES.TrackHeld, variablesFor('TrackHeld', held, NAMES)).body).toMatch(
      /Catatan: Menunggu anggaran perubahan\.$/,
    );
  });

  it('keeps a score from its OPD until it is public: only a correction after publication reaches the OPD', () => {
    const corrected = dataOf('InnovationScored');
    expect(audiencesOf('InnovationScored', corrected).map((audience) => audience.kind)).toContain('owner-opd');
    const { correction: _correction, ...first } = corrected;
    expect(audiencesOf('InnovationScored', first).map((audience) => audience.kind)).toEqual(['coordinators']);
  });

  it('fails loudly, not silently, on a variable without a value', () => {
    expect(() => render({ subject: '{{missing}}', body: '' }, {})).toThrow(/missing/);
    expect(indonesianDate('2027-02-26')).toBe('26 Februari 2027');
  });
});
