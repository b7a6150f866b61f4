import type { ReadinessRow } from '@inovda/contracts';

/**
 * The 2026 edition's region readiness rows (SPD, Satuan Pemerintah Daerah): 20 rows, weights and mandatory flags
 * from DOMAIN.md, maximum 63. DOMAIN.md speaks of 15 indicators but its list names 17 groups (three of them with a
 * trend row and a level row); `indicator` groups the rows as that list does.
 *
 * DOMAIN.md gives the level bands of the audit opinion only. Every other row's three levels below are sensible
 * bands written for this product, not the ministry's wording: replace them when the official table is at hand.
 */

function row(
  code: string,
  indicator: string,
  name: string,
  weight: number,
  mandatory: boolean,
  levels: [string, string, string],
): ReadinessRow {
  return { code, indicator, name, weight, mandatory, levels };
}

const UNEMPLOYMENT = 'Tingkat pengangguran terbuka';
const POVERTY = 'Tingkat kemiskinan';
const HDI = 'Indeks pembangunan manusia (IPM)';

export const READINESS_ROWS_2026: ReadinessRow[] = [
  row('vision-mission', 'Visi dan misi', 'Inovasi dalam visi dan misi kepala daerah (RPJMD)', 1, true, [
    'Inovasi disebut dalam program perangkat daerah',
    'Inovasi disebut dalam misi atau sasaran RPJMD',
    'Inovasi disebut dalam visi atau misi kepala daerah',
  ]),
  row(
    'budget-law-timeliness',
    'Ketepatan waktu perda APBD',
    'Penetapan perda APBD tepat waktu dalam 3 tahun terakhir',
    1,
    false,
    ['Tepat waktu 1 tahun', 'Tepat waktu 2 tahun', 'Tepat waktu 3 tahun'],
  ),
  row('mandatory-spending', 'Belanja wajib', 'Pemenuhan belanja wajib (mandatory spending)', 1, false, [
    'Memenuhi kurang dari separuh ketentuan belanja wajib',
    'Memenuhi sebagian besar ketentuan belanja wajib',
    'Memenuhi seluruh ketentuan belanja wajib',
  ]),
  row('licensing-quality', 'Peningkatan kualitas perizinan', 'Peningkatan kualitas layanan perizinan', 1, true, [
    'Perizinan manual',
    'Perizinan elektronik sebagian',
    'Perizinan terintegrasi secara daring (OSS)',
  ]),
  row('income-per-capita-growth', 'Pendapatan per kapita', 'Pertumbuhan pendapatan per kapita', 1, true, [
    'Pertumbuhan negatif atau nol',
    'Pertumbuhan di bawah rata-rata nasional',
    'Pertumbuhan setara atau di atas rata-rata nasional',
  ]),
  row('unemployment-trend', UNEMPLOYMENT, 'Tren tingkat pengangguran terbuka', 0.75, true, [
    'Meningkat',
    'Tetap',
    'Menurun',
  ]),
  row('unemployment-rate', UNEMPLOYMENT, 'Tingkat pengangguran terbuka tahun terakhir', 0.75, true, [
    'Di atas rata-rata nasional',
    'Setara rata-rata nasional',
    'Di bawah rata-rata nasional',
  ]),
  row('investment-growth', 'Pertumbuhan investasi', 'Pertumbuhan nilai investasi', 1.5, true, [
    'Pertumbuhan negatif atau nol',
    'Pertumbuhan sampai 10%',
    'Pertumbuhan di atas 10%',
  ]),
  row('own-source-revenue-growth', 'Pendapatan asli daerah', 'Pertumbuhan pendapatan asli daerah (PAD)', 1.5, true, [
    'Pertumbuhan negatif atau nol',
    'Pertumbuhan sampai 10%',
    'Pertumbuhan di atas 10%',
  ]),
  // The one row whose bands DOMAIN.md gives.
  row('audit-opinion', 'Opini BPK', 'Opini BPK atas laporan keuangan pemerintah daerah', 1.5, true, [
    'Tidak Menyatakan Pendapat (TMP) atau Tidak Wajar (TW)',
    'Wajar Dengan Pengecualian (WDP)',
    'Wajar Tanpa Pengecualian (WTP)',
  ]),
  row(
    'performance-accountability',
    'Akuntabilitas kinerja',
    'Nilai SAKIP (akuntabilitas kinerja instansi pemerintah)',
    1,
    true,
    ['C atau lebih rendah', 'B atau CC', 'BB, A atau AA'],
  ),
  row('poverty-trend', POVERTY, 'Tren tingkat kemiskinan', 0.75, true, ['Meningkat', 'Tetap', 'Menurun']),
  row('poverty-rate', POVERTY, 'Tingkat kemiskinan tahun terakhir', 0.75, true, [
    'Di atas rata-rata nasional',
    'Setara rata-rata nasional',
    'Di bawah rata-rata nasional',
  ]),
  row('hdi-gain', HDI, 'Kenaikan IPM', 0.75, true, [
    'Turun atau tetap',
    'Naik sampai 0,5 poin',
    'Naik lebih dari 0,5 poin',
  ]),
  row('hdi-level', HDI, 'Capaian IPM tahun terakhir', 0.75, true, [
    'Rendah atau sedang (di bawah 70)',
    'Tinggi (70 sampai di bawah 80)',
    'Sangat tinggi (80 atau lebih)',
  ]),
  row('innovator-awards', 'Penghargaan bagi inovator', 'Pemberian penghargaan kepada inovator daerah', 2, false, [
    'Penghargaan nonmateri (piagam)',
    'Penghargaan berupa insentif',
    'Penghargaan yang ditetapkan dengan peraturan kepala daerah',
  ]),
  row(
    'policy-recommendations',
    'Rekomendasi kebijakan',
    'Rekomendasi kebijakan hasil penelitian yang ditindaklanjuti',
    1,
    false,
    ['1 rekomendasi', '2–3 rekomendasi', '4 rekomendasi atau lebih'],
  ),
  row('policy-quality-index', 'Indeks kualitas kebijakan', 'Nilai indeks kualitas kebijakan', 1, false, [
    'Kategori kurang',
    'Kategori cukup atau baik',
    'Kategori sangat baik',
  ]),
  row(
    'science-technology-master-plan',
    'Rencana induk iptek',
    'Rencana induk ilmu pengetahuan dan teknologi daerah',
    1,
    false,
    [
      'Masih berupa rancangan',
      'Ditetapkan dengan keputusan kepala daerah',
      'Ditetapkan dengan peraturan daerah atau peraturan kepala daerah',
    ],
  ),
  row(
    'intellectual-property-help',
    'Fasilitasi kekayaan intelektual',
    'Fasilitasi pendaftaran kekayaan intelektual',
    1,
    false,
    ['1 fasilitasi', '2–3 fasilitasi', '4 fasilitasi atau lebih'],
  ),
];
