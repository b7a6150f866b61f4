/**
 * The HTTP routes of the workflow service are its API contracts (@inovda/contracts): handlers import their own
 * route (to enforce its roles), the manifest imports them all (to wire API Gateway), and the OpenAPI document and
 * browsers read the same objects, so each route is defined once. Finer rules (an OPD acts only on its own
 * innovations) are domain rules, in domain/access.ts.
 */
export { workflowApi as routes } from '@inovda/contracts';
