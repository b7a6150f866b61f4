/**
 * @inovda/dynamo: the service kit's store side. Clients, named-item transactions (`TransactWrite`), pages and
 * cursors, the transactional outbox and its publisher, processed-event records of idempotent consumers.
 */
export * from './clients';
export * from './cursor';
export * from './outbox';
export * from './pages';
export * from './processed-events';
export * from './transaction';
