import { must, once, type SeedContext, send } from './seed-api';

/**
 * The demo's scored cycle: Program Inovasi Daerah 2026, its innovations taken through the five stages to Deliver,
 * self-assessed by their OPDs, verified by the evaluator, the region readiness rows entered and the results
 * published, so `npm start` shows a ranking, a shortlist and the region's index at once; one of them then launched
 * (Display, in the public showcase) with its first monev report.
 */

const WORDS = (
  'Petugas mendatangi kelurahan, sekolah dan panti jompo dengan mobil layanan yang membawa perangkat yang dibutuhkan. ' +
  'Jadwal kunjungan diumumkan lewat media sosial pemerintah kota dan pengeras suara masjid, dan warga mendaftar lewat ' +
  'pesan singkat. '
).repeat(11);

const MANDATORY_EVIDENCE = ['regulation', 'human-resources', 'speed-of-creation', 'benefit', 'quality-video'];

function profile(fields: { name: string; opdId: string; affairs: string[]; problem: string; type: string }) {
  return {
    name: fields.name,
    opdId: fields.opdId,
    initiatorKind: 'opd',
    type: fields.type,
    form: 'public-service',
    governmentAffairs: fields.affairs,
    maturity: 'implemented',
    trialStartDate: '2025-03-01',
    implementationStartDate: '2025-07-01',
    problemStatement: fields.problem,
    beneficiaries: 'Warga Kota Solok',
    designNarrative: WORDS.trim(),
    goals: 'Layanan lebih cepat dan dekat dengan warga.',
    benefits: 'Waktu dan biaya warga berkurang.',
    results: 'Cakupan layanan naik sepanjang 2025.',
    milestones: [{ title: 'Uji coba di dua kelurahan', dueDate: '2025-06-30', done: true }],
    budgetSource: 'apbd',
    evidence: [...MANDATORY_EVIDENCE, 'tools', 'socialisation'].map((indicator) => ({
      indicator,
      url: `https://${fields.opdId}.solokkota.go.id/bukti/${indicator}.pdf`,
    })),
    contactPerson: { name: 'Sekretaris Dinas', phone: '+62 755 20000' },
  };
}

const INNOVATIONS_2026 = [
  {
    owner: 'opd.disdukcapil',
    profile: profile({
      name: 'Jemput Bola Administrasi Kependudukan (JEBAK)',
      opdId: 'disdukcapil',
      affairs: ['population-civil-registration', 'social'],
      problem: 'Warga lanjut usia dan penyandang disabilitas sulit datang ke kantor untuk merekam KTP-el.',
      type: 'non-digital',
    }),
    // Levels the OPD claims; the evaluator lowers one (see below).
    claims: {
      regulation: 3,
      'human-resources': 2,
      'speed-of-creation': 3,
      benefit: 3,
      'quality-video': 3,
      tools: 2,
      socialisation: 3,
    },
  },
  {
    owner: 'opd.dpmptsp',
    profile: profile({
      name: 'Izin Selesai Satu Hari (ISSH)',
      opdId: 'dpmptsp',
      affairs: ['investment'],
      problem: 'Perizinan usaha mikro memakan waktu hingga dua minggu karena berkas berpindah antar meja.',
      type: 'digital',
    }),
    claims: { regulation: 2, 'human-resources': 2, 'speed-of-creation': 2, benefit: 2, 'quality-video': 2, tools: 3 },
  },
  {
    owner: 'opd.dinkes',
    profile: profile({
      name: 'Rujukan Terpadu Puskesmas (RUTE)',
      opdId: 'dinkes',
      affairs: ['health'],
      problem: 'Rujukan pasien dari puskesmas ke rumah sakit masih lewat telepon dan sering tertunda.',
      type: 'digital',
    }),
    claims: { regulation: 2, 'human-resources': 3, 'speed-of-creation': 3, benefit: 3, 'quality-video': 2 },
  },
];

const PROGRAMME_2026 = {
  name: 'Program Inovasi Daerah 2026',
  year: 2026,
  targetPerOpd: 1,
  monevIntervalDays: 90,
  stageWindows: {
    'drum-up': { start: '2026-01-05', due: '2026-02-27' },
    diagnose: { start: '2026-03-02', due: '2026-04-30' },
    design: { start: '2026-05-04', due: '2026-06-30' },
    deliver: { start: '2026-07-01', due: '2026-10-30' },
    display: { start: '2026-11-02', due: '2026-12-18' },
  },
};

/** Readiness (SPD) rows the coordinator enters for 2026 (levels of the iid-2026 rows). Demo figures. */
const READINESS_2026: Readonly<Record<string, number>> = {
  'vision-mission': 3,
  'budget-law-timeliness': 3,
  'mandatory-spending': 2,
  'licensing-quality': 3,
  'income-per-capita-growth': 2,
  'unemployment-trend': 2,
  'unemployment-rate': 2,
  'investment-growth': 2,
  'own-source-revenue-growth': 2,
  'audit-opinion': 3,
  'performance-accountability': 2,
  'poverty-trend': 2,
  'poverty-rate': 3,
  'hdi-gain': 2,
  'hdi-level': 3,
  'innovator-awards': 2,
  'policy-recommendations': 1,
  'policy-quality-index': 2,
  'science-technology-master-plan': 1,
  'intellectual-property-help': 1,
};

/** Takes one innovation from a draft to a submitted self-assessment; returns its id. */
async function toSelfAssessed(context: SeedContext, cycleId: string, innovation: (typeof INNOVATIONS_2026)[number]) {
  const { url } = context;
  const owner = await context.tokenFor(innovation.owner);
  const coordinator = await context.tokenFor('koordinator');
  const id = String((await must('POST', `${url}/innovations`, owner, innovation.profile)).id);
  await once('register', () => send('POST', `${url}/innovations/${id}/register`, owner, { cycleId }), [
    'unknown-cycle',
  ]);
  for (const _stage of ['diagnose', 'design', 'deliver']) {
    // The track opens and the gate projection fills from events: a 404 or an unmet gate may only be lag.
    const request = await once(
      'advance request',
      () => send('POST', `${url}/innovations/${id}/track/advance-requests`, owner, {}),
      ['gate-not-met'],
    );
    await must('POST', `${url}/innovations/${id}/track/advance-requests/${request.requestId}/approve`, coordinator, {});
  }
  const claims = Object.entries(innovation.claims).map(([indicator, level]) => ({
    indicator,
    level,
    ...(indicator === 'benefit' ? { basis: 'people-served' } : {}),
  }));
  // Scoring hears of the stage through StageAdvanced: until then the self-assessment is not open (409).
  await once('self-assessment', () => send('PUT', `${url}/innovations/${id}/self-assessment`, owner, { claims }), [
    'invalid-state',
  ]);
  await must('POST', `${url}/innovations/${id}/self-assessment/submit`, owner);
  return id;
}

/**
 * Launches the innovation (Deliver → Display: the public showcase shows it) and files its first monev report, so a
 * newcomer finds a launched innovation in the gallery and a report on its monev page.
 */
async function launchAndReport(context: SeedContext, id: string, ownerName: string) {
  const { url } = context;
  const owner = await context.tokenFor(ownerName);
  const coordinator = await context.tokenFor('koordinator');
  const request = await must('POST', `${url}/innovations/${id}/track/advance-requests`, owner, {
    note: 'Layanan sudah berjalan di seluruh kelurahan; siap diluncurkan.',
  });
  await must('POST', `${url}/innovations/${id}/track/advance-requests/${request.requestId}/approve`, coordinator, {});
  await must('POST', `${url}/innovations/${id}/monev`, owner, {
    period: 'P1',
    progress: 'Mobil layanan mengunjungi 13 kelurahan; perekaman KTP-el bagi warga lansia dan penyandang disabilitas.',
    indicators: { beneficiariesServed: 412, complaintsReceived: 6, complaintsResolved: 5 },
    issues: 'Jaringan seluler lemah di dua kelurahan; data direkam luring lalu diunggah di kantor.',
  });
}

/** The scored, published 2026 cycle of the demo; returns its id. */
export async function seedScoredCycle(context: SeedContext): Promise<string> {
  const { url } = context;
  const coordinator = await context.tokenFor('koordinator');
  const evaluator = await context.tokenFor('penilai');
  const cycleId = String((await must('POST', `${url}/cycles`, coordinator, PROGRAMME_2026)).id);
  await must('POST', `${url}/cycles/${cycleId}/open`, coordinator);
  const ids: string[] = [];
  for (const innovation of INNOVATIONS_2026) ids.push(await toSelfAssessed(context, cycleId, innovation));

  await must('PUT', `${url}/evaluators/me`, evaluator, { opdIds: [], innovationIds: [] });
  // Scoring hears of the cycle through CycleOpened (long since, by now).
  await once('assignment', () =>
    send('POST', `${url}/cycles/${cycleId}/assignments/auto`, coordinator, { perInnovation: 1 }),
  );
  for (const id of ids) {
    const mine = await must('GET', `${url}/innovations/${id}/evaluations/mine`, evaluator);
    const decisions = (mine.claims as Array<{ indicator: string; level: number }>).map((claim) =>
      claim.indicator === 'benefit' && claim.level > 1
        ? {
            indicator: 'benefit',
            decision: 'lower',
            level: claim.level - 1,
            reason: 'Data penerima manfaat baru mencakup satu semester.',
          }
        : { indicator: claim.indicator, decision: 'accept' },
    );
    await must('PUT', `${url}/innovations/${id}/evaluations/mine`, evaluator, { decisions });
    await must('POST', `${url}/innovations/${id}/evaluations/mine/submit`, evaluator);
  }
  await must('PUT', `${url}/cycles/${cycleId}/readiness`, coordinator, { levels: READINESS_2026 });
  await must('POST', `${url}/cycles/${cycleId}/results/publish`, coordinator);
  const [first] = INNOVATIONS_2026;
  if (first && ids[0]) await launchAndReport(context, ids[0], first.owner);
  await must('POST', `${url}/cycles/${cycleId}/close`, coordinator);
  return cycleId;
}
