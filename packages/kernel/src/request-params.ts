import type * as z from 'zod/mini';
import { Problem } from './problems';

/** Reads a path parameter with `schema`; an impossible value is a 404 (nothing to find), not a validation error. */
export function parsePathParameter<Schema extends z.ZodMiniType<string>>(
  schema: Schema,
  value: string | undefined,
): z.output<Schema> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Problem('not-found');
  return result.data;
}
