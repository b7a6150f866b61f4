import { seedScoredCycle } from './kota-solok-2026';
import { must, once, type SeedContext, send } from './seed-api';

export type { SeedContext } from './seed-api';

/**
 * Demo data for Kota Solok, created through the platform's own HTTP API (so the same validation, outbox and
 * events run as for a real user). Innovations in several states, owned by the OPDs named in the source article.
 */

interface SeedInnovation {
  readonly owner: string;
  readonly next?: 'register' | 'withdraw';
  readonly profile: Record<string, unknown>;
}

const post = (url: string, token: string, body?: unknown) => must('POST', url, token, body);

const DESIGN_NARRATIVE =
  'Petugas Disdukcapil mendatangi kelurahan, sekolah dan panti jompo dengan mobil layanan yang membawa perangkat ' +
  'perekaman KTP elektronik. Jadwal kunjungan diumumkan lewat media sosial pemerintah kota dan pengeras suara masjid. ';

export const kotaSolokInnovations: readonly SeedInnovation[] = [
  {
    owner: 'opd.disdukcapil',
    next: 'register',
    profile: {
      name: 'JEBAK Sekolah: perekaman KTP-el di SMA',
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
      name: 'Anjungan Izin Mandiri di Mal Pelayanan Publik',
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

/** The dev users of Kota Solok (packages/local/src/cognito/dev-users.ts). */
const DEMO_USERS = ['opd.dinkes', 'opd.disdukcapil', 'opd.dpmptsp', 'opd.distan', 'koordinator', 'penilai', 'admin'];

/**
 * Creates the Kota Solok demo: the scored and published 2026 cycle (kota-solok-2026.ts), then the 2027 cycle with
 * innovations in several states; returns how many innovations the 2027 part created.
 */
export async function seedKotaSolok(context: SeedContext): Promise<number> {
  const coordinator = await context.tokenFor('koordinator');
  // Every dev user opens their inbox first, as a person signing in would: the notifications service then knows
  // them, so what the demo does next reaches their inboxes and, by e-mail, the local mail page.
  for (const username of DEMO_USERS)
    await must('GET', `${context.url}/notifications`, await context.tokenFor(username));
  await seedScoredCycle(context);
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
      // Submissions hears the cycle is open through CycleOpened: the first tries may find it unknown.
      await once(
        'register',
        () => send('POST', `${context.url}/innovations/${created.id}/register`, token, { cycleId }),
        ['unknown-cycle'],
      );
    } else if (innovation.next === 'withdraw') {
      await post(`${context.url}/innovations/${created.id}/withdraw`, token, {
        reason: 'Digabung ke dalam Posyandu Digital Balita Sehat',
      });
    }
  }
  return kotaSolokInnovations.length;
}
