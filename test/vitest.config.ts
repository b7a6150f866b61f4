import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Run on their own after the rest: see `projects` below. */
const ALONE = ['test/e2e/chaos.e2e.test.ts'];
/** The browser tests: Chromium and the whole platform each, one file at a time after the suite (see below). */
const BROWSER = ['test/web/**/*.web.test.ts'];

/**
 * One test run for the whole repository: unit tests beside the code, integration tests against one DynamoDB
 * Local started by the global setup, end-to-end tests over HTTP on the local runtime, conformance and CDK tests.
 */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    exclude: ['**/node_modules/**', 'cdk.out/**'],
    globalSetup: ['test/global-setup.ts'],
    // Generous: the machine is shared and has two cores; no test asserts on time, this only bounds a hang.
    testTimeout: 90_000,
    env: { INOVDA_LOG_LEVEL: 'SILENT' },
    hookTimeout: 120_000,
    // Two cores: keep parallelism modest so DynamoDB Local, workers and CDK synth don't starve each other.
    maxWorkers: 2,
    // The chaos run drives the whole platform with traffic and faults: beside other files it starves them (and
    // they it) on two cores, so it runs after them, alone; the browser tests run between, one file at a time. Same
    // tests, same assertions, only the order differs.
    projects: [
      {
        extends: true,
        test: {
          name: 'suite',
          include: ['{packages,services,test,infra}/**/*.test.ts'],
          exclude: ['**/node_modules/**', 'cdk.out/**', ...ALONE, ...BROWSER],
          sequence: { groupOrder: 0 },
        },
      },
      // Each browser test drives Chromium (4x a page's work on two cores) against a whole platform of its own: two
      // at once, beside the suite, starved the functions past API Gateway's 30 s integration timeout. One at a time.
      { extends: true, test: { name: 'browser', include: BROWSER, maxWorkers: 1, sequence: { groupOrder: 1 } } },
      { extends: true, test: { name: 'alone', include: ALONE, sequence: { groupOrder: 2 } } },
    ],
  },
});
