import type { Applied } from '@inovda/dynamo';
import { TransactionCancelled } from '@inovda/dynamo';
import type { EmailSender } from '../email/ses-sender';
import type { Deps } from './context';

/** What sending needs besides: the mail provider. */
export interface SendDeps extends Deps {
  readonly sender: EmailSender;
}

/** How long a claim to send an e-mail holds: well beyond one SES call with the SDK's retries. */
const LEASE_MS = 60_000;

/** Another invocation holds the e-mail (claimed, not yet sent): this request is retried later, never dropped. */
export class EmailBeingSent extends Error {
  constructor(id: string) {
    super(`e-mail ${id} is being sent by another invocation`);
    this.name = 'EmailBeingSent';
  }
}

/**
 * Sends one recorded e-mail, once. The request can arrive more than once, even at the same moment (at-least-once
 * delivery; a message visible again while its first receiver still works), so the sender first claims the e-mail
 * (pending → sending, conditional on the version read, with a lease) and only the claimer sends; a request finding
 * it claimed fails and is retried, and finds it sent. SES failing (throttled, down) releases the claim and throws,
 * so the request's queue retries it without holding up the inbox or other mails. The one gap: a process dying
 * between SES accepting the mail and the mark sends it again after the lease (SES has no idempotency key).
 */
export async function sendEmail(deps: SendDeps, deliveryId: string): Promise<Applied> {
  const delivery = await deps.store.email(deliveryId);
  if (!delivery) throw new Error(`e-mail delivery ${deliveryId} is not recorded`);
  if (delivery.status === 'sent' || delivery.status === 'suppressed') return 'duplicate';
  const now = deps.now();
  if (delivery.status === 'sending' && delivery.leaseUntil && Date.parse(delivery.leaseUntil) > now.getTime()) {
    throw new EmailBeingSent(deliveryId);
  }
  const claimed = {
    ...delivery,
    status: 'sending' as const,
    leaseUntil: new Date(now.getTime() + LEASE_MS).toISOString(),
    version: delivery.version + 1,
  };
  try {
    await deps.store.saveEmail(claimed, delivery.version);
  } catch (error) {
    if (error instanceof TransactionCancelled) throw new EmailBeingSent(deliveryId);
    throw error;
  }
  let messageId: string;
  try {
    messageId = await deps.sender.send(delivery);
  } catch (error) {
    const { leaseUntil: _lease, ...released } = claimed;
    await deps.store.saveEmail({ ...released, status: 'pending', version: claimed.version + 1 }, claimed.version);
    throw error;
  }
  const { leaseUntil: _lease, ...sent } = claimed;
  await deps.store.saveEmail(
    { ...sent, status: 'sent', sentAt: deps.now().toISOString(), messageId, version: claimed.version + 1 },
    claimed.version,
  );
  return 'applied';
}
