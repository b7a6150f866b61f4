export { notificationsRoutes as routes } from '@inovda/contracts';
