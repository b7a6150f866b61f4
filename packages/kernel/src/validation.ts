import type * as z from 'zod/mini';
import { type FieldError, Problem, type ProblemCode } from './problems';

type Issue = z.core.$ZodRawIssue;

function sizeWord(origin: unknown): string {
  if (origin === 'string') return 'karakter';
  if (origin === 'array' || origin === 'set') return 'butir';
  return '';
}

/**
 * Field messages in Indonesian: the people who read them fill government forms. zod/mini ships no messages of
 * its own (that keeps the bundles small), so this map is the one source of them; a schema's own message wins.
 */
export function indonesianMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'wajib diisi' : `jenis data salah: seharusnya ${issue.expected}`;
    case 'too_small': {
      const unit = sizeWord(issue.origin);
      return unit ? `minimal ${issue.minimum} ${unit}` : `minimal ${issue.minimum}`;
    }
    case 'too_big': {
      const unit = sizeWord(issue.origin);
      return unit ? `maksimal ${issue.maximum} ${unit}` : `maksimal ${issue.maximum}`;
    }
    case 'invalid_format':
      if (issue.format === 'email') return 'alamat e-mail tidak valid';
      if (issue.format === 'url') return 'alamat tautan (URL http/https) tidak valid';
      if (issue.format === 'date') return 'tanggal harus berformat YYYY-MM-DD';
      if (issue.format === 'datetime') return 'waktu harus berformat ISO 8601';
      return 'format tidak valid';
    case 'invalid_value':
      return `nilai tidak dikenal; pilihan: ${issue.values.map(String).join(', ')}`;
    case 'unrecognized_keys':
      return `isian tidak dikenal: ${issue.keys.join(', ')}`;
    default:
      return 'nilai tidak valid';
  }
}

/** Zod issues as field errors: a JSON-pointer-like path, the zod issue code and its (Indonesian) message. */
export function fieldErrors(error: z.core.$ZodError): FieldError[] {
  return error.issues.slice(0, 50).map((issue) => ({
    path: issue.path.length > 0 ? `/${issue.path.map(String).join('/')}` : '/',
    code: issue.code,
    message: issue.message,
  }));
}

/** Parses input with a schema or throws a 4xx problem listing every field error. */
export function parseOrProblem<Schema extends z.ZodMiniType>(
  schema: Schema,
  input: unknown,
  code: ProblemCode = 'validation-failed',
): z.output<Schema> {
  const result = schema.safeParse(input, { error: indonesianMessage });
  if (!result.success) throw new Problem(code, { errors: fieldErrors(result.error) });
  return result.data;
}
