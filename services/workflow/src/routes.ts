/**
 * The HTTP routes of the workflow service (method, path, roles) from its API contracts (@inovda/contracts): handlers
 * import their own route (to enforce its roles), the manifest imports them all (to wire API Gateway), and the
 * contracts (`workflowApi`: schemas, the OpenAPI document) are built on these very objects, so each route is defined
 * once. Finer rules (an OPD acts only on its own innovations) are domain rules, in domain/access.ts.
 */
export * from '@inovda/contracts/routes/workflow';
