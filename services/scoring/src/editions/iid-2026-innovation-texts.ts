import type { BenefitBasis, RubricLevel } from '@inovda/contracts';
import type { IndicatorTexts } from '../domain/scoring-edition';

/**
 * The texts of the 2026 edition's innovation indicators, by indicator code: what each level means and the evidence
 * that proves it (the domain table, in Indonesian), and the benefit bases. Shown to people (GET /rubric-editions);
 * scoring never reads them.
 */

/**
 * The bases the OPD may pick to measure benefit, each with its three bands. Where DOMAIN.md's bands share a
 * boundary (5–20% / 20–50%), the boundary is read as belonging to the lower band.
 */
export const BENEFIT_BASES: BenefitBasis[] = [
  {
    code: 'people-served',
    name: 'Jumlah orang terlayani',
    bands: ['1–200 orang', '201–500 orang', '501 orang atau lebih'],
  },
  {
    code: 'target-coverage',
    name: 'Cakupan unit sasaran',
    bands: ['5–20% unit sasaran', 'Di atas 20% sampai 50% unit sasaran', 'Di atas 50% unit sasaran'],
  },
  {
    code: 'spending-efficiency',
    name: 'Efisiensi belanja',
    bands: ['Efisiensi sampai 10%', 'Efisiensi di atas 10% sampai 20%', 'Efisiensi di atas 20% sampai 30%'],
  },
  {
    code: 'revenue-added',
    name: 'Peningkatan pendapatan',
    bands: ['Kurang dari 10%', '10% sampai kurang dari 20%', '20% atau lebih'],
  },
  {
    code: 'products',
    name: 'Produk yang dihasilkan atau terjual',
    bands: ['1–100 produk', '101–200 produk', 'Lebih dari 200 produk'],
  },
  {
    code: 'positive-trend-periods',
    name: 'Periode tren positif',
    bands: ['1 periode tren positif', '2 periode tren positif', '3 periode tren positif'],
  },
];

/** The three level descriptions of an indicator share one kind of evidence in the domain table. */
function levels(
  [one, two, three]: [string, string, string],
  evidence: string,
): { levels: [RubricLevel, RubricLevel, RubricLevel] } {
  return {
    levels: [
      { description: one, evidence },
      { description: two, evidence },
      { description: three, evidence },
    ],
  };
}

export const INDICATOR_TEXTS_2026: Readonly<Record<string, IndicatorTexts>> = {
  regulation: levels(
    ['Keputusan kepala perangkat daerah', 'Keputusan kepala daerah', 'Peraturan daerah'],
    'Regulasi yang telah ditandatangani dan menyebut nama inovasi',
  ),
  'human-resources': levels(['1–10 orang', '11–30 orang', 'Lebih dari 30 orang'], 'SK tim pengelola inovasi'),
  budget: levels(
    ['Dianggarkan 1 tahun', 'Dianggarkan 2 tahun berturut-turut', 'Dianggarkan 3 tahun'],
    'Dokumen anggaran',
  ),
  tools: levels(['Manual', 'Elektronik', 'Sistem daring (online)'], 'Tangkapan layar alat kerja'),
  'technical-training': levels(
    ['1 kali dalam 3 tahun terakhir', '2 kali dalam 3 tahun terakhir', '3 kali atau lebih dalam 3 tahun terakhir'],
    'Undangan dan daftar hadir bimtek',
  ),
  'regional-work-plan': levels(
    [
      'Tercantum dalam RKPD satu tahun',
      'Tercantum dalam RKPD dua tahun',
      'Tercantum dalam RKPD dua tahun dan tahun berjalan',
    ],
    'Kutipan dokumen RKPD',
  ),
  actors: levels(['3 aktor', '4 aktor', '5 aktor atau lebih'], 'Dokumen kesepakatan atau kerja sama'),
  'implementer-mandate': levels(
    ['Belum ada penetapan pelaksana', 'Penugasan oleh kepala perangkat daerah', 'SK kepala daerah'],
    'Surat keputusan atau surat penugasan',
  ),
  network: levels(
    ['2 perangkat daerah', '3–4 perangkat daerah', '5 perangkat daerah atau lebih'],
    'Prosedur kerja bersama',
  ),
  socialisation: levels(
    ['Foto spanduk atau baliho', 'Media sosial pemerintah daerah', 'Pemberitaan media independen'],
    'Tautan (URL) publikasi',
  ),
  'technical-guide': levels(['Tercetak', 'Elektronik', 'Daring (online)'], 'Buku pedoman atau manual'),
  'ease-of-information': levels(
    ['1 saluran informasi', '2 saluran informasi', '3 saluran informasi atau lebih'],
    'Tangkapan layar saluran informasi',
  ),
  'ease-of-process': levels(['6 hari atau lebih', '2–5 hari', '1 hari'], 'Standar operasional prosedur (SOP)'),
  'complaint-handling': levels(
    ['50% atau kurang pengaduan selesai', '51–90% pengaduan selesai', '91% atau lebih pengaduan selesai'],
    'Rekapitulasi pengaduan',
  ),
  'integrated-service': levels(
    ['Berdiri sendiri', 'Terhubung dalam satu portal', 'Terintegrasi lintas unit'],
    'Tangkapan layar layanan',
  ),
  replication: levels(
    ['Direplikasi 1 kali', 'Direplikasi 2 kali', 'Direplikasi 3 kali atau lebih'],
    'Surat keterangan replikasi',
  ),
  'speed-of-creation': levels(['9 bulan atau lebih', '5–8 bulan', '1–4 bulan'], 'Linimasa penciptaan inovasi'),
  benefit: {
    ...levels(
      [
        'Pita pertama pada basis kemanfaatan yang dipilih (mis. 1–200 orang terlayani)',
        'Pita kedua pada basis kemanfaatan yang dipilih (mis. 201–500 orang terlayani)',
        'Pita ketiga pada basis kemanfaatan yang dipilih (mis. 501 orang atau lebih terlayani)',
      ],
      'Data penerima manfaat sesuai basis yang dipilih',
    ),
    benefitBases: BENEFIT_BASES,
  },
  'monitoring-evaluation': levels(
    ['Monev internal', 'Survei kepuasan masyarakat', 'Penelitian oleh pihak eksternal'],
    'Laporan monitoring dan evaluasi',
  ),
  'quality-video': levels(['1–2 unsur substansi', '3–4 unsur substansi', '5 unsur substansi'], 'Tautan video inovasi'),
};
