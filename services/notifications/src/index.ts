export * from './domain/recipients';
export * from './domain/routing';
export * from './domain/templates';
export * from './domain/variables';
