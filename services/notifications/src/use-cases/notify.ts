import { NotificationEmailRequested } from '@inovda/contracts';
import { eventContext, systemActor } from '@inovda/kernel';
import { presentUsers } from '../domain/directory';
import { emailParts } from '../domain/email-body';
import type { InboxEntry } from '../domain/model';
import { digestPeriod, periodEnd, withDefaults } from '../domain/preferences';
import { concernedOpds, type Recipient, recipientsOf } from '../domain/recipients';
import { audiencesOf, ROUTING, type RoutedEventType } from '../domain/routing';
import { render, TEMPLATES } from '../domain/templates';
import { type Names, variablesFor } from '../domain/variables';
import type { NotifyDeps } from './context';
import { deliverToInbox } from './inbox';
import { recordDeliveries, webhookPayload } from './webhook-delivery';

/** This service acting on its own, as recorded in its events. */
const SYSTEM = systemActor('notifications');

/** An event as the consumer hands it over: its type, metadata and data. */
export interface IncomingEvent {
  readonly type: RoutedEventType;
  readonly eventId: string;
  readonly correlationId: string;
  readonly occurredAt: string;
  readonly data: Readonly<Record<string, unknown>>;
}

/** What the rest of the run reports: who was told, on which channel (for logs and tests). */
export interface Told {
  readonly inbox: number;
  readonly emails: number;
  readonly webhooks: number;
}

/** The names an event's text shows: kept from events, else the event's own, else the id. */
async function namesFor(deps: NotifyDeps, data: Readonly<Record<string, unknown>>): Promise<Names> {
  const innovationId = typeof data.innovationId === 'string' ? data.innovationId : undefined;
  const cycleId = typeof data.cycleId === 'string' ? data.cycleId : undefined;
  const [innovation, cycle] = await Promise.all([
    innovationId ? deps.store.name('innovation', innovationId) : undefined,
    cycleId ? deps.store.name('cycle', cycleId) : undefined,
  ]);
  const eventName = typeof data.name === 'string' ? data.name : undefined;
  return {
    innovation: (id) => innovation?.name ?? eventName ?? id,
    cycle: (id) => cycle?.name ?? id,
    opd: (id) => deps.opds.find((opd) => opd.id === id)?.name ?? id,
  };
}

/** Where in the web app an event is about. */
function linkOf(data: Readonly<Record<string, unknown>>): string | undefined {
  if (typeof data.innovationId === 'string') return `/innovations/${data.innovationId}`;
  if (typeof data.cycleId === 'string') return `/cycles/${data.cycleId}`;
  return undefined;
}

function recipientOpd(recipient: Recipient): string | undefined {
  return recipient.kind === 'user' ? recipient.opdId : recipient.opd.id;
}

/**
 * Tells everyone an event concerns, on the channels they chose: an inbox entry per user (once: keyed by the event),
 * and an e-mail recorded per user or official address (once: keyed by event and recipient) whose sending is its own
 * function's work, so no channel waits for another. Re-running it for the same event adds nothing.
 */
export async function notify(deps: NotifyDeps, event: IncomingEvent): Promise<Told> {
  const route = ROUTING[event.type];
  const names = await namesFor(deps, event.data);
  const audiences = audiencesOf(event.type, event.data);
  const users = presentUsers(await deps.store.knownUsers());
  const recipients = recipientsOf(audiences, event.data, { users, opds: deps.opds });
  const link = linkOf(event.data);
  const url = link ? `${deps.appOrigin}${link}` : undefined;
  const now = deps.now();
  let inbox = 0;
  let emails = 0;
  for (const recipient of recipients) {
    const text = render(TEMPLATES[event.type], variablesFor(event.type, event.data, names, recipientOpd(recipient)));
    if (recipient.kind === 'opd-address') {
      const why = `Anda menerima surel ini sebagai alamat resmi ${recipient.opd.name} di inovda.`;
      if (await recordEmail(deps, event, `opd-${recipient.opd.id}`, recipient.opd.email, text, { url, why }, now)) {
        emails += 1;
      }
      continue;
    }
    const { user } = recipient;
    const preference = withDefaults(await deps.store.preferences(user.sub)).categories[route.category];
    if (preference.inbox === 'immediate') {
      const entry: InboxEntry = {
        sub: user.sub,
        eventId: event.eventId,
        eventType: event.type,
        category: route.category,
        subject: text.subject,
        body: text.body,
        ...(link ? { link } : {}),
        createdAt: event.occurredAt,
      };
      if (await deliverToInbox(deps, entry)) inbox += 1;
    }
    if ((preference.email === 'daily' || preference.email === 'weekly') && user.email) {
      // Collected for the user's digest of the period, which the digest schedule sends once it closes.
      const period = digestPeriod(preference.email, now);
      await deps.digests.collect(
        {
          sub: user.sub,
          period,
          eventId: event.eventId,
          subject: text.subject,
          body: text.body,
          ...(link ? { link } : {}),
          createdAt: event.occurredAt,
        },
        {
          sub: user.sub,
          email: user.email,
          period,
          closesAt: periodEnd(period).toISOString(),
          status: 'open',
          version: 1,
        },
      );
    }
    if (preference.email === 'immediate' && user.email) {
      const why = 'Anda menerima surel ini sesuai pengaturan notifikasi Anda di inovda.';
      if (await recordEmail(deps, event, user.sub, user.email, text, { url, why }, now)) emails += 1;
    }
  }
  let webhooks = 0;
  for (const opdId of concernedOpds(audiences, event.data, deps.opds)) {
    const message = render(TEMPLATES[event.type], variablesFor(event.type, event.data, names, opdId));
    const payload = webhookPayload({ type: event.type, occurredAt: event.occurredAt, data: event.data, message });
    webhooks += await recordDeliveries(deps, event, opdId, payload);
  }
  return { inbox, emails, webhooks };
}

/** Records one e-mail to send (and its request), once per `eventId` and recipient: `false` when recorded already. */
export async function recordEmail(
  deps: NotifyDeps,
  event: { readonly eventId: string; readonly type: string; readonly correlationId: string },
  recipientKey: string,
  to: string,
  text: { subject: string; body: string },
  extra: { url: string | undefined; why: string },
  now: Date,
): Promise<boolean> {
  const id = `${event.eventId}.${recipientKey}`;
  const parts = emailParts({ body: text.body, why: extra.why, ...(extra.url ? { url: extra.url } : {}) });
  const requested = NotificationEmailRequested.create(
    { deliveryId: id, eventType: event.type },
    eventContext(deps.regionId, { actor: SYSTEM, correlationId: event.correlationId }, now),
  );
  return deps.store.addEmail(
    {
      id,
      eventId: event.eventId,
      eventType: event.type,
      to,
      subject: text.subject,
      text: parts.text,
      html: parts.html,
      status: 'pending',
      createdAt: now.toISOString(),
      version: 1,
    },
    [requested],
    now,
  );
}
