export * from './caller';
export * from './event-handler';
export * from './form-body';
export * from './http-handler';
export * from './logger';
export * from './problem';
export * from './validation';
