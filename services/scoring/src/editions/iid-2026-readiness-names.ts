/**
 * The names of the 2026 edition's readiness rows, by row code (DOMAIN.md). People read them in the region index
 * and the published edition; nothing computes with them, so only the functions showing those import this module.
 */
export const READINESS_NAMES_2026: Readonly<Record<string, string>> = {
  'vision-mission': 'Inovasi dalam visi dan misi kepala daerah (RPJMD)',
  'budget-law-timeliness': 'Penetapan perda APBD tepat waktu dalam 3 tahun terakhir',
  'mandatory-spending': 'Pemenuhan belanja wajib (mandatory spending)',
  'licensing-quality': 'Peningkatan kualitas layanan perizinan',
  'income-per-capita-growth': 'Pertumbuhan pendapatan per kapita',
  'unemployment-trend': 'Tren tingkat pengangguran terbuka',
  'unemployment-rate': 'Tingkat pengangguran terbuka tahun terakhir',
  'investment-growth': 'Pertumbuhan nilai investasi',
  'own-source-revenue-growth': 'Pertumbuhan pendapatan asli daerah (PAD)',
  'audit-opinion': 'Opini BPK atas laporan keuangan pemerintah daerah',
  'performance-accountability': 'Nilai SAKIP (akuntabilitas kinerja instansi pemerintah)',
  'poverty-trend': 'Tren tingkat kemiskinan',
  'poverty-rate': 'Tingkat kemiskinan tahun terakhir',
  'hdi-gain': 'Kenaikan IPM',
  'hdi-level': 'Capaian IPM tahun terakhir',
  'innovator-awards': 'Pemberian penghargaan kepada inovator daerah',
  'policy-recommendations': 'Rekomendasi kebijakan hasil penelitian yang ditindaklanjuti',
  'policy-quality-index': 'Nilai indeks kualitas kebijakan',
  'science-technology-master-plan': 'Rencana induk ilmu pengetahuan dan teknologi daerah',
  'intellectual-property-help': 'Fasilitasi pendaftaran kekayaan intelektual',
};
