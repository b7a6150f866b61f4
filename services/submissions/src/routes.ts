/**
 * The HTTP routes of the submissions service are its API contracts (@inovda/contracts): handlers import their own
 * route (to enforce its roles), the manifest imports them all (to wire API Gateway), and the OpenAPI document and
 * browsers read the same objects, so each route is defined once.
 */
export { submissionsApi as routes } from '@inovda/contracts';
