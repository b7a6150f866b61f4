import type { regionIndexSchema } from '@inovda/contracts';
import { useState } from 'preact/hooks';
import type * as z from 'zod/mini';
import { Notice } from '../components/fields';
import { TableFrame } from '../components/table-frame';
import { formatScore, t } from '../i18n';
import { api } from '../lib/api';
import { useApiAction } from '../lib/use-api-action';

type RegionIndex = z.infer<typeof regionIndexSchema>;

const LEVELS = [0, 1, 2, 3] as const;

/**
 * The region readiness (SPD) rows of a cycle: each row's level as entered, its weight and score. Before publication
 * the coordinator enters the levels here (`PUT /cycles/{id}/readiness`, every row at once) and the index is
 * recomputed from the answer; afterwards, and for anyone else, the table only reads.
 */
export function ReadinessRows({
  cycleId,
  index,
  editable,
  onSaved,
}: {
  readonly cycleId: string;
  readonly index: RegionIndex;
  readonly editable: boolean;
  readonly onSaved: (index: RegionIndex) => void;
}) {
  const words = t.results.readiness;
  const [levels, setLevels] = useState<Record<string, number>>(() =>
    Object.fromEntries(index.readiness.map((row) => [row.code, row.level])),
  );
  const { problem, notice, busy, run } = useApiAction();
  const changed = index.readiness.some((row) => levels[row.code] !== row.level);

  async function save(event: Event) {
    event.preventDefault();
    const saved = await run(
      () => api<RegionIndex>('PUT', `/cycles/${encodeURIComponent(cycleId)}/readiness`, { body: { levels } }),
      words.saved,
    );
    if (saved) onSaved(saved.data);
  }

  const table = (
    <TableFrame label={words.caption}>
      <table>
        <caption>{words.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{words.row}</th>
            <th scope="col">{words.weight}</th>
            <th scope="col">{words.level}</th>
            <th scope="col">{words.score}</th>
          </tr>
        </thead>
        <tbody>
          {index.readiness.map((row) => (
            <tr key={row.code}>
              <th scope="row" id={`readiness-${row.code}`}>
                {row.name}
              </th>
              <td>{formatScore(row.weight)}</td>
              <td>
                {editable ? (
                  <select
                    aria-labelledby={`readiness-${row.code}`}
                    value={String(levels[row.code] ?? row.level)}
                    disabled={busy}
                    onChange={(event) => setLevels({ ...levels, [row.code]: Number(event.currentTarget.value) })}
                  >
                    {LEVELS.map((level) => (
                      <option key={level} value={String(level)}>
                        {words.levelOption(level)}
                      </option>
                    ))}
                  </select>
                ) : (
                  words.levelOption(row.level)
                )}
              </td>
              <td>{formatScore(row.score)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableFrame>
  );

  return (
    <>
      <h2>{words.title}</h2>
      <p>{editable ? words.introEditable : words.intro}</p>
      {editable ? (
        <form onSubmit={(event) => void save(event)}>
          {table}
          <button type="submit" disabled={busy || !changed}>
            {words.save}
          </button>
        </form>
      ) : (
        table
      )}
      {problem && (
        <p class="error-message" role="alert">
          {problem}
        </p>
      )}
      <Notice text={notice} />
    </>
  );
}
