import type * as z from 'zod';
import { type FieldError, Problem, type ProblemCode } from './problem';

/** Zod issues as field errors: a JSON-pointer-like path, the zod issue code and its message. */
export function fieldErrors(error: z.ZodError): FieldError[] {
  return error.issues.slice(0, 50).map((issue) => ({
    path: issue.path.length > 0 ? `/${issue.path.map(String).join('/')}` : '/',
    code: issue.code,
    message: issue.message,
  }));
}

/** Parses input with a schema or throws a 4xx problem listing every field error. */
export function parseOrProblem<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  code: ProblemCode = 'validation-failed',
): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) throw new Problem(code, { errors: fieldErrors(result.error) });
  return result.data;
}
