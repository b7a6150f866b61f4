import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * One test run for the whole repository: unit tests beside the code, integration tests against one DynamoDB
 * Local started by the global setup, end-to-end tests over HTTP on the local runtime, conformance and CDK tests.
 */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    include: ['{packages,services,test,infra}/**/*.test.ts'],
    exclude: ['**/node_modules/**', 'cdk.out/**'],
    globalSetup: ['test/global-setup.ts'],
    // Generous: the machine is shared and has two cores; no test asserts on time, this only bounds a hang.
    testTimeout: 90_000,
    env: { INOVDA_LOG_LEVEL: 'SILENT' },
    hookTimeout: 120_000,
    // Two cores: keep parallelism modest so DynamoDB Local, workers and CDK synth don't starve each other.
    maxWorkers: 2,
  },
});
