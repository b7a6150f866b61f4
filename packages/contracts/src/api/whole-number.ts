import * as z from 'zod/mini';

/**
 * A whole number from `min` to `max`: a JSON integer, or the digits an HTML form sends (forms carry only strings,
 * and a coordinator's cycle form is a plain form). Nothing else is coerced: no empty string as 0, no `1e3`.
 */
/* @__NO_SIDE_EFFECTS__ */
export function wholeNumber(min: number, max: number) {
  return z.pipe(
    z.union([z.int(), z.string().check(z.regex(/^-?\d{1,12}$/, 'harus berupa bilangan bulat'))]),
    z.pipe(
      z.transform((value: number | string) => Number(value)),
      z.int().check(z.minimum(min), z.maximum(max)),
    ),
  );
}
