/**
 * @inovda/dynamo: the service kit's store side. Clients, named-item transactions (`TransactWrite`), pages and
 * cursors, the transactional outbox and its publisher, processed-event records of idempotent consumers, and the
 * idempotency claims that make a create safe to retry.
 */
export * from './clients';
export * from './cursor';
export * from './idempotency';
export * from './outbox';
export * from './pages';
export * from './processed-events';
export * from './transaction';
