export * from './api';
export * from './define-event';
export * from './envelope';
export * from './innovation-profile';
export * from './rubric-edition';
export * from './stages';
export * from './submissions-events';
export * from './workflow-events';
