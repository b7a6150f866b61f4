/**
 * @inovda/kernel: what every service's domain and use cases build on, with no middy and no AWS SDK, so domain
 * modules import only this and the contracts.
 */
export * from './actors';
export * from './clock';
export * from './env';
export * from './identity';
export * from './ids';
export * from './impartiality';
export * from './page';
export * from './problems';
export * from './request-params';
export * from './validation';
export * from './versions';
