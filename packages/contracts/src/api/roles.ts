/**
 * Roles come from Cognito groups; every rule about who may do what is written in these four words. They live in
 * the contracts (not the kernel) because every route contract names the roles it allows, and a browser bundle
 * imports the route contracts; the kernel re-exports them.
 */
export const ROLES = ['opd', 'coordinator', 'evaluator', 'admin'] as const;
export type Role = (typeof ROLES)[number];
