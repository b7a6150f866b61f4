/**
 * RFC 9457 problem details. Every failure a caller can cause is a `Problem` with a stable `code` (also the last
 * segment of `type`) and an Indonesian `title`; the catalogue below is the only place these are defined. A
 * `detail`, when given, is Indonesian too (people read it in the web app); test/architecture/indonesian.test.ts
 * walks the catalogue and every detail and field message written in the code.
 */

export const PROBLEM_TYPE_BASE = 'https://inovda.id/problems/';

/** A field-level validation failure. */
export interface FieldError {
  readonly path: string;
  readonly code: string;
  readonly message: string;
}

interface ProblemSpec {
  readonly status: number;
  readonly title: string;
}

/** The catalogue of problems: stable codes, HTTP status and Indonesian titles. */
export const PROBLEMS = {
  'malformed-body': { status: 400, title: 'Isi permintaan tidak dapat dibaca' },
  'validation-failed': { status: 400, title: 'Data yang dikirim tidak valid' },
  'invalid-query': { status: 400, title: 'Parameter kueri tidak valid' },
  'invalid-cursor': { status: 400, title: 'Kursor halaman tidak valid' },
  unauthenticated: { status: 401, title: 'Anda belum masuk atau token tidak valid' },
  forbidden: { status: 403, title: 'Anda tidak berwenang melakukan tindakan ini' },
  'conflict-of-interest': {
    status: 403,
    title: 'Keputusan ini tidak dapat diambil oleh pihak yang berkepentingan',
  },
  'not-found': { status: 404, title: 'Data tidak ditemukan' },
  'method-not-allowed': { status: 405, title: 'Metode tidak diizinkan' },
  'invalid-state': { status: 409, title: 'Status data tidak mengizinkan tindakan ini' },
  'cycle-closed': { status: 409, title: 'Siklus program inovasi sudah ditutup' },
  'no-open-cycle': { status: 409, title: 'Belum ada siklus program inovasi yang dibuka' },
  'concurrent-change': { status: 409, title: 'Data sedang diubah pada saat yang sama; coba lagi sebentar lagi' },
  'version-mismatch': { status: 412, title: 'Versi data sudah berubah; muat ulang lalu coba lagi' },
  'payload-too-large': { status: 413, title: 'Isi permintaan terlalu besar' },
  'misdirected-request': { status: 421, title: 'Permintaan dikirim ke alamat host yang tidak dilayani di sini' },
  'unsupported-media-type': { status: 415, title: 'Jenis konten tidak didukung' },
  'idempotency-key-reused': { status: 422, title: 'Kunci idempotensi sudah dipakai untuk permintaan lain' },
  'unknown-cycle': { status: 422, title: 'Siklus program inovasi tidak dikenal atau belum dibuka' },
  'profile-too-large': { status: 422, title: 'Profil inovasi melebihi batas ukuran' },
  'precondition-required': { status: 428, title: 'Header If-Match wajib disertakan' },
  'too-many-requests': { status: 429, title: 'Terlalu banyak permintaan; tunggu sebentar lalu coba lagi' },
  internal: { status: 500, title: 'Terjadi kesalahan pada sistem' },
  'service-busy': { status: 503, title: 'Layanan sedang sibuk; coba lagi sebentar lagi' },
  'gate-not-met': { status: 422, title: 'Syarat tahapan belum terpenuhi' },
  'incomplete-submission': { status: 422, title: 'Isian belum lengkap untuk dikirim' },
  'unknown-evaluator': { status: 422, title: 'Penilai tidak dikenal atau belum menyatakan benturan kepentingannya' },
} as const satisfies Record<string, ProblemSpec>;

export type ProblemCode = keyof typeof PROBLEMS;

/** Extra members of a problem response (RFC 9457 extension members). */
export interface ProblemExtras {
  readonly detail?: string;
  readonly errors?: readonly FieldError[];
  readonly [member: string]: unknown;
}

/** A failure the caller caused; thrown by domain and handler code, turned into a response by the HTTP stack. */
export class Problem extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly title: string;
  readonly extras: ProblemExtras;
  readonly headers: Readonly<Record<string, string>>;

  constructor(code: ProblemCode, extras: ProblemExtras = {}, headers: Record<string, string> = {}) {
    super(`${code}${extras.detail ? `: ${extras.detail}` : ''}`);
    this.name = 'Problem';
    this.code = code;
    this.status = PROBLEMS[code].status;
    this.title = PROBLEMS[code].title;
    this.extras = extras;
    this.headers = headers;
  }

  /** The `application/problem+json` body. */
  toJSON(instance?: string): Record<string, unknown> {
    return {
      type: `${PROBLEM_TYPE_BASE}${this.code}`,
      code: this.code,
      title: this.title,
      status: this.status,
      ...(instance ? { instance } : {}),
      ...this.extras,
    };
  }
}
