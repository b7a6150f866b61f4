import { type EnvelopeOf, InnovationRegistrationReverted, type RegistrationRefused } from '@inovda/contracts';
import type { Applied } from '@inovda/dynamo';
import { eventContext, systemActor } from '@inovda/kernel';
import type { Innovation } from '../domain/innovation';
import { nextStatus } from '../domain/lifecycle';
import type { Deps } from './context';

/** This service acting on an event of another (recorded in the history and the event it publishes). */
const SYSTEM = systemActor('submissions');

/** Why the registration was taken back, as the OPD reads it in the innovation's history. */
const REASON_NOTES: Record<EnvelopeOf<typeof RegistrationRefused>['data']['reason'], string> = {
  'cycle-closed': 'Pendaftaran dibatalkan: siklus program inovasi sudah ditutup sebelum pendaftaran diterima.',
};

/**
 * The workflow refused a registration (RegistrationRefused: its cycle had closed before the registration reached
 * it). The innovation goes back to a draft in no cycle, if it is still that registration: registered, into that
 * cycle, at the version the registration made or after it. Anything else (withdrawn since, registered again, a
 * redelivery that already reverted it) changes nothing: `stale`. The save is conditional on the version read, so a
 * concurrent change wins or the event is retried on a fresh read.
 */
export async function revertRefusedRegistration(
  deps: Deps,
  envelope: EnvelopeOf<typeof RegistrationRefused>,
): Promise<Applied> {
  const { data, metadata } = envelope;
  const current = await deps.store.get(data.innovationId);
  if (current?.status !== 'registered' || current.cycleId !== data.cycleId) return 'stale';
  if (current.version < data.innovationVersion) return 'stale';
  const now = deps.now();
  const at = now.toISOString();
  const version = current.version + 1;
  const { cycleId: _cycle, registeredAt: _registered, ...rest } = current;
  const next: Innovation = { ...rest, version, status: nextStatus('revert-registration'), updatedAt: at };
  const event = InnovationRegistrationReverted.create(
    {
      innovationId: current.id,
      opdId: current.opdId,
      version,
      cycleId: data.cycleId,
      reason: data.reason,
      revertedAt: at,
    },
    eventContext(deps.regionId, { actor: SYSTEM, correlationId: metadata.correlationId }, now),
  );
  await deps.store.save(
    next,
    current.version,
    {
      version,
      action: 'registration-refused',
      at,
      actor: SYSTEM,
      changedFields: ['status', 'cycleId'],
      note: REASON_NOTES[data.reason],
    },
    event,
  );
  return 'applied';
}
