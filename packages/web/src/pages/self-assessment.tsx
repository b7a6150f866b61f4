import {
  type IndicatorSpec,
  type Innovation,
  type RubricEdition,
  selfAssessmentInput,
  type selfAssessmentSchema,
} from '@inovda/contracts';
import { fieldErrors, indonesianMessage } from '@inovda/kernel';
import { useCallback, useEffect, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import type * as z from 'zod/mini';
import { ErrorSummary, Field, inputId, Notice, PageLoading, RefusalSummary, StaleNotice } from '../components/fields';
import { TableFrame } from '../components/table-frame';
import { formatDateTime, t } from '../i18n';
import { ApiProblem, api, type FieldMessage } from '../lib/api';
import { hasRole, useSession } from '../lib/session';
import { useUnsavedChanges } from '../lib/unsaved-changes';
import { refusalText, useApiAction } from '../lib/use-api-action';

type SelfAssessment = z.infer<typeof selfAssessmentSchema>;
const words = t.opd.selfAssessment;

interface ClaimDraft {
  level: '' | '1' | '2' | '3';
  basis: string;
  links: { url: string; title: string }[];
}
type Draft = Record<string, ClaimDraft>;

const blank = (): ClaimDraft => ({ level: '', basis: '', links: [] });

function draftOf(edition: RubricEdition, selfAssessment: SelfAssessment): Draft {
  const draft: Draft = {};
  for (const indicator of edition.innovation.indicators) {
    const claim = selfAssessment.claims.find((candidate) => candidate.indicator === indicator.code);
    draft[indicator.code] = claim
      ? {
          level: String(claim.level) as ClaimDraft['level'],
          basis: claim.basis ?? '',
          links: claim.evidence.map((link) => ({ url: link.url, title: link.title ?? '' })),
        }
      : blank();
  }
  return draft;
}

/** The claims in the edition's order (the API's error paths count them), with the codes in that order. */
function toInput(edition: RubricEdition, draft: Draft): { body: unknown; order: string[] } {
  const order: string[] = [];
  const claims = edition.innovation.indicators.flatMap((indicator) => {
    const claim = draft[indicator.code];
    if (!claim || claim.level === '') return [];
    order.push(indicator.code);
    return [
      {
        indicator: indicator.code,
        level: Number(claim.level),
        ...(claim.links.length > 0
          ? {
              evidence: claim.links.map((link) => ({
                url: link.url.trim(),
                ...(link.title.trim() === '' ? {} : { title: link.title }),
              })),
            }
          : {}),
        ...(indicator.benefitBases && claim.basis !== '' ? { basis: claim.basis } : {}),
      },
    ];
  });
  return { body: { claims }, order };
}

/** `/claims/3/evidence/0/url` (or the domain's `claims/3/basis`) → the field of that indicator: `/sa/<code>/…`. */
function toFieldPaths(errors: readonly FieldMessage[], order: readonly string[]): FieldMessage[] {
  return errors.map((error) => {
    const parts = error.path.split('/').filter(Boolean);
    if (parts[0] !== 'claims' || parts[1] === undefined) return { ...error, path: '/claims' };
    const code = order[Number(parts[1])] ?? parts[1];
    const rest = parts.slice(2);
    return { ...error, path: `/sa/${code}/${rest.length > 0 ? rest.join('/') : 'level'}` };
  });
}

/** The self-assessment of an innovation from Deliver on: a level and evidence per indicator, saved, then submitted. */
export default function SelfAssessmentPage() {
  const { params } = useRoute();
  const session = useSession();
  const id = params.id ?? '';
  const [innovation, setInnovation] = useState<Innovation>();
  const [loaded, setLoaded] = useState<{ data: SelfAssessment; etag: string | undefined } | null>();
  const [notStarted, setNotStarted] = useState<string>();
  const [edition, setEdition] = useState<RubricEdition>();
  const [draft, setDraft] = useState<Draft>({});
  const [pristine, setPristine] = useState('{}');
  const [errors, setErrors] = useState<readonly FieldMessage[]>([]);
  const [missing, setMissing] = useState<readonly string[]>([]);
  /** Indicators saved differently elsewhere since this page read them (after a 412): their names. */
  const [stale, setStale] = useState<readonly string[]>([]);
  const [loadProblem, setLoadProblem] = useState<string>();
  const { problem, notice, busy, run } = useApiAction();
  useUnsavedChanges(JSON.stringify(draft) !== pristine && !busy);

  const take = useCallback(async (data: SelfAssessment, etag: string | undefined, known?: RubricEdition) => {
    const rubric =
      known?.id === data.editionId
        ? known
        : (await api<RubricEdition>('GET', `/rubric-editions/${encodeURIComponent(data.editionId)}`)).data;
    setEdition(rubric);
    setLoaded({ data, etag });
    const next = draftOf(rubric, data);
    setDraft(next);
    setPristine(JSON.stringify(next));
  }, []);

  useEffect(() => {
    void (async () => {
      try {
        setInnovation((await api<Innovation>('GET', `/innovations/${encodeURIComponent(id)}`)).data);
        const found = await api<SelfAssessment>('GET', `/innovations/${encodeURIComponent(id)}/self-assessment`);
        await take(found.data, found.etag);
      } catch (error) {
        // None saved yet: the API says so (404), and starting it is the owner's first save.
        if (error instanceof ApiProblem && error.status === 404 && error.code === 'not-found') {
          setLoaded(null);
          setNotStarted(error.detail ?? error.title);
        } else setLoadProblem(refusalText(error));
      }
    })();
  }, [id, take]);

  const owner =
    innovation !== undefined &&
    (hasRole(session, 'admin') || (hasRole(session, 'opd') && session?.opdId === innovation.opdId));

  async function start() {
    const started = await run(
      () =>
        api<SelfAssessment>('PUT', `/innovations/${encodeURIComponent(id)}/self-assessment`, { body: { claims: [] } }),
      words.started,
    );
    if (started) await take(started.data, started.etag);
  }

  /** Checks the draft with the API's own schema and messages: what the browser refuses, the API would. */
  function check(): { body: z.infer<typeof selfAssessmentInput>; order: string[] } | undefined {
    if (!edition) return undefined;
    const { body, order } = toInput(edition, draft);
    const checked = selfAssessmentInput.safeParse(body, { error: indonesianMessage });
    if (!checked.success) {
      setErrors(toFieldPaths(fieldErrors(checked.error), order));
      return undefined;
    }
    setErrors([]);
    setMissing([]);
    return { body: checked.data, order };
  }

  /** Saves the checked draft (If-Match: the version read); the API's field errors go to their indicators. */
  async function put({ body, order }: { body: unknown; order: string[] }) {
    try {
      const saved = await api<SelfAssessment>('PUT', `/innovations/${encodeURIComponent(id)}/self-assessment`, {
        body,
        ...(loaded?.etag ? { ifMatch: loaded.etag } : {}),
      });
      await take(saved.data, saved.etag, edition);
      setStale([]);
      return saved;
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 412 && edition) {
        // Saved elsewhere meanwhile: keep what is typed here, name the indicators that differ from what is saved
        // now, and take its version, so the next save overwrites it knowingly.
        const current = await api<SelfAssessment>('GET', `/innovations/${encodeURIComponent(id)}/self-assessment`);
        const theirs = draftOf(edition, current.data);
        setStale(
          edition.innovation.indicators
            .filter((indicator) => JSON.stringify(theirs[indicator.code]) !== JSON.stringify(draft[indicator.code]))
            .map((indicator) => indicator.name),
        );
        setLoaded({ data: current.data, etag: current.etag });
      } else if (error instanceof ApiProblem) setErrors(toFieldPaths(error.errors, order));
      throw error;
    }
  }

  async function onSave(event: Event) {
    event.preventDefault();
    const checked = check();
    if (checked) await run(() => put(checked), words.saved);
  }

  async function onSubmit() {
    const checked = check();
    if (!checked || !window.confirm(words.confirmSubmit)) return;
    await run(async () => {
      const saved = await put(checked);
      try {
        const submitted = await api<SelfAssessment>(
          'POST',
          `/innovations/${encodeURIComponent(id)}/self-assessment/submit`,
          saved.etag ? { ifMatch: saved.etag } : {},
        );
        await take(submitted.data, submitted.etag, edition);
      } catch (error) {
        if (error instanceof ApiProblem && Array.isArray(error.body.missing)) {
          setMissing(error.body.missing.filter((item): item is string => typeof item === 'string'));
        }
        throw error;
      }
    }, words.submitted);
  }

  const nameOf = (code: string) =>
    edition?.innovation.indicators.find((indicator) => indicator.code === code)?.name ?? code;
  function labelOf(path: string): string {
    const [, code = '', field = '', index, sub] = path.split('/').filter(Boolean);
    const name = nameOf(code);
    if (field === 'evidence' && index !== undefined) {
      const n = Number(index) + 1;
      return `${name}: ${sub === 'title' ? words.linkTitle(n) : words.url(n)}`;
    }
    return `${name}: ${field === 'basis' ? words.basis : field === 'level' ? words.level : words.evidence}`;
  }
  const errorAt = (path: string) => errors.find((error) => error.path === path)?.message;
  const change = (code: string, edit: (claim: ClaimDraft) => void) =>
    setDraft((previous) => {
      const next = structuredClone(previous);
      const claim = next[code] ?? blank();
      edit(claim);
      next[code] = claim;
      return next;
    });

  if (innovation === undefined || loaded === undefined) {
    return <PageLoading problem={loadProblem} />;
  }
  const submitted = loaded?.data.status === 'submitted';
  return (
    <section>
      <h1>{words.title(innovation.name)}</h1>
      <p>
        <a href={`/inovasi/${innovation.id}`}>{t.opd.back(innovation.name)}</a>
      </p>
      <p>{words.intro}</p>
      {stale.length > 0 ? (
        <StaleNotice title={words.staleTitle} hint={words.staleHint} items={stale} />
      ) : (
        problem && <RefusalSummary text={problem} missingTitle={words.missing} missing={missing} />
      )}
      <Notice text={notice} />
      {loaded === null && (
        <>
          <p>{notStarted}</p>
          {owner && (
            <>
              <p class="hint" id="start-hint">
                {words.startHint}
              </p>
              <button type="button" disabled={busy} aria-describedby="start-hint" onClick={() => void start()}>
                {words.start}
              </button>
            </>
          )}
        </>
      )}
      {loaded && edition && (
        <>
          <p>
            {words.edition(edition.name)} · {words.status}:{' '}
            <strong>{words.statuses[loaded.data.status] ?? loaded.data.status}</strong>
          </p>
          <p>{words.claimedScore(t.opd.number(loaded.data.claimedScore), t.opd.number(edition.innovation.maxScore))}</p>
          {submitted || !owner ? (
            <SubmittedClaims selfAssessment={loaded.data} nameOf={nameOf} />
          ) : (
            <>
              <ErrorSummary errors={errors} labelOf={labelOf} />
              <form onSubmit={(event) => void onSave(event)} noValidate>
                {edition.innovation.indicators.map((indicator) => (
                  <IndicatorClaim
                    key={indicator.code}
                    indicator={indicator}
                    claim={draft[indicator.code] ?? blank()}
                    change={(edit) => change(indicator.code, edit)}
                    errorAt={errorAt}
                  />
                ))}
                <div class="actions">
                  <button type="submit" disabled={busy}>
                    {words.save}
                  </button>
                  <button type="button" class="secondary" disabled={busy} onClick={() => void onSubmit()}>
                    {words.submit}
                  </button>
                </div>
              </form>
            </>
          )}
        </>
      )}
    </section>
  );
}

/** One indicator of the rubric: the level claimed (with what each level means), the benefit basis, the links. */
function IndicatorClaim({
  indicator,
  claim,
  change,
  errorAt,
}: {
  indicator: IndicatorSpec;
  claim: ClaimDraft;
  change: (edit: (claim: ClaimDraft) => void) => void;
  errorAt: (path: string) => string | undefined;
}) {
  const code = indicator.code;
  const levelError = errorAt(`/sa/${code}/level`);
  const basis = indicator.benefitBases?.find((candidate) => candidate.code === claim.basis);
  return (
    <fieldset class="sa-claim">
      <legend>{words.indicatorLegend(indicator.name, indicator.mandatory, indicator.weight)}</legend>
      <fieldset class="levels">
        <legend>{words.level}</legend>
        {levelError && <p class="error-message">{levelError}</p>}
        <label class="checkbox">
          <input
            type="radio"
            id={inputId(`/sa/${code}/level`)}
            name={`level-${code}`}
            checked={claim.level === ''}
            onChange={() => change((next) => (next.level = ''))}
          />{' '}
          {words.notClaimed}
        </label>
        {indicator.levels.map((level, index) => {
          const value = String(index + 1) as ClaimDraft['level'];
          const hintId = `level-${code}-${value}-evidence`;
          return (
            <div class="level-option" key={value}>
              <label class="checkbox">
                <input
                  type="radio"
                  name={`level-${code}`}
                  value={value}
                  aria-describedby={hintId}
                  checked={claim.level === value}
                  onChange={() => change((next) => (next.level = value))}
                />{' '}
                {words.levelOption(index + 1, level.description)}
              </label>
              <p class="hint" id={hintId}>
                {words.levelEvidence}: {level.evidence}
              </p>
            </div>
          );
        })}
      </fieldset>
      {claim.level !== '' && indicator.benefitBases && (
        <Field
          path={`/sa/${code}/basis`}
          label={words.basis}
          hint={
            basis
              ? basis.bands.map((band, index) => `${words.levelN(index + 1)}: ${band}`).join(' · ')
              : words.basisHint
          }
          required
          error={errorAt(`/sa/${code}/basis`)}
        >
          {(aria) => (
            <select
              {...aria}
              value={claim.basis}
              onChange={(event) => change((next) => (next.basis = event.currentTarget.value))}
            >
              <option value="">{t.choose}</option>
              {indicator.benefitBases?.map((option) => (
                <option key={option.code} value={option.code}>
                  {option.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {claim.level !== '' && (
        <div class="evidence-links">
          <p class="field-label">{words.evidence}</p>
          <p class="hint">{words.evidenceHint}</p>
          {claim.links.map((link, index) => (
            <div class="row-group" key={index}>
              <Field
                path={`/sa/${code}/evidence/${index}/url`}
                label={words.url(index + 1)}
                required
                error={errorAt(`/sa/${code}/evidence/${index}/url`)}
              >
                {(aria) => (
                  <input
                    {...aria}
                    type="url"
                    value={link.url}
                    onInput={(event) => {
                      const { value } = event.currentTarget;
                      change((next) => {
                        const row = next.links[index];
                        if (row) row.url = value;
                      });
                    }}
                  />
                )}
              </Field>
              <Field
                path={`/sa/${code}/evidence/${index}/title`}
                label={words.linkTitle(index + 1)}
                error={errorAt(`/sa/${code}/evidence/${index}/title`)}
              >
                {(aria) => (
                  <input
                    {...aria}
                    type="text"
                    value={link.title}
                    onInput={(event) => {
                      const { value } = event.currentTarget;
                      change((next) => {
                        const row = next.links[index];
                        if (row) row.title = value;
                      });
                    }}
                  />
                )}
              </Field>
              <button type="button" class="secondary" onClick={() => change((next) => next.links.splice(index, 1))}>
                {words.removeLink(index + 1, indicator.name)}
              </button>
            </div>
          ))}
          <button
            type="button"
            class="secondary"
            onClick={() => change((next) => next.links.push({ url: '', title: '' }))}
          >
            {words.addLink(indicator.name)}
          </button>
        </div>
      )}
    </fieldset>
  );
}

/** The claims as submitted (or as someone other than the owner reads them): a table, read only. */
function SubmittedClaims({
  selfAssessment,
  nameOf,
}: {
  selfAssessment: SelfAssessment;
  nameOf: (code: string) => string;
}) {
  return (
    <>
      {selfAssessment.submittedAt && <p>{words.submittedAt(formatDateTime(selfAssessment.submittedAt))}</p>}
      <h2>{words.claimsTitle}</h2>
      <TableFrame label={words.claimsTitle}>
        <table>
          <thead>
            <tr>
              <th scope="col">{words.indicator}</th>
              <th scope="col">{words.claimedLevel}</th>
              <th scope="col">{words.links}</th>
            </tr>
          </thead>
          <tbody>
            {selfAssessment.claims.map((claim) => (
              <tr key={claim.indicator}>
                <th scope="row">{nameOf(claim.indicator)}</th>
                <td>{claim.level}</td>
                <td class="wrap-anywhere">
                  {claim.evidence.length === 0 ? (
                    words.noLinks
                  ) : (
                    <ul class="plain-list">
                      {claim.evidence.map((link) => (
                        <li key={link.url}>
                          <a href={link.url} rel="noopener noreferrer">
                            {link.title ?? link.url}
                          </a>
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableFrame>
    </>
  );
}
