import type { Audience } from './routing';

/** A user the service knows: from their sign-ins (the claims of their calls) or the region's user directory. */
export interface DirectoryUser {
  readonly sub: string;
  readonly username: string;
  readonly email?: string;
  readonly roles: readonly string[];
  readonly opdId?: string;
}

/** An OPD as the region config describes it, with its official address (told even if no one has signed in). */
export interface OpdContact {
  readonly id: string;
  readonly name: string;
  readonly email?: string;
}

/** Someone to tell: a user (every channel they chose), or an OPD's official address (e-mail only). */
export type Recipient =
  | { readonly kind: 'user'; readonly user: DirectoryUser; readonly opdId?: string; readonly escalation: boolean }
  | { readonly kind: 'opd-address'; readonly opd: OpdContact & { readonly email: string } };

type Data = Readonly<Record<string, unknown>>;

/** The OPDs an event concerns (its OPD audiences), each once: whose webhooks it goes to. */
export function concernedOpds(audiences: readonly Audience[], data: Data, opds: readonly OpdContact[]): string[] {
  return [...new Set(audiences.flatMap((audience) => opdsOf(audience, data, opds)))];
}

/** The OPDs an OPD audience means for this event. */
function opdsOf(audience: Audience, data: Data, opds: readonly OpdContact[]): string[] {
  switch (audience.kind) {
    case 'owner-opd':
      return typeof data.opdId === 'string' ? [data.opdId] : [];
    case 'every-opd':
      return opds.map((opd) => opd.id);
    case 'listed-opds': {
      const ranking = Array.isArray(data.ranking)
        ? (data.ranking as Array<{ opdId: string }>).map((row) => row.opdId)
        : [];
      const listed = Array.isArray(data.opdIds) ? (data.opdIds as string[]) : [];
      return [...ranking, ...listed];
    }
    default:
      return [];
  }
}

/**
 * Turns an event's audiences into recipients, each once: a user who is both in the owner OPD and a coordinator is
 * told once (as the first audience that names them), and an OPD's official address once per event. OPD users are
 * the users with the `opd` role in that OPD; the coordinators and the evaluator are found by role and `sub`.
 */
export function recipientsOf(
  audiences: readonly Audience[],
  data: Data,
  directory: { readonly users: readonly DirectoryUser[]; readonly opds: readonly OpdContact[] },
): Recipient[] {
  const told = new Set<string>();
  const recipients: Recipient[] = [];
  const tell = (key: string, recipient: Recipient) => {
    if (told.has(key)) return;
    told.add(key);
    recipients.push(recipient);
  };
  for (const audience of audiences) {
    if (audience.kind === 'coordinators') {
      for (const user of directory.users.filter((candidate) => candidate.roles.includes('coordinator'))) {
        tell(`user:${user.sub}`, { kind: 'user', user, escalation: audience.escalation === true });
      }
      continue;
    }
    if (audience.kind === 'evaluator') {
      const sub = (data.evaluator as { sub?: string } | undefined)?.sub;
      const user = directory.users.find((candidate) => candidate.sub === sub);
      if (user) tell(`user:${user.sub}`, { kind: 'user', user, escalation: false });
      continue;
    }
    for (const opdId of opdsOf(audience, data, directory.opds)) {
      for (const user of directory.users.filter(
        (candidate) => candidate.roles.includes('opd') && candidate.opdId === opdId,
      )) {
        tell(`user:${user.sub}`, { kind: 'user', user, opdId, escalation: false });
      }
      const opd = directory.opds.find((candidate) => candidate.id === opdId);
      if (opd?.email) tell(`opd:${opd.id}`, { kind: 'opd-address', opd: { ...opd, email: opd.email } });
    }
  }
  return recipients;
}
