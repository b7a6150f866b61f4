import type {
  CycleOpened,
  EnvelopeOf,
  InnovationDrafted,
  InnovationProfileUpdated,
  InnovationRegistered,
  InnovationRegistrationReverted,
  InnovationWithdrawn,
  StageAdvanced,
} from '@inovda/contracts';
import { type Applied, PROCESSED_ITEM, TransactionCancelled } from '@inovda/dynamo';
import type { EvidenceLink, InnovationFacts } from '../domain/model';
import type { ScoringWrite } from '../store/scoring-write';
import type { Deps } from './context';
import { uncountWithdrawn } from './scores';

/** The name processed-event records of this service's consumer carry. */
export const FACTS_CONSUMER = 'scoring-facts';

/**
 * Applies the events that tell scoring about innovations and cycles. Each is idempotent (a processed-event record
 * in the same transaction) and order-safe: every part of the facts is guarded by the version its producer gave it,
 * so an older event arriving late changes nothing (`stale`). A concurrent change of the same facts (or of the totals
 * a withdrawal moves) is retried on fresh reads.
 */
async function applyToFacts(
  deps: Deps,
  eventId: string,
  innovationId: string,
  opdId: string,
  change: (facts: InnovationFacts) => InnovationFacts | undefined,
  also?: (write: ScoringWrite, next: InnovationFacts) => Promise<void>,
): Promise<Applied> {
  for (let attempt = 1; ; attempt += 1) {
    const current = await deps.reads.facts(innovationId);
    const base: InnovationFacts = current ?? {
      innovationId,
      opdId,
      name: '',
      registrationVersion: 0,
      profileVersion: 0,
      evidence: {},
      governmentAffairs: [],
      stage: 'drum-up',
      trackVersion: 0,
      withdrawn: false,
      version: 0,
    };
    const changed = change(base);
    const now = new Date(deps.now());
    const write = deps.write().processed(FACTS_CONSUMER, eventId, now);
    if (changed) {
      write.facts({ ...changed, version: base.version + 1 }, base.version);
      await also?.(write, changed);
    }
    try {
      await write.commit();
      return changed ? 'applied' : 'stale';
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error;
      if (error.failed(PROCESSED_ITEM)) return 'duplicate';
      if (attempt >= 5) throw error;
    }
  }
}

/** CycleOpened: the cycle is scored under the region's edition of the moment, fixed for the cycle's life. */
export async function applyCycleOpened(
  deps: Deps,
  event: EnvelopeOf<typeof CycleOpened>,
  editionId: string,
): Promise<Applied> {
  const { data, metadata } = event;
  const existing = await deps.reads.cycle(data.cycleId);
  const write = deps.write().processed(FACTS_CONSUMER, metadata.eventId, new Date(deps.now()));
  if (!existing) {
    write.cycle(
      {
        id: data.cycleId,
        name: data.name,
        year: data.year,
        editionId,
        openedAt: data.openedAt,
        readiness: {},
        version: 1,
      },
      0,
    );
  }
  try {
    await write.commit();
    return existing ? 'stale' : 'applied';
  } catch (error) {
    if (error instanceof TransactionCancelled && error.failed(PROCESSED_ITEM)) return 'duplicate';
    if (error instanceof TransactionCancelled && error.failed('cycle')) return 'stale';
    throw error;
  }
}

export function applyRegistered(deps: Deps, event: EnvelopeOf<typeof InnovationRegistered>): Promise<Applied> {
  const { data, metadata } = event;
  return applyToFacts(deps, metadata.eventId, data.innovationId, data.opdId, (facts) =>
    data.version <= facts.registrationVersion
      ? undefined
      : {
          ...facts,
          opdId: data.opdId,
          name: facts.profileVersion > data.version ? facts.name : data.name,
          cycleId: data.cycleId,
          registeredAt: data.registeredAt,
          registrationVersion: data.version,
        },
  );
}

export function applyReverted(deps: Deps, event: EnvelopeOf<typeof InnovationRegistrationReverted>): Promise<Applied> {
  const { data, metadata } = event;
  return applyToFacts(deps, metadata.eventId, data.innovationId, data.opdId, (facts) => {
    if (data.version <= facts.registrationVersion) return undefined;
    const { cycleId: _cycle, registeredAt: _at, ...rest } = facts;
    return { ...rest, registrationVersion: data.version };
  });
}

export function applyWithdrawn(deps: Deps, event: EnvelopeOf<typeof InnovationWithdrawn>): Promise<Applied> {
  const { data, metadata } = event;
  return applyToFacts(
    deps,
    metadata.eventId,
    data.innovationId,
    data.opdId,
    (facts) =>
      facts.withdrawn || data.version <= facts.registrationVersion
        ? undefined
        : // The registration version stays: a registration older than the withdrawal, arriving after it, still says
          // which cycle the innovation was in (as in order), and the innovation stays withdrawn whatever comes.
          { ...facts, withdrawn: true },
    (write, next) => uncountWithdrawn(deps, write, next),
  );
}

function evidenceByIndicator(
  evidence: ReadonlyArray<{ indicator: string; url: string; title?: string | undefined }>,
): Record<string, EvidenceLink[]> {
  const byIndicator: Record<string, EvidenceLink[]> = {};
  for (const link of evidence) {
    const links = byIndicator[link.indicator] ?? [];
    links.push({ url: link.url, ...(link.title ? { title: link.title } : {}) });
    byIndicator[link.indicator] = links;
  }
  return byIndicator;
}

export function applyProfile(
  deps: Deps,
  event: EnvelopeOf<typeof InnovationDrafted> | EnvelopeOf<typeof InnovationProfileUpdated>,
): Promise<Applied> {
  const { data, metadata } = event;
  return applyToFacts(deps, metadata.eventId, data.innovationId, data.opdId, (facts) =>
    data.version <= facts.profileVersion
      ? undefined
      : {
          ...facts,
          name: data.profile.name,
          evidence: evidenceByIndicator(data.profile.evidence ?? []),
          governmentAffairs: [...(data.profile.governmentAffairs ?? [])],
          profileVersion: data.version,
        },
  );
}

export function applyStageAdvanced(deps: Deps, event: EnvelopeOf<typeof StageAdvanced>): Promise<Applied> {
  const { data, metadata } = event;
  return applyToFacts(deps, metadata.eventId, data.innovationId, data.opdId, (facts) =>
    data.trackVersion <= facts.trackVersion ? undefined : { ...facts, stage: data.to, trackVersion: data.trackVersion },
  );
}
