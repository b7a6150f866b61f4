export * from './define-event';
export * from './envelope';
export * from './innovation-profile';
export * from './submissions-events';
