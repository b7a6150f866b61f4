import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { indonesianMessage, PROBLEMS } from '@inovda/kernel';
import { CATEGORY_NAMES, TEMPLATES } from '@inovda/notifications';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod/mini';

/**
 * Everything a person reads in the product is Indonesian: problem titles (the catalogue), problem details and
 * field messages, in every service and in the kit. This walks the catalogue and the field-message map, and reads the
 * source of every service and package a Lambda bundles for the texts written there (a `detail`, `message` or
 * `title` property, the reason given to `refuse`, the message of a zod `refine` or `regex`), and checks each reads
 * as Indonesian: it has Indonesian words and no English ones. Placeholders (`${…}`) and quoted technical tokens
 * (`If-Match`, `YYYY-MM-DD`) are left out of the check.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const PRODUCT_SOURCES = ['services', 'packages/kernel', 'packages/lambda-kit', 'packages/dynamo', 'packages/contracts'];

/** Words common in Indonesian sentences; a text must contain at least one. */
const INDONESIAN = new Set(
  `yang dinonaktifkan webhook pendaftaran ditolak ditahan dilanjutkan tenggat terlewati peringkat diumumkan penerima insentif pilih simpan dasar pengukuran kemanfaatan penilaian mandiri terlebih dahulu tidak dan di ke dari untuk harus sudah belum wajib dapat ini itu atau pada dengan berupa paling minimal maksimal
  nilai isian data bukan hanya masih sedang kunci format jenis alamat tanggal waktu pilihan diisi karakter butir tahapan
  siklus laporan permintaan inovasi perangkat daerah batasnya periode kini berada versi ada lagi coba muat ulang lalu
  terjadi kesalahan sistem anda belum masuk token berwenang melakukan tindakan ditemukan metode diizinkan status
  mengizinkan ditutup dibuka dipakai lain melebihi batas ukuran header disertakan syarat terpenuhi isi dibaca dikirim
  valid kueri kursor halaman tautan dikenal seharusnya salah sebentar sama diubah oleh memuat terlarang menerima profil
  bita berukuran formulir bersarang dalam terlalu banyak menyebutkan pengguna membuat sendiri berstatus mendaftarkan
  menarik mengubah membuka menutup jadwal mencatat komitmen diluncurkan berikutnya adalah pengampu mengisi komitmennya
  diputuskan keputusan mengajukannya pihak baru saja terakhir menunggu naik ditangguhkan koordinator berarti harap
  setelah sebelum sesudah inisiator dipilih lebih satu terbuka tanpa`.split(/\s+/),
);

/** English words that give away an untranslated text (not loanwords Indonesian uses too: status, token, data). */
const ENGLISH = new Set(
  `the is are must only not cannot may should this that with for of and to be an at which it its has have was were
  field required invalid value limit body bytes user users would someone else first version whose an
  innovation innovations cycle stage takes route names allowed fields nested deep`.split(/\s+/),
);

/** The words of a text a person reads, without placeholders and quoted technical tokens. */
function words(text: string): string[] {
  return text
    .replace(/\$\{[^}]*\}/g, ' ')
    .replace(/"[^"]*"|`[^`]*`|'[^']*'/g, ' ')
    .replace(/\([^)]*[_/][^)]*\)/g, ' ')
    .toLowerCase()
    .split(/[^a-zà-ÿ]+/)
    .filter((word) => word.length > 0);
}

/** Why `text` does not read as Indonesian, or undefined when it does. */
function notIndonesian(text: string): string | undefined {
  const all = words(text);
  if (all.length === 0) return undefined;
  const english = all.filter((word) => ENGLISH.has(word));
  if (english.length > 0) return `English words: ${english.join(', ')}`;
  if (!all.some((word) => INDONESIAN.has(word))) return 'no Indonesian word';
  return undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'test' || name === 'testing') return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.endsWith('testing.ts') ? [path] : [];
  });
}

/** The static text of a string or template literal (placeholders kept as `${}`), or undefined. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) {
    return node.head.text + node.templateSpans.map((span) => `\${}${span.literal.text}`).join('');
  }
  return undefined;
}

const TEXT_PROPERTIES = new Set(['detail', 'message', 'title']);
const TEXT_CALLS: Readonly<Record<string, number>> = { refuse: 0, refine: 1, regex: 1 };

/** Every text a person may read, written in one source file, with its line. */
function textsOf(file: string): Array<{ where: string; text: string }> {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: Array<{ where: string; text: string }> = [];
  const add = (node: ts.Node) => {
    const text = literalText(node);
    if (text === undefined) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    found.push({ where: `${relative(root, file)}:${line}`, text });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && TEXT_PROPERTIES.has(node.name.text)) {
      add(node.initializer);
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee)
          ? callee.name.text
          : undefined;
      const index = name === undefined ? undefined : TEXT_CALLS[name];
      const argument = index === undefined ? undefined : node.arguments[index];
      if (argument) add(argument);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('what people read is Indonesian', () => {
  it('every notification template and category name', () => {
    const texts = [
      ...Object.entries(TEMPLATES).flatMap(([type, template]) => [
        { where: `${type} subject`, text: template.subject.replace(/\{\{\w+\}\}/g, '') },
        { where: `${type} body`, text: template.body.replace(/\{\{\w+\}\}/g, '') },
      ]),
      ...Object.entries(CATEGORY_NAMES).map(([category, text]) => ({ where: category, text })),
    ];
    const offenders = texts
      .map((entry) => ({ ...entry, reason: notIndonesian(entry.text) }))
      .filter((entry) => entry.reason !== undefined);
    expect(offenders).toEqual([]);
    expect(texts.length).toBeGreaterThan(30);
  });

  it('every problem title of the catalogue', () => {
    const offenders = Object.entries(PROBLEMS)
      .map(([code, spec]) => ({ code, reason: notIndonesian(spec.title) }))
      .filter((entry) => entry.reason !== undefined);
    expect(offenders).toEqual([]);
    expect(Object.keys(PROBLEMS).length).toBeGreaterThan(15);
  });

  it('every field message zod issues are turned into', () => {
    const issues = [
      { code: 'invalid_type', expected: 'string', input: undefined },
      { code: 'invalid_type', expected: 'number', input: 'x' },
      { code: 'too_small', minimum: 3, origin: 'string', input: '' },
      { code: 'too_small', minimum: 1, origin: 'array', input: [] },
      { code: 'too_big', maximum: 3, origin: 'number', input: 9 },
      { code: 'invalid_format', format: 'email', input: 'x' },
      { code: 'invalid_format', format: 'url', input: 'x' },
      { code: 'invalid_format', format: 'date', input: 'x' },
      { code: 'invalid_format', format: 'datetime', input: 'x' },
      { code: 'invalid_format', format: 'regex', input: 'x' },
      { code: 'invalid_value', values: ['a', 'b'], input: 'x' },
      { code: 'unrecognized_keys', keys: ['extra'], input: {} },
      { code: 'custom', input: 'x' },
    ] as unknown as z.core.$ZodRawIssue[];
    const offenders = issues
      .map((issue) => ({ issue: issue.code, message: indonesianMessage(issue) }))
      .filter(({ message }) => notIndonesian(message) !== undefined);
    expect(offenders).toEqual([]);
  });

  it('every problem detail and field message written in the services and the kit', () => {
    const texts = PRODUCT_SOURCES.flatMap((dir) => sourceFiles(join(root, dir))).flatMap(textsOf);
    expect(texts.length).toBeGreaterThan(40);
    const offenders = texts
      .map((entry) => ({ ...entry, reason: notIndonesian(entry.text) }))
      .filter((entry) => entry.reason !== undefined);
    expect(offenders).toEqual([]);
  });

  it('tells an English text from an Indonesian one (the check can fail)', () => {
    expect(notIndonesian('A body is required.')).toMatch(/English/);
    expect(notIndonesian('Someone else changed this innovation first.')).toMatch(/English/);
    expect(notIndonesian('Isi permintaan wajib ada.')).toBeUndefined();
    expect(notIndonesian('If-Match harus berupa versi: "3"')).toBeUndefined();
  });
});
