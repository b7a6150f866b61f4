import type { EnvelopeOf, InnovationLaunched, PublicInnovation } from '@inovda/contracts';
import type { Applied } from '@inovda/dynamo';
import { type Clock, type Page, Problem } from '@inovda/kernel';
import type { Showcased, ShowcaseStore } from '../store/showcase-store';

/** What recording a launch needs. */
export interface LaunchDeps extends Clock {
  readonly showcase: ShowcaseStore;
}

/** What the public reads need besides: the region's OPD names (they name each innovation's OPD). */
export interface ShowcaseDeps extends LaunchDeps {
  readonly opdNames: ReadonlyMap<string, string>;
}

/** The consumer name the showcase's processed-event records are kept under. */
const CONSUMER = 'showcase';

/** The workflow launched an innovation (it entered Display): from now on the public showcase shows it. */
export function recordLaunch(deps: LaunchDeps, envelope: EnvelopeOf<typeof InnovationLaunched>): Promise<Applied> {
  const { metadata, data } = envelope;
  return deps.showcase.launched(
    { innovationId: data.innovationId, opdId: data.opdId, launchedAt: data.launchedAt },
    { consumer: CONSUMER, eventId: metadata.eventId },
    deps.now(),
  );
}

/**
 * What the public may see of a launched innovation, picked field by field (never the profile minus some fields, so
 * a field added to the profile stays private until it is named here). A withdrawn innovation is not shown.
 */
export function publicView({ entry, innovation }: Showcased, opdNames: ReadonlyMap<string, string>) {
  if (innovation.status === 'withdrawn') return undefined;
  const view: PublicInnovation = {
    id: innovation.id,
    name: innovation.name,
    opdId: innovation.opdId,
    opdName: opdNames.get(innovation.opdId) ?? innovation.opdId,
    governmentAffairs: [...(innovation.governmentAffairs ?? [])],
    ...(innovation.goals ? { summary: innovation.goals } : {}),
    ...(innovation.results ? { results: innovation.results } : {}),
    launchedAt: entry.launchedAt,
  };
  return view;
}

/** One page of the showcase, newest launch first. */
export async function listShowcase(
  deps: ShowcaseDeps,
  query: { opdId?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<Page<PublicInnovation>> {
  const page = await deps.showcase.page(query.opdId, query.limit, query.cursor);
  return {
    items: page.items.flatMap((item) => publicView(item, deps.opdNames) ?? []),
    nextCursor: page.nextCursor,
  };
}

/** One launched innovation as the public sees it; anything else (a draft, a track short of Display) is a 404. */
export async function getShowcaseInnovation(deps: ShowcaseDeps, id: string): Promise<PublicInnovation> {
  const found = await deps.showcase.get(id);
  const view = found && publicView(found, deps.opdNames);
  if (!view) throw new Problem('not-found', { detail: 'Inovasi ini tidak ada di galeri publik.' });
  return view;
}
