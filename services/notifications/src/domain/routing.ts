import { NOTIFICATION_CATEGORIES } from '@inovda/contracts';

/**
 * Who is told what: the routing table, as data and in one place. Each event type names its category (what a user
 * chooses channels and digests for) and its audiences; the service turns audiences into recipients (the users of
 * an OPD or a role, and an OPD's official address) when the event arrives.
 */

/** What a user sets preferences for: one word per kind of news (the API's list, so one place). */
export const CATEGORIES = NOTIFICATION_CATEGORIES;
export type Category = (typeof CATEGORIES)[number];

/** Indonesian names of the categories, as the preferences form shows them. */
export const CATEGORY_NAMES: Readonly<Record<Category, string>> = {
  programme: 'Siklus program inovasi',
  registration: 'Pendaftaran inovasi',
  stage: 'Tahapan 5D',
  deadline: 'Tenggat dan monev',
  evaluation: 'Penugasan penilaian',
  results: 'Nilai dan peringkat',
  integration: 'Integrasi sistem OPD (webhook)',
};

/**
 * Who an event is for:
 * - `owner-opd`: the OPD owning the innovation (`data.opdId`), its users and its official address;
 * - `every-opd`: every OPD of the region (e.g. a cycle opened: each is asked for its pledge);
 * - `listed-opds`: the OPDs an event lists (a ranking's rows, a shortlist), each told about itself;
 * - `coordinators`: the users with the coordinator role;
 * - `evaluator`: the one evaluator the event names (`data.evaluator.sub`).
 * `escalation` marks an audience told because the first one has not acted (an overdue stage).
 */
export type Audience =
  | { readonly kind: 'owner-opd' }
  | { readonly kind: 'every-opd' }
  | { readonly kind: 'listed-opds' }
  | { readonly kind: 'coordinators'; readonly escalation?: boolean }
  | { readonly kind: 'evaluator' };

/** How one event type is routed. */
export interface Route {
  readonly category: Category;
  readonly audiences: readonly Audience[];
  /**
   * Only when this holds of the event's data. An innovation's score reaches its OPD only once results are public:
   * the first InnovationScored (before publication) goes to the coordinators alone, a correction after publication
   * (`data.correction`) to the OPD too.
   */
  readonly ownerOnlyWhen?: 'corrected';
}

const OWNER = { kind: 'owner-opd' } as const;
const COORDINATORS = { kind: 'coordinators' } as const;

/** The routing table: every event type the service tells anyone about. */
export const ROUTING = {
  CycleOpened: { category: 'programme', audiences: [{ kind: 'every-opd' }] },
  InnovationRegistered: { category: 'registration', audiences: [OWNER, COORDINATORS] },
  RegistrationRefused: { category: 'registration', audiences: [OWNER] },
  StageAdvanceRequested: { category: 'stage', audiences: [COORDINATORS] },
  StageAdvanced: { category: 'stage', audiences: [OWNER] },
  StageReturned: { category: 'stage', audiences: [OWNER] },
  TrackHeld: { category: 'stage', audiences: [OWNER] },
  TrackResumed: { category: 'stage', audiences: [OWNER] },
  InnovationLaunched: { category: 'stage', audiences: [OWNER, COORDINATORS] },
  StageOverdue: { category: 'deadline', audiences: [OWNER, { kind: 'coordinators', escalation: true }] },
  MonevDue: { category: 'deadline', audiences: [OWNER] },
  EvaluatorAssigned: { category: 'evaluation', audiences: [{ kind: 'evaluator' }] },
  InnovationScored: { category: 'results', audiences: [OWNER, COORDINATORS], ownerOnlyWhen: 'corrected' },
  RankingPublished: { category: 'results', audiences: [{ kind: 'listed-opds' }, COORDINATORS] },
  IncentiveShortlisted: { category: 'results', audiences: [{ kind: 'listed-opds' }, COORDINATORS] },
  WebhookEndpointDisabled: { category: 'integration', audiences: [OWNER] },
} as const satisfies Readonly<Record<string, Route>>;

export type RoutedEventType = keyof typeof ROUTING;

/** Whether an event type is routed to anyone. */
export function isRouted(eventType: string): eventType is RoutedEventType {
  return Object.hasOwn(ROUTING, eventType);
}

/** The audiences an event reaches, given its data (see {@link Route.ownerOnlyWhen}). */
export function audiencesOf(eventType: RoutedEventType, data: Readonly<Record<string, unknown>>): readonly Audience[] {
  const route: Route = ROUTING[eventType];
  if (route.ownerOnlyWhen === 'corrected' && data.correction === undefined) {
    return route.audiences.filter((audience) => audience.kind !== 'owner-opd');
  }
  return route.audiences;
}
