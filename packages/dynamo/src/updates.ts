import type { TransactItem } from './transaction';

/**
 * In-place updates as transaction items. Kept out of the package's main entry on purpose: a function's write grant
 * includes `dynamodb:UpdateItem` only when its manifest says `updatesItems`, and test/infra/grants-match-code.test.ts
 * holds every function's code to that. Only store modules that really update import this.
 */

/**
 * Adds `deltas` to numeric top-level attributes with `ADD` (an attribute, or the item, that does not exist yet
 * starts at zero) and sets `set` alongside.
 */
export function counterUpdate(
  tableName: string,
  key: Readonly<Record<string, string>>,
  deltas: Readonly<Record<string, number>>,
  set: Readonly<Record<string, unknown>> = {},
): TransactItem | undefined {
  const adds = Object.entries(deltas).filter(([, delta]) => delta !== 0);
  if (adds.length === 0) return undefined;
  const sets = Object.entries(set);
  const names = Object.fromEntries([
    ...adds.map(([name], index) => [`#c${index}`, name]),
    ...sets.map(([name], index) => [`#s${index}`, name]),
  ]);
  const values = Object.fromEntries([
    ...adds.map(([, delta], index) => [`:c${index}`, delta]),
    ...sets.map(([, value], index) => [`:s${index}`, value]),
  ]);
  const add = `ADD ${adds.map((_, index) => `#c${index} :c${index}`).join(', ')}`;
  const assign = sets.length > 0 ? ` SET ${sets.map((_, index) => `#s${index} = :s${index}`).join(', ')}` : '';
  return {
    Update: {
      TableName: tableName,
      Key: { ...key },
      UpdateExpression: `${add}${assign}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** Sets top-level attributes of an item (creating it if absent), leaving the others alone. */
export function setUpdate(
  tableName: string,
  key: Readonly<Record<string, string>>,
  set: Readonly<Record<string, unknown>>,
): TransactItem {
  const entries = Object.entries(set);
  return {
    Update: {
      TableName: tableName,
      Key: { ...key },
      UpdateExpression: `SET ${entries.map((_, index) => `#s${index} = :s${index}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([name], index) => [`#s${index}`, name])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], index) => [`:s${index}`, value])),
    },
  };
}
