import { TransactionCancelled } from '@inovda/dynamo';
import { digestText } from '../domain/digest-body';
import type { NotifyDeps } from './context';
import { recordEmail } from './notify';

/** Digest periods sent per run at most; the rest wait for the next run. */
const PER_RUN = 200;

/**
 * The digest schedule's run: every period that has closed and is not sent yet becomes one e-mail, recorded under an
 * id made of the user and the period (so a repeated or overlapping run records nothing twice), then the period is
 * marked sent. A missed run loses nothing: closed periods wait in the index for the next one.
 */
export async function sendClosedDigests(deps: NotifyDeps): Promise<{ sent: number }> {
  const now = deps.now();
  let sent = 0;
  for (const period of await deps.digests.closed(now, PER_RUN)) {
    const entries = await deps.digests.entries(period.sub, period.period);
    if (entries.length > 0) {
      const text = digestText(period.period, entries, deps.appOrigin);
      const recorded = await recordEmail(
        deps,
        {
          type: 'Digest',
          eventId: `digest.${period.period}`,
          correlationId: `digest-${period.period}`,
        },
        period.sub,
        period.email,
        text,
        {
          url: `${deps.appOrigin}/notifications`,
          why: 'Anda menerima ringkasan ini sesuai pengaturan notifikasi Anda di inovda.',
        },
        now,
      );
      if (recorded) sent += 1;
    }
    try {
      await deps.digests.markSent(period);
    } catch (error) {
      if (!(error instanceof TransactionCancelled)) throw error; // another run marked it
    }
  }
  return { sent };
}
