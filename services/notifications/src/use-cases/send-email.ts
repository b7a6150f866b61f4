import type { Applied } from '@inovda/dynamo';
import { TransactionCancelled } from '@inovda/dynamo';
import type { EmailSender } from '../email/ses-sender';
import type { Deps } from './context';

/** What sending needs besides: the mail provider. */
export interface SendDeps extends Deps {
  readonly sender: EmailSender;
}

/**
 * Sends one recorded e-mail, once: a delivery already sent is a duplicate request (at-least-once delivery of the
 * request), and a send is marked only if the delivery is still as read. A provider failure (SES throttled, down)
 * throws, so the request's queue retries it for a day without holding up the inbox or other mails. If the process
 * dies between SES accepting the mail and the mark, the retry sends it again: SES has no idempotency key, so this
 * is the one place where a recipient may, rarely, get a mail twice.
 */
export async function sendEmail(deps: SendDeps, deliveryId: string): Promise<Applied> {
  const delivery = await deps.store.email(deliveryId);
  if (!delivery) throw new Error(`e-mail delivery ${deliveryId} is not recorded`);
  if (delivery.status !== 'pending') return 'duplicate';
  const messageId = await deps.sender.send(delivery);
  try {
    await deps.store.saveEmail(
      { ...delivery, status: 'sent', sentAt: deps.now().toISOString(), messageId, version: delivery.version + 1 },
      delivery.version,
    );
  } catch (error) {
    if (error instanceof TransactionCancelled) return 'duplicate';
    throw error;
  }
  return 'applied';
}
