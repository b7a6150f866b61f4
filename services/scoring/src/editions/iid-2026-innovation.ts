import type { BenefitBasis, IndicatorSpec } from '@inovda/contracts';

/**
 * The 2026 edition's innovation-level indicators (DOMAIN.md, "Scoring"): weights as reported by third-party
 * implementations, mandatory ones flagged. Level descriptions and evidence follow the domain table, in Indonesian.
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

/** One indicator: the three level descriptions share one kind of evidence in the domain table. */
function indicator(
  code: string,
  name: string,
  weight: number,
  mandatory: boolean,
  descriptions: [string, string, string],
  evidence: string,
): IndicatorSpec {
  const [one, two, three] = descriptions;
  return {
    code,
    name,
    weight,
    mandatory,
    levels: [
      { description: one, evidence },
      { description: two, evidence },
      { description: three, evidence },
    ],
  };
}

export const INDICATORS_2026: IndicatorSpec[] = [
  indicator(
    'regulation',
    'Regulasi inovasi daerah',
    3,
    true,
    ['Keputusan kepala perangkat daerah', 'Keputusan kepala daerah', 'Peraturan daerah'],
    'Regulasi yang telah ditandatangani dan menyebut nama inovasi',
  ),
  indicator(
    'human-resources',
    'Ketersediaan SDM pengelola inovasi',
    2,
    true,
    ['1–10 orang', '11–30 orang', 'Lebih dari 30 orang'],
    'SK tim pengelola inovasi',
  ),
  indicator(
    'budget',
    'Dukungan anggaran',
    2,
    false,
    ['Dianggarkan 1 tahun', 'Dianggarkan 2 tahun berturut-turut', 'Dianggarkan 3 tahun'],
    'Dokumen anggaran',
  ),
  indicator(
    'tools',
    'Alat kerja',
    2,
    false,
    ['Manual', 'Elektronik', 'Sistem daring (online)'],
    'Tangkapan layar alat kerja',
  ),
  indicator(
    'technical-training',
    'Bimbingan teknis (bimtek)',
    1,
    false,
    ['1 kali dalam 3 tahun terakhir', '2 kali dalam 3 tahun terakhir', '3 kali atau lebih dalam 3 tahun terakhir'],
    'Undangan dan daftar hadir bimtek',
  ),
  indicator(
    'regional-work-plan',
    'Program inovasi dalam RKPD',
    2,
    false,
    [
      'Tercantum dalam RKPD satu tahun',
      'Tercantum dalam RKPD dua tahun',
      'Tercantum dalam RKPD dua tahun dan tahun berjalan',
    ],
    'Kutipan dokumen RKPD',
  ),
  indicator(
    'actors',
    'Keterlibatan aktor inovasi',
    1,
    false,
    ['3 aktor', '4 aktor', '5 aktor atau lebih'],
    'Dokumen kesepakatan atau kerja sama',
  ),
  indicator(
    'implementer-mandate',
    'Pelaksana inovasi',
    1,
    false,
    ['Belum ada penetapan pelaksana', 'Penugasan oleh kepala perangkat daerah', 'SK kepala daerah'],
    'Surat keputusan atau surat penugasan',
  ),
  indicator(
    'network',
    'Jejaring inovasi',
    1,
    false,
    ['2 perangkat daerah', '3–4 perangkat daerah', '5 perangkat daerah atau lebih'],
    'Prosedur kerja bersama',
  ),
  indicator(
    'socialisation',
    'Sosialisasi inovasi',
    1,
    false,
    ['Foto spanduk atau baliho', 'Media sosial pemerintah daerah', 'Pemberitaan media independen'],
    'Tautan (URL) publikasi',
  ),
  indicator(
    'technical-guide',
    'Pedoman teknis',
    1,
    false,
    ['Tercetak', 'Elektronik', 'Daring (online)'],
    'Buku pedoman atau manual',
  ),
  indicator(
    'ease-of-information',
    'Kemudahan informasi layanan',
    1,
    false,
    ['1 saluran informasi', '2 saluran informasi', '3 saluran informasi atau lebih'],
    'Tangkapan layar saluran informasi',
  ),
  indicator(
    'ease-of-process',
    'Kemudahan proses',
    2,
    false,
    ['6 hari atau lebih', '2–5 hari', '1 hari'],
    'Standar operasional prosedur (SOP)',
  ),
  indicator(
    'complaint-handling',
    'Penyelesaian pengaduan',
    1,
    false,
    ['50% atau kurang pengaduan selesai', '51–90% pengaduan selesai', '91% atau lebih pengaduan selesai'],
    'Rekapitulasi pengaduan',
  ),
  indicator(
    'integrated-service',
    'Layanan terintegrasi',
    2,
    false,
    ['Berdiri sendiri', 'Terhubung dalam satu portal', 'Terintegrasi lintas unit'],
    'Tangkapan layar layanan',
  ),
  indicator(
    'replication',
    'Replikasi oleh daerah lain',
    3,
    false,
    ['Direplikasi 1 kali', 'Direplikasi 2 kali', 'Direplikasi 3 kali atau lebih'],
    'Surat keterangan replikasi',
  ),
  indicator(
    'speed-of-creation',
    'Kecepatan penciptaan inovasi',
    2,
    true,
    ['9 bulan atau lebih', '5–8 bulan', '1–4 bulan'],
    'Linimasa penciptaan inovasi',
  ),
  {
    ...indicator(
      'benefit',
      'Kemanfaatan inovasi',
      3,
      true,
      [
        'Pita pertama pada basis kemanfaatan yang dipilih (mis. 1–200 orang terlayani)',
        'Pita kedua pada basis kemanfaatan yang dipilih (mis. 201–500 orang terlayani)',
        'Pita ketiga pada basis kemanfaatan yang dipilih (mis. 501 orang atau lebih terlayani)',
      ],
      'Data penerima manfaat sesuai basis yang dipilih',
    ),
    benefitBases: BENEFIT_BASES,
  },
  indicator(
    'monitoring-evaluation',
    'Monitoring dan evaluasi inovasi',
    2,
    false,
    ['Monev internal', 'Survei kepuasan masyarakat', 'Penelitian oleh pihak eksternal'],
    'Laporan monitoring dan evaluasi',
  ),
  indicator(
    'quality-video',
    'Kualitas inovasi (video)',
    4,
    true,
    ['1–2 unsur substansi', '3–4 unsur substansi', '5 unsur substansi'],
    'Tautan video inovasi',
  ),
];
