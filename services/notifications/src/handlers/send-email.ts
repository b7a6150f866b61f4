import { NotificationEmailRequested } from '@inovda/contracts';
import { eventConsumer, regionIdFromEnv, regionSetting } from '@inovda/lambda-kit';
import * as z from 'zod/mini';
import { depsFromEnv } from '../deps';
import { SesSender } from '../email/ses-sender';
import { sendEmail } from '../use-cases/send-email';

const notificationsSetting = /* @__PURE__ */ (() => z.object({ senderEmail: z.string() }))();

// The configuration set the region stack creates for the region (infra/lib/region-email.ts: `inovda-<region>`).
const deps = {
  ...depsFromEnv(),
  sender: new SesSender(
    regionSetting('notifications', notificationsSetting).senderEmail,
    `inovda-${regionIdFromEnv()}`,
  ),
};

/** Sends the e-mails the notify consumer recorded, each from its own request, once. */
export const handler = eventConsumer([NotificationEmailRequested] as const, (event) =>
  sendEmail(deps, event.envelope.data.deliveryId),
);
