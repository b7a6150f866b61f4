import { type ServiceTable, serviceTableFromEnv } from '@inovda/dynamo';
import { systemClock } from '@inovda/kernel';
import { regionIdFromEnv, regionOpdNames, regionSetting } from '@inovda/lambda-kit';
import * as z from 'zod/mini';
import { editionById } from './editions';
import { ScoringReads } from './store/scoring-reads';
import { ScoringWrite } from './store/scoring-write';
import type { Deps, EditionDeps, ScoringDeps } from './use-cases/context';
import type { PublicResultsDeps } from './use-cases/results';

/** Dependencies of the scoring functions, built once per cold start from the environment the stack sets. */
export function depsFromEnv({ db, tableName }: ServiceTable = serviceTableFromEnv()): Deps {
  return {
    reads: new ScoringReads(db, tableName),
    write: () => new ScoringWrite(db, tableName),
    regionId: regionIdFromEnv(),
    ...systemClock,
  };
}

/** With the rubric editions, for the functions that score or show scores (the editions' data is in their bundle). */
export function editionDepsFromEnv(): EditionDeps {
  return { ...depsFromEnv(), editions: editionById };
}

const scoringRuleSetting = /* @__PURE__ */ (() => z.enum(['median', 'minimum']))();

/** With the region's rule for settling an indicator from its evaluators' levels (region setting `scoringRule`). */
export function scoringDepsFromEnv(): ScoringDeps {
  return { ...editionDepsFromEnv(), aggregation: regionSetting('scoringRule', scoringRuleSetting) };
}

/** The edition new cycles are scored under (region setting `rubricEdition`). */
export function rubricEditionFromSettings(): string {
  return regionSetting('rubricEdition', z.string());
}

/** With the region's OPD names, for the public reads of published rankings (region setting `opds`). */
export function publicResultsDepsFromEnv(): PublicResultsDeps {
  return { ...depsFromEnv(), opdNames: regionOpdNames() };
}
