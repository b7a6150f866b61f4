import type { ComponentChildren } from 'preact';
import { TableFrame } from './table-frame';

/** One series of a chart (a column of its table): its heading, and how a missing value reads. */
export interface BarSeries {
  readonly key: string;
  readonly label: string;
  /** Said instead of a number where a row has no value (null). */
  readonly missing?: string;
}

/** One row of a chart: its heading, and one value per series (null: no value, no bar). */
export interface BarRow {
  readonly key: string;
  readonly label: ComponentChildren;
  readonly values: readonly (number | null)[];
}

const formatCount = (value: number) => new Intl.NumberFormat('id-ID').format(value);

/**
 * A horizontal bar chart drawn with CSS, no chart library: it IS a table (caption, column and row headers, the
 * number written in each cell), and each cell draws its bar beside the number, its length proportional to the
 * largest value of the chart. Screen readers read the table; the bars are hidden from them (`aria-hidden`), so the
 * text equivalent is the chart itself and cannot drift from it. Each series has its own colour and a legend swatch
 * in its column heading; the numbers carry the meaning, so nothing depends on telling the colours apart.
 */
export function BarChart({
  id,
  caption,
  description,
  rowHeader,
  series,
  rows,
}: {
  readonly id: string;
  readonly caption: string;
  /** What the chart shows, in a sentence (linked to the table with aria-describedby). */
  readonly description?: string;
  /** The heading of the rows' column (Tahap, OPD). */
  readonly rowHeader: string;
  readonly series: readonly BarSeries[];
  readonly rows: readonly BarRow[];
}) {
  const largest = Math.max(1, ...rows.flatMap((row) => row.values.map((value) => value ?? 0)));
  return (
    <div class="bar-chart">
      {description && (
        <p class="hint" id={`${id}-description`}>
          {description}
        </p>
      )}
      <TableFrame label={caption}>
        <table id={id} {...(description ? { 'aria-describedby': `${id}-description` } : {})}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{rowHeader}</th>
              {series.map((one, index) => (
                <th scope="col" key={one.key}>
                  <span class={`bar-swatch bar-tone-${index}`} aria-hidden="true" /> {one.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                {series.map((one, index) => {
                  const value = row.values[index] ?? null;
                  return (
                    <td key={one.key}>
                      {value === null ? (
                        <span class="muted">{one.missing ?? '–'}</span>
                      ) : (
                        <span class="bar-line">
                          <span class="bar-track" aria-hidden="true">
                            <span
                              class={`bar bar-tone-${index}`}
                              // A CSSOM property set by script: the CSP (style-src 'self') allows it, unlike a style attribute.
                              style={{ width: `${(Math.max(0, value) / largest) * 100}%` }}
                            />
                          </span>
                          <span class="bar-value">{formatCount(value)}</span>
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
    </div>
  );
}
