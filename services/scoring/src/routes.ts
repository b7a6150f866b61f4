/**
 * The HTTP routes of the scoring service (method, path, roles) from its API contracts (@inovda/contracts): handlers
 * import their own route, the manifest imports them all, and `scoringApi` adds the schemas to these very objects.
 */
export * from '@inovda/contracts/routes/scoring';
