export * from './clients';
export * from './config';
export * from './cursor';
export * from './outbox';
export * from './processed-events';
