/**
 * The public API: every route's contract (method, path, roles, request and response schemas) and the OpenAPI
 * document made from them. zod/mini and plain data only, so a browser bundle imports it without service code.
 */
export * from './actor-ref';
export * from './common';
export * from './notifications/paths';
export * from './notifications/routes';
export * from './notifications/schemas';
export * from './openapi';
export * from './problem';
export * from './roles';
export * from './route';
export * from './scoring/inputs';
export * from './scoring/paths';
export * from './scoring/routes';
export * from './scoring/views';
export * from './submissions/innovation';
export * from './submissions/innovation-input';
export * from './submissions/paths';
export * from './submissions/requests';
export * from './submissions/routes';
export * from './submissions/showcase';
export * from './whole-number';
export * from './workflow/board';
export * from './workflow/cycle';
export * from './workflow/cycle-input';
export * from './workflow/monev';
export * from './workflow/monev-input';
export * from './workflow/paths';
export * from './workflow/requests';
export * from './workflow/routes';
export * from './workflow/stage-windows';
export * from './workflow/track';
export * from './workflow/track-input';
