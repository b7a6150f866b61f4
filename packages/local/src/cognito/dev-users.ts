import { createHash } from 'node:crypto';
import type { Role } from '@inovda/kernel';
import type { LocalRegion } from '../local-region';

/** A seeded local identity, standing in for a Cognito user. */
export interface DevUser {
  readonly username: string;
  /** Display name (Indonesian, like the real users). */
  readonly name: string;
  readonly email: string;
  /** Cognito groups. */
  readonly roles: readonly Role[];
  /** The user's OPD (`custom:opdId`), for OPD users and the coordinator. */
  readonly opdId?: string;
  /** Stable across restarts, so data created by a user stays theirs. */
  readonly sub: string;
}

/** OPDs that get a dev user when the region has them (the ones the demo data uses). */
const PREFERRED_OPDS = ['dinkes', 'disdukcapil', 'dpmptsp', 'distan'];
const OPD_USER_COUNT = 4;
const OPD_USER_NAMES = ['Rina Marlina', 'Ahmad Fauzi', 'Dewi Kartika Sari', 'Hendra Gunawan', 'Sri Wahyuni'];

/** A UUID derived from the region and username (name-based, so the same user keeps the same `sub`). */
function stableSub(regionId: string, username: string): string {
  const hex = createHash('sha256').update(`inovda-local:${regionId}:${username}`).digest('hex');
  const variant = ((Number.parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The dev users of a region: at least one per role, OPD users spread over several OPDs (`opd.<opdId>`), plus
 * `koordinator` (coordinator, in the coordinating OPD), `penilai` (evaluator) and `admin`.
 */
export function devUsersFor(region: LocalRegion): DevUser[] {
  const regular = region.opds.filter((opd) => !opd.coordinator);
  const preferred = PREFERRED_OPDS.flatMap((id) => regular.filter((opd) => opd.id === id));
  const others = regular.filter((opd) => !PREFERRED_OPDS.includes(opd.id));
  const opdUsers = [...preferred, ...others].slice(0, OPD_USER_COUNT);
  const coordinatorOpd = region.opds.find((opd) => opd.coordinator);
  const user = (username: string, name: string, roles: Role[], opdId?: string): DevUser => ({
    username,
    name,
    email: `${username}@${region.id}.inovda.local`,
    roles,
    ...(opdId ? { opdId } : {}),
    sub: stableSub(region.id, username),
  });
  return [
    ...opdUsers.map((opd, index) =>
      user(`opd.${opd.id}`, OPD_USER_NAMES[index % OPD_USER_NAMES.length] ?? opd.name, ['opd'], opd.id),
    ),
    user('koordinator', 'Budi Santoso', ['coordinator'], coordinatorOpd?.id),
    user('penilai', 'Nur Aisyah', ['evaluator']),
    user('admin', 'Andi Pratama', ['admin']),
  ];
}
