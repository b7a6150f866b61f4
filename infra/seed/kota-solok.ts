/**
 * Demo data for Kota Solok, created through the platform's own HTTP API (so the same validation, outbox and
 * events run as for a real user). Innovations in several states, owned by the OPDs named in the source article.
 */

/** What the seed needs from the running platform. */
export interface SeedContext {
  readonly url: string;
  tokenFor(username: string): Promise<string> | string;
}

interface SeedInnovation {
  readonly owner: string;
  readonly next?: 'register' | 'withdraw';
  readonly profile: Record<string, unknown>;
}

const DESIGN_NARRATIVE =
  'Petugas Disdukcapil mendatangi kelurahan, sekolah dan panti jompo dengan mobil layanan yang membawa perangkat ' +
  'perekaman KTP elektronik. Jadwal kunjungan diumumkan lewat media sosial pemerintah kota dan pengeras suara masjid. ';

export const kotaSolokInnovations: readonly SeedInnovation[] = [
  {
    owner: 'opd.disdukcapil',
    next: 'register',
    profile: {
      name: 'Jemput Bola Administrasi Kependudukan (JEBAK)',
      opdId: 'disdukcapil',
      initiatorKind: 'opd',
      type: 'non-digital',
      form: 'public-service',
      governmentAffairs: ['population-civil-registration'],
      maturity: 'implemented',
      trialStartDate: '2018-03-01',
      implementationStartDate: '2018-07-01',
      problemStatement: 'Warga lanjut usia dan penyandang disabilitas sulit datang ke kantor untuk merekam KTP-el.',
      beneficiaries: 'Warga lanjut usia, penyandang disabilitas, pelajar yang baru berusia 17 tahun',
      designNarrative: DESIGN_NARRATIVE.repeat(4).trim(),
      goals: 'Semua warga wajib KTP terekam tanpa harus datang ke kantor dinas.',
      benefits: 'Waktu dan biaya perjalanan warga berkurang; cakupan perekaman naik.',
      budgetSource: 'apbd',
      contactPerson: { name: 'Kepala Bidang Pelayanan Pendaftaran Penduduk', phone: '+62 755 20000' },
    },
  },
  {
    owner: 'opd.dpmptsp',
    next: 'register',
    profile: {
      name: 'Izin Selesai Satu Hari (ISSH)',
      opdId: 'dpmptsp',
      initiatorKind: 'opd',
      type: 'digital',
      form: 'public-service',
      governmentAffairs: ['investment'],
      maturity: 'trial',
      trialStartDate: '2019-01-15',
      problemStatement: 'Perizinan usaha mikro memakan waktu hingga dua minggu karena berkas berpindah antar meja.',
      goals: 'Izin usaha mikro terbit dalam satu hari kerja.',
      evidence: [{ indicator: 'ease-of-process', url: 'https://dpmptsp.solokkota.go.id/sop-issh.pdf', title: 'SOP' }],
    },
  },
  {
    owner: 'opd.dinkes',
    profile: {
      name: 'Posyandu Digital Balita Sehat',
      opdId: 'dinkes',
      initiatorKind: 'civil-servant',
      type: 'digital',
      form: 'public-service',
      governmentAffairs: ['health'],
      maturity: 'initiative',
      problemStatement: 'Catatan tumbuh kembang balita di posyandu masih di buku dan sering hilang.',
    },
  },
  {
    owner: 'opd.distan',
    profile: {
      name: 'Kalender Tanam Cerdas Petani Solok',
      opdId: 'distan',
      initiatorKind: 'opd',
      type: 'digital',
      governmentAffairs: ['agriculture'],
    },
  },
  {
    owner: 'opd.dinkes',
    next: 'withdraw',
    profile: {
      name: 'Antrean Puskesmas lewat Pesan Singkat',
      opdId: 'dinkes',
      type: 'digital',
      governmentAffairs: ['health'],
    },
  },
];

/** The programme cycle the demo runs in: the year's windows, one innovation per OPD as the target. */
const PROGRAMME_2027 = {
  name: 'Program Inovasi Daerah 2027',
  year: 2027,
  targetPerOpd: 1,
  monevIntervalDays: 90,
  stageWindows: {
    'drum-up': { start: '2027-01-04', due: '2027-02-26' },
    diagnose: { start: '2027-03-01', due: '2027-04-30' },
    design: { start: '2027-05-03', due: '2027-06-30' },
    deliver: { start: '2027-07-01', due: '2027-10-29' },
    display: { start: '2027-11-01', due: '2027-12-17' },
  },
};

async function send(method: string, url: string, token: string, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const payload = (await response.json()) as Record<string, unknown>;
  return { status: response.status, payload };
}

async function post(url: string, token: string, body?: unknown): Promise<Record<string, unknown>> {
  const { status, payload } = await send('POST', url, token, body);
  if (status >= 300) throw new Error(`seed request ${url} failed: ${status} ${JSON.stringify(payload)}`);
  return payload;
}

/**
 * Registers into the cycle once submissions has heard it is open: the CycleOpened event travels through the
 * outbox, the bus and a consumer, so the first tries may find the cycle still unknown (bounded wait).
 */
async function registerWhenOpen(url: string, token: string, cycleId: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { status, payload } = await send('POST', url, token, { cycleId });
    if (status < 300) return;
    if (payload.code !== 'unknown-cycle') throw new Error(`seed register failed: ${status} ${JSON.stringify(payload)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`cycle ${cycleId} never reached the submissions service`);
}

/** Creates the Kota Solok programme cycle and demo innovations; returns how many innovations were created. */
export async function seedKotaSolok(context: SeedContext): Promise<number> {
  const coordinator = await context.tokenFor('koordinator');
  const cycle = await post(`${context.url}/cycles`, coordinator, PROGRAMME_2027);
  const cycleId = String(cycle.id);
  await post(`${context.url}/cycles/${cycleId}/open`, coordinator);
  for (const opdId of ['disdukcapil', 'dpmptsp', 'dinkes', 'distan']) {
    const { status } = await send('PUT', `${context.url}/cycles/${cycleId}/commitments/${opdId}`, coordinator, {
      pledged: opdId === 'dinkes' ? 2 : 1,
    });
    if (status >= 300) throw new Error(`seed commitment for ${opdId} failed: ${status}`);
  }
  for (const innovation of kotaSolokInnovations) {
    const token = await context.tokenFor(innovation.owner);
    const created = await post(`${context.url}/innovations`, token, innovation.profile);
    if (innovation.next === 'register') {
      await registerWhenOpen(`${context.url}/innovations/${created.id}/register`, token, cycleId);
    } else if (innovation.next === 'withdraw') {
      await post(`${context.url}/innovations/${created.id}/withdraw`, token, {
        reason: 'Digabung ke dalam Posyandu Digital Balita Sehat',
      });
    }
  }
  return kotaSolokInnovations.length;
}
