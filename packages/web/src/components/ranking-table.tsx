import type { rankingRowSchema } from '@inovda/contracts';
import type * as z from 'zod/mini';
import { formatScore, t } from '../i18n';
import { TableFrame } from './table-frame';

/** One OPD's row of a ranking, as every ranking route gives it. */
type RankingRow = z.infer<typeof rankingRowSchema>;

/**
 * The OPD ranking as the coordinator, an OPD and the public read it: one table, the same columns and words on every
 * page, the incentive shortlist as a column and the reader's own OPD marked.
 */
export function RankingTable({
  caption,
  rows,
  shortlist,
  opdName,
  ownOpdId,
}: {
  readonly caption: string;
  readonly rows: readonly RankingRow[];
  readonly shortlist: readonly string[];
  readonly opdName: (opdId: string) => string;
  readonly ownOpdId?: string;
}) {
  const words = t.ranking;
  return (
    <TableFrame label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{words.rank}</th>
            <th scope="col">{words.opd}</th>
            <th scope="col">{words.value}</th>
            <th scope="col">{words.sum}</th>
            <th scope="col">{words.count}</th>
            <th scope="col">{words.best}</th>
            <th scope="col">{words.incentive}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.opdId} class={row.opdId === ownOpdId ? 'mine' : undefined}>
              <td>{row.rank}</td>
              <th scope="row">
                {opdName(row.opdId)}
                {row.opdId === ownOpdId && (
                  <>
                    {' '}
                    <span class="badge">{words.yours}</span>
                  </>
                )}
              </th>
              <td>{formatScore(row.value)}</td>
              <td>{formatScore(row.sum)}</td>
              <td>{row.count}</td>
              <td>{formatScore(row.best)}</td>
              <td>{shortlist.includes(row.opdId) ? words.yes : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );
}
