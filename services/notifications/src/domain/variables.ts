import type { RoutedEventType } from './routing';

/** Names the service knows (from the events it keeps and the region config), looked up while rendering. */
export interface Names {
  innovation(id: string): string;
  opd(id: string): string;
  cycle(id: string): string;
}

const STAGE_NAMES: Readonly<Record<string, string>> = {
  'drum-up': 'Drum up',
  diagnose: 'Diagnose',
  design: 'Design',
  deliver: 'Deliver',
  display: 'Display',
};

const MONTHS = [
  'Januari',
  'Februari',
  'Maret',
  'April',
  'Mei',
  'Juni',
  'Juli',
  'Agustus',
  'September',
  'Oktober',
  'November',
  'Desember',
];

/** `2027-02-26` → `26 Februari 2027`, as Indonesian letters write dates. */
/** A person's free text set inside a template's sentence: without its own closing stop, which the template adds. */
function sentence(value: string): string {
  return value.trim().replace(/[.!?]+$/u, '');
}

export function indonesianDate(isoDate: string): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1]} ${year}`;
}

/** Numbers as Indonesian text writes them: a decimal comma, at most two decimals. */
export function indonesianNumber(value: number): string {
  return String(Math.round(value * 100) / 100).replace('.', ',');
}

type Data = Readonly<Record<string, unknown>>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

interface RankingRow {
  readonly rank: number;
  readonly opdId: string;
  readonly value: number;
}

/** What one OPD is told of a ranking: its own place, or (coordinators) who came first. */
function standingOf(rows: readonly RankingRow[], recipientOpd: string | undefined, names: Names): string {
  const own = rows.find((row) => row.opdId === recipientOpd);
  if (own) {
    return `${names.opd(own.opdId)} berada di peringkat ${own.rank} dengan nilai ${indonesianNumber(own.value)}.`;
  }
  const first = rows.find((row) => row.rank === 1);
  return first ? `Peringkat pertama: ${names.opd(first.opdId)}.` : 'Belum ada OPD yang dinilai.';
}

/**
 * The variables of an event's templates, for one recipient OPD (the one told, for audiences of OPDs; undefined for
 * users told by role). Every template's variables are here for its event type (templates.test.ts checks).
 */
export function variablesFor(
  eventType: RoutedEventType,
  data: Data,
  names: Names,
  recipientOpd?: string,
): Record<string, string> {
  const opdId = text(data.opdId) || recipientOpd || '';
  const common: Record<string, string> = {
    ...(data.innovationId ? { innovation: names.innovation(text(data.innovationId)) } : {}),
    ...(opdId ? { opd: names.opd(opdId) } : {}),
    ...(data.cycleId ? { cycle: names.cycle(text(data.cycleId)) } : {}),
    ...(data.stage ? { stage: STAGE_NAMES[text(data.stage)] ?? text(data.stage) } : {}),
    ...(data.from ? { from: STAGE_NAMES[text(data.from)] ?? text(data.from) } : {}),
    ...(data.to ? { to: STAGE_NAMES[text(data.to)] ?? text(data.to) } : {}),
    ...(data.due ? { due: indonesianDate(text(data.due)) } : {}),
  };
  switch (eventType) {
    case 'CycleOpened': {
      const windows = (data.stageWindows ?? {}) as Record<string, { due?: string }>;
      return {
        ...common,
        cycle: text(data.name),
        drumUpDue: windows['drum-up']?.due ? indonesianDate(windows['drum-up'].due) : 'akhir tahap Drum up',
      };
    }
    case 'StageReturned':
      return { ...common, reasons: sentence(text(data.reasons)) };
    case 'TrackHeld':
      return { ...common, note: sentence(text(data.note)) || 'tanpa catatan' };
    case 'MonevDue':
      return { ...common, period: text(data.period) };
    case 'InnovationScored': {
      const correction = data.correction as { reason?: string } | undefined;
      return {
        ...common,
        score: indonesianNumber(Number(data.score)),
        revision: String(data.revision),
        correction: correction?.reason ? ` Nilai dikoreksi koordinator: ${correction.reason}.` : '',
      };
    }
    case 'RankingPublished': {
      const index = data.index as { value: number; predicate: string };
      return {
        ...common,
        standing: standingOf((data.ranking ?? []) as RankingRow[], recipientOpd, names),
        index: indonesianNumber(index.value),
        predicate: index.predicate,
      };
    }
    case 'IncentiveShortlisted': {
      const opdIds = (data.opdIds ?? []) as string[];
      return {
        ...common,
        shortlist: opdIds.length > 0 ? opdIds.map((id) => names.opd(id)).join(', ') : 'belum ada',
        standing:
          recipientOpd && opdIds.includes(recipientOpd)
            ? ` Selamat, ${names.opd(recipientOpd)} termasuk penerima insentif.`
            : '',
      };
    }
    case 'WebhookEndpointDisabled':
      return {
        ...common,
        url: text(data.url),
        reason:
          data.reason === 'gone'
            ? 'sistem penerima menjawab 410 Gone (alamat tidak lagi dipakai)'
            : 'semua pengiriman gagal lebih dari sehari',
      };
    default:
      return common;
  }
}
