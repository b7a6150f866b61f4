/** The service kit's test side: a fresh table per test file, and handlers loaded from the manifest as deployed. */
export * from './harness';
export * from './test-table';
export * from './transaction-conflicts';
