import { describe, expect, it } from 'vitest';
import { type DirectoryUser, type OpdContact, recipientsOf } from './recipients';
import { audiencesOf } from './routing';

const users: DirectoryUser[] = [
  { sub: 'u-dinkes', username: 'opd.dinkes', roles: ['opd'], opdId: 'dinkes', email: 'a@x.id' },
  { sub: 'u-dinkes-2', username: 'opd.dinkes2', roles: ['opd'], opdId: 'dinkes' },
  { sub: 'u-capil', username: 'opd.capil', roles: ['opd'], opdId: 'disdukcapil' },
  { sub: 'u-koor', username: 'koordinator', roles: ['coordinator'], opdId: 'balitbang' },
  { sub: 'u-both', username: 'rangkap', roles: ['opd', 'coordinator'], opdId: 'dinkes' },
  { sub: 'u-penilai', username: 'penilai', roles: ['evaluator'] },
];
const opds: OpdContact[] = [
  { id: 'dinkes', name: 'Dinas Kesehatan', email: 'dinkes@resmi.example' },
  { id: 'disdukcapil', name: 'Disdukcapil' },
  { id: 'distan', name: 'Dinas Pertanian', email: 'distan@resmi.example' },
];
const who = (recipients: ReturnType<typeof recipientsOf>) =>
  recipients.map((recipient) => (recipient.kind === 'user' ? recipient.user.username : `@${recipient.opd.id}`));

describe('recipients of an event', () => {
  it('are the owner OPD users and its official address, then the coordinators, each told once', () => {
    const data = { opdId: 'dinkes', innovationId: 'i' };
    expect(who(recipientsOf(audiencesOf('InnovationRegistered', data), data, { users, opds }))).toEqual([
      'opd.dinkes',
      'opd.dinkes2',
      'rangkap',
      '@dinkes',
      'koordinator',
    ]);
  });

  it('reach an OPD whose staff never signed in through its official address', () => {
    const data = { cycleId: 'c', name: 'Program' };
    expect(who(recipientsOf(audiencesOf('CycleOpened', data), data, { users, opds }))).toEqual(
      expect.arrayContaining(['@distan', 'opd.capil', '@dinkes']),
    );
  });

  it('mark the coordinators told of an overdue stage as an escalation', () => {
    const data = { opdId: 'disdukcapil' };
    const recipients = recipientsOf(audiencesOf('StageOverdue', data), data, { users, opds });
    expect(
      recipients
        .filter((recipient) => recipient.kind === 'user' && recipient.escalation)
        .map((r) => (r.kind === 'user' ? r.user.username : '')),
    ).toEqual(['koordinator', 'rangkap']);
  });

  it('name only the evaluator assigned, and the OPDs a ranking lists', () => {
    const assigned = { opdId: 'dinkes', evaluator: { sub: 'u-penilai', username: 'penilai' } };
    expect(who(recipientsOf(audiencesOf('EvaluatorAssigned', assigned), assigned, { users, opds }))).toEqual([
      'penilai',
    ]);
    const ranking = { ranking: [{ opdId: 'disdukcapil' }], index: {} };
    expect(who(recipientsOf(audiencesOf('RankingPublished', ranking), ranking, { users, opds }))).toEqual([
      'opd.capil',
      'koordinator',
      'rangkap',
    ]);
  });
});
