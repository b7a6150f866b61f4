/**
 * The HTTP routes of the submissions service (method, path, roles) from its API contracts (@inovda/contracts):
 * handlers import their own route (to enforce its roles), the manifest imports them all (to wire API Gateway), and
 * the contracts (`submissionsApi`: schemas, the OpenAPI document) are built on these very objects, so each route is
 * defined once and a handler bundles no other route's schemas.
 */
export * from '@inovda/contracts/routes/submissions';
