import { ROLES } from '../roles';

/** An OPD's own users (the service checks the OPD) and admins. */
const OPD_SIDE = ['opd', 'admin'] as const;

/**
 * The notifications routes as the Lambda side needs them (see workflow/paths.ts). Finer rules: a user reads and
 * marks only their own inbox and preferences; an OPD's webhook endpoints and their delivery logs are its own users'
 * and admins', never another OPD's (a coordinator's OPD included: the route is the OPD's, not the programme's).
 */
export const listNotifications = { method: 'GET', path: '/notifications', roles: ROLES } as const;
export const markRead = { method: 'POST', path: '/notifications/{id}/read', roles: ROLES } as const;
export const markAllRead = { method: 'POST', path: '/notifications/read-all', roles: ROLES } as const;
export const getPreferences = { method: 'GET', path: '/notification-preferences', roles: ROLES } as const;
export const setPreferences = { method: 'PUT', path: '/notification-preferences', roles: ROLES } as const;
export const listWebhooks = { method: 'GET', path: '/opds/{opdId}/webhooks', roles: OPD_SIDE } as const;
export const createWebhook = { method: 'POST', path: '/opds/{opdId}/webhooks', roles: OPD_SIDE } as const;
export const getWebhook = { method: 'GET', path: '/opds/{opdId}/webhooks/{webhookId}', roles: OPD_SIDE } as const;
export const updateWebhook = { method: 'PATCH', path: '/opds/{opdId}/webhooks/{webhookId}', roles: OPD_SIDE } as const;
export const deleteWebhook = { method: 'DELETE', path: '/opds/{opdId}/webhooks/{webhookId}', roles: OPD_SIDE } as const;
export const rotateWebhookSecret = {
  method: 'POST',
  path: '/opds/{opdId}/webhooks/{webhookId}/secret/rotate',
  roles: OPD_SIDE,
} as const;
export const listDeliveries = {
  method: 'GET',
  path: '/opds/{opdId}/webhooks/{webhookId}/deliveries',
  roles: OPD_SIDE,
} as const;
export const replayDelivery = {
  method: 'POST',
  path: '/opds/{opdId}/webhooks/{webhookId}/deliveries/{deliveryId}/replay',
  roles: OPD_SIDE,
} as const;

/** All of them, for the manifest and the API document; a handler imports its own, so its bundle holds no other route. */
export const notificationsRoutes = {
  listNotifications,
  markRead,
  markAllRead,
  getPreferences,
  setPreferences,
  listWebhooks,
  createWebhook,
  getWebhook,
  updateWebhook,
  deleteWebhook,
  rotateWebhookSecret,
  listDeliveries,
  replayDelivery,
} as const;
