import type { RoutedEventType } from './routing';

/**
 * The Indonesian text of every notification, per event type: a subject and a body with `{{variables}}`. The same
 * text serves the inbox, the e-mail (text part as is, HTML part escaped from it) and the webhook's `message`. A
 * template naming a variable its event does not provide fails the tests (templates.test.ts renders every one with
 * a real event of its type), never a delivery.
 */
export interface Template {
  readonly subject: string;
  readonly body: string;
}

export const TEMPLATES: Readonly<Record<RoutedEventType, Template>> = {
  CycleOpened: {
    subject: '{{cycle}} telah dibuka',
    body:
      'Siklus {{cycle}} telah dibuka untuk pendaftaran inovasi. Mohon {{opd}} menyampaikan komitmen jumlah inovasi ' +
      'yang akan didaftarkan pada tahap Drum up, paling lambat {{drumUpDue}}.',
  },
  InnovationRegistered: {
    subject: 'Inovasi "{{innovation}}" terdaftar',
    body: 'Inovasi "{{innovation}}" dari {{opd}} telah terdaftar dalam {{cycle}} dan memasuki tahap Drum up.',
  },
  RegistrationRefused: {
    subject: 'Pendaftaran "{{innovation}}" ditolak',
    body:
      'Pendaftaran inovasi "{{innovation}}" ke {{cycle}} tidak dapat diterima karena siklus sudah ditutup. ' +
      'Inovasi kembali menjadi draf dan dapat didaftarkan ke siklus yang sedang dibuka.',
  },
  StageAdvanceRequested: {
    subject: 'Permintaan naik tahap: "{{innovation}}"',
    body: '{{opd}} meminta inovasi "{{innovation}}" naik dari tahap {{from}} ke {{to}}. Mohon ditinjau.',
  },
  StageAdvanced: {
    subject: '"{{innovation}}" naik ke tahap {{to}}',
    body: 'Permintaan naik tahap inovasi "{{innovation}}" disetujui: kini berada di tahap {{to}}.',
  },
  StageReturned: {
    subject: 'Permintaan naik tahap "{{innovation}}" dikembalikan',
    body:
      'Permintaan naik tahap inovasi "{{innovation}}" di tahap {{stage}} dikembalikan dengan alasan: {{reasons}}. ' +
      'Silakan lengkapi lalu ajukan kembali.',
  },
  TrackHeld: {
    subject: '"{{innovation}}" ditahan',
    body: 'Koordinator menahan inovasi "{{innovation}}" di tahap {{stage}}. Catatan: {{note}}.',
  },
  TrackResumed: {
    subject: '"{{innovation}}" dilanjutkan',
    body: 'Koordinator melanjutkan kembali inovasi "{{innovation}}" di tahap {{stage}}.',
  },
  InnovationLaunched: {
    subject: '"{{innovation}}" telah diluncurkan',
    body: 'Inovasi "{{innovation}}" dari {{opd}} telah mencapai tahap Display dan diluncurkan.',
  },
  StageOverdue: {
    subject: 'Tenggat tahap {{stage}} terlewati: "{{innovation}}"',
    body: 'Inovasi "{{innovation}}" dari {{opd}} masih di tahap {{stage}}, yang seharusnya selesai pada {{due}}.',
  },
  MonevDue: {
    subject: 'Laporan monev {{period}} untuk "{{innovation}}"',
    body: 'Laporan monitoring dan evaluasi periode {{period}} untuk inovasi "{{innovation}}" jatuh tempo pada {{due}}.',
  },
  EvaluatorAssigned: {
    subject: 'Penugasan penilaian: "{{innovation}}"',
    body: 'Anda ditugaskan menilai inovasi "{{innovation}}" dari {{opd}} dalam {{cycle}}.',
  },
  InnovationScored: {
    subject: 'Nilai "{{innovation}}": {{score}}',
    body: 'Nilai inovasi "{{innovation}}" dari {{opd}} kini {{score}} (revisi {{revision}}).{{correction}}',
  },
  RankingPublished: {
    subject: 'Peringkat OPD {{cycle}} diumumkan',
    body: 'Peringkat OPD {{cycle}} telah diumumkan. {{standing}} Indeks inovasi daerah: {{index}} ({{predicate}}).',
  },
  WebhookEndpointDisabled: {
    subject: 'Alamat webhook {{opd}} dinonaktifkan',
    body:
      'Pengiriman ke alamat webhook {{url}} terus gagal, sehingga alamat itu dinonaktifkan: {{reason}}. Perbaiki ' +
      'sistem penerima, lalu aktifkan kembali di pengaturan webhook; kiriman yang gagal dapat dikirim ulang dari ' +
      'log pengiriman.',
  },
  IncentiveShortlisted: {
    subject: 'Penerima insentif {{cycle}}',
    body: 'OPD penerima insentif {{cycle}}: {{shortlist}}.{{standing}}',
  },
};

const VARIABLE = /\{\{(\w+)\}\}/g;

/** The variables a template names. */
export function variablesOf(template: Template): string[] {
  return [...`${template.subject}\n${template.body}`.matchAll(VARIABLE)].map((match) => match[1] ?? '');
}

/** A template rendered: every variable replaced; a variable without a value is a bug (thrown, caught by the tests). */
export function render(template: Template, variables: Readonly<Record<string, string>>): Template {
  const fill = (text: string) =>
    text.replace(VARIABLE, (_, name: string) => {
      const value = variables[name];
      if (value === undefined) throw new Error(`template variable {{${name}}} has no value`);
      return value;
    });
  return { subject: fill(template.subject), body: fill(template.body) };
}
