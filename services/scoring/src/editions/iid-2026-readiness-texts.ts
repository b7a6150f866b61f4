import type { ReadinessRowTexts } from '../domain/scoring-edition';

/**
 * The texts of the 2026 edition's readiness rows, by row code: the readiness indicator each belongs to (DOMAIN.md
 * speaks of 15 indicators but its list names 17 groups, three of them with a trend row and a level row; `indicator`
 * groups the rows as that list does) and its three levels.
 *
 * DOMAIN.md gives the level bands of the audit opinion only. Every other row's three levels below are sensible
 * bands written for this product, not the ministry's wording: replace them when the official table is at hand.
 */

const UNEMPLOYMENT = 'Tingkat pengangguran terbuka';
const POVERTY = 'Tingkat kemiskinan';
const HDI = 'Indeks pembangunan manusia (IPM)';

export const READINESS_TEXTS_2026: Readonly<Record<string, ReadinessRowTexts>> = {
  'vision-mission': {
    indicator: 'Visi dan misi',
    levels: [
      'Inovasi disebut dalam program perangkat daerah',
      'Inovasi disebut dalam misi atau sasaran RPJMD',
      'Inovasi disebut dalam visi atau misi kepala daerah',
    ],
  },
  'budget-law-timeliness': {
    indicator: 'Ketepatan waktu perda APBD',
    levels: ['Tepat waktu 1 tahun', 'Tepat waktu 2 tahun', 'Tepat waktu 3 tahun'],
  },
  'mandatory-spending': {
    indicator: 'Belanja wajib',
    levels: [
      'Memenuhi kurang dari separuh ketentuan belanja wajib',
      'Memenuhi sebagian besar ketentuan belanja wajib',
      'Memenuhi seluruh ketentuan belanja wajib',
    ],
  },
  'licensing-quality': {
    indicator: 'Peningkatan kualitas perizinan',
    levels: ['Perizinan manual', 'Perizinan elektronik sebagian', 'Perizinan terintegrasi secara daring (OSS)'],
  },
  'income-per-capita-growth': {
    indicator: 'Pendapatan per kapita',
    levels: [
      'Pertumbuhan negatif atau nol',
      'Pertumbuhan di bawah rata-rata nasional',
      'Pertumbuhan setara atau di atas rata-rata nasional',
    ],
  },
  'unemployment-trend': {
    indicator: UNEMPLOYMENT,
    levels: ['Meningkat', 'Tetap', 'Menurun'],
  },
  'unemployment-rate': {
    indicator: UNEMPLOYMENT,
    levels: ['Di atas rata-rata nasional', 'Setara rata-rata nasional', 'Di bawah rata-rata nasional'],
  },
  'investment-growth': {
    indicator: 'Pertumbuhan investasi',
    levels: ['Pertumbuhan negatif atau nol', 'Pertumbuhan sampai 10%', 'Pertumbuhan di atas 10%'],
  },
  'own-source-revenue-growth': {
    indicator: 'Pendapatan asli daerah',
    levels: ['Pertumbuhan negatif atau nol', 'Pertumbuhan sampai 10%', 'Pertumbuhan di atas 10%'],
  },
  // The one row whose bands DOMAIN.md gives.
  'audit-opinion': {
    indicator: 'Opini BPK',
    levels: [
      'Tidak Menyatakan Pendapat (TMP) atau Tidak Wajar (TW)',
      'Wajar Dengan Pengecualian (WDP)',
      'Wajar Tanpa Pengecualian (WTP)',
    ],
  },
  'performance-accountability': {
    indicator: 'Akuntabilitas kinerja',
    levels: ['C atau lebih rendah', 'B atau CC', 'BB, A atau AA'],
  },
  'poverty-trend': {
    indicator: POVERTY,
    levels: ['Meningkat', 'Tetap', 'Menurun'],
  },
  'poverty-rate': {
    indicator: POVERTY,
    levels: ['Di atas rata-rata nasional', 'Setara rata-rata nasional', 'Di bawah rata-rata nasional'],
  },
  'hdi-gain': {
    indicator: HDI,
    levels: ['Turun atau tetap', 'Naik sampai 0,5 poin', 'Naik lebih dari 0,5 poin'],
  },
  'hdi-level': {
    indicator: HDI,
    levels: ['Rendah atau sedang (di bawah 70)', 'Tinggi (70 sampai di bawah 80)', 'Sangat tinggi (80 atau lebih)'],
  },
  'innovator-awards': {
    indicator: 'Penghargaan bagi inovator',
    levels: [
      'Penghargaan nonmateri (piagam)',
      'Penghargaan berupa insentif',
      'Penghargaan yang ditetapkan dengan peraturan kepala daerah',
    ],
  },
  'policy-recommendations': {
    indicator: 'Rekomendasi kebijakan',
    levels: ['1 rekomendasi', '2–3 rekomendasi', '4 rekomendasi atau lebih'],
  },
  'policy-quality-index': {
    indicator: 'Indeks kualitas kebijakan',
    levels: ['Kategori kurang', 'Kategori cukup atau baik', 'Kategori sangat baik'],
  },
  'science-technology-master-plan': {
    indicator: 'Rencana induk iptek',
    levels: [
      'Masih berupa rancangan',
      'Ditetapkan dengan keputusan kepala daerah',
      'Ditetapkan dengan peraturan daerah atau peraturan kepala daerah',
    ],
  },
  'intellectual-property-help': {
    indicator: 'Fasilitasi kekayaan intelektual',
    levels: ['1 fasilitasi', '2–3 fasilitasi', '4 fasilitasi atau lebih'],
  },
};
