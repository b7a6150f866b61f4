import { ROLES } from '../roles';

/** An OPD's own users (the service checks the OPD) and admins. */
const OPD_SIDE = ['opd', 'admin'] as const;

/**
 * The notifications routes as the Lambda side needs them (see workflow/paths.ts). Finer rules: a user reads and
 * marks only their own inbox and preferences; an OPD's webhook endpoints and their delivery logs are its own users'
 * and admins', never another OPD's (a coordinator's OPD included: the route is the OPD's, not the programme's).
 */
export const notificationsRoutes = {
  listNotifications: { method: 'GET', path: '/notifications', roles: ROLES },
  markRead: { method: 'POST', path: '/notifications/{id}/read', roles: ROLES },
  markAllRead: { method: 'POST', path: '/notifications/read-all', roles: ROLES },
  getPreferences: { method: 'GET', path: '/notification-preferences', roles: ROLES },
  setPreferences: { method: 'PUT', path: '/notification-preferences', roles: ROLES },
  listWebhooks: { method: 'GET', path: '/opds/{opdId}/webhooks', roles: OPD_SIDE },
  createWebhook: { method: 'POST', path: '/opds/{opdId}/webhooks', roles: OPD_SIDE },
  getWebhook: { method: 'GET', path: '/opds/{opdId}/webhooks/{webhookId}', roles: OPD_SIDE },
  updateWebhook: { method: 'PATCH', path: '/opds/{opdId}/webhooks/{webhookId}', roles: OPD_SIDE },
  deleteWebhook: { method: 'DELETE', path: '/opds/{opdId}/webhooks/{webhookId}', roles: OPD_SIDE },
  rotateWebhookSecret: {
    method: 'POST',
    path: '/opds/{opdId}/webhooks/{webhookId}/secret/rotate',
    roles: OPD_SIDE,
  },
  listDeliveries: { method: 'GET', path: '/opds/{opdId}/webhooks/{webhookId}/deliveries', roles: OPD_SIDE },
  replayDelivery: {
    method: 'POST',
    path: '/opds/{opdId}/webhooks/{webhookId}/deliveries/{deliveryId}/replay',
    roles: OPD_SIDE,
  },
} as const;
