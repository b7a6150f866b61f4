/**
 * @inovda/lambda-kit: the service kit's Lambda side. HTTP handlers (one route each, the acting identity from the
 * route), a dispatcher for functions serving several routes, wrappers for event consumers and scheduled functions,
 * responses, region settings, logging. Domain rules live in @inovda/kernel, storage in @inovda/dynamo.
 */
export * from './caller-claims';
export * from './dispatch';
export * from './event-consumer';
export * from './form-body';
export * from './http-handler';
export * from './logger';
export * from './region-settings';
export * from './responses';
export * from './scheduled-handler';
