import fs from 'node:fs';
import path from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import { buildApp } from '../../infra/lib/app';
import { consumerFixtureManifest } from './fixtures/consumer-service/manifest';
import { notifierFixtureManifest } from './fixtures/notifier-service/manifest';
import { SYNTH_TIMEOUT_MS, type SynthesizedApp, synthesize } from './synth';

/**
 * cdk-nag v3 is a CDK policy-validation plugin: at synthesis it reports unacknowledged findings (errors and
 * warnings alike) into `validation-report.json` of the cloud assembly, next to CDK's own template validation.
 */
const reportSchema = z.object({
  pluginReports: z.array(
    z.object({
      pluginName: z.string(),
      violations: z.array(
        z.object({
          ruleName: z.string(),
          severity: z.string().optional(),
          violatingConstructs: z.array(z.object({ constructPath: z.string() })),
        }),
      ),
    }),
  ),
});

/** Every finding of a synthesized app's validation report, as `severity rule at path` lines. */
function findingsOf(assemblyDirectory: string): string[] {
  const report = reportSchema.parse(
    JSON.parse(fs.readFileSync(path.join(assemblyDirectory, 'validation-report.json'), 'utf8')),
  );
  return report.pluginReports.flatMap((plugin) =>
    plugin.violations.flatMap((violation) =>
      violation.violatingConstructs.map(
        (construct) =>
          `${plugin.pluginName}: ${violation.severity} ${violation.ruleName} at ${construct.constructPath}`,
      ),
    ),
  );
}

/** Findings of both packs run directly on a stack (what the plugins do at synthesis, without CDK in between). */
function packFindings(stack: Stack): string[] {
  return [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap((pack) =>
    pack
      .validateScope(stack)
      .violations.flatMap((violation) =>
        violation.violatingResources.map(
          (resource) => `${violation.severity} ${violation.ruleName} at ${resource.constructPath}`,
        ),
      ),
  );
}

const acknowledgementData = z.record(z.string(), z.string());

/** Every acknowledgement (`Validations.of(x).acknowledge`) in a construct tree, with where it is attached. */
function acknowledgementsOf(root: IConstruct): Array<{ path: string; scope: IConstruct; id: string; reason: string }> {
  return root.node.findAll().flatMap((scope) =>
    scope.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(acknowledgementData.parse(entry.data)).map(([qualifiedId, reason]) => ({
          path: scope.node.path,
          scope,
          // CDK stores the id qualified with its plugin namespace.
          id: qualifiedId.replace(/^annotation::/i, ''),
          reason,
        })),
      ),
  );
}

const apps = [
  { name: 'the platform services', options: {} },
  { name: 'a fixture consumer service', options: { services: [consumerFixtureManifest] } },
  { name: 'a fixture service with every kind of grant', options: { services: [notifierFixtureManifest] } },
];

describe.each(apps)('cdk-nag on the app built from $name', ({ options }) => {
  let synthesized: SynthesizedApp;

  beforeAll(() => {
    synthesized = synthesize(options);
  }, SYNTH_TIMEOUT_MS);

  it('leaves no unacknowledged finding in the validation report (AwsSolutions, Serverless, CDK template checks)', () => {
    expect(findingsOf(synthesized.directory)).toEqual([]);
  });

  it('finds nothing unacknowledged when both packs check each stack directly, nested stacks included', () => {
    expect(synthesized.allStacks.length).toBeGreaterThan(synthesized.stacks.length);
    for (const stack of synthesized.allStacks) expect(packFindings(stack), stack.node.path).toEqual([]);
  });

  it('acknowledges only specific rules on specific resources, each with a real reason', () => {
    const acknowledgements = acknowledgementsOf(synthesized.app);
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const { path: where, scope, id, reason } of acknowledgements) {
      const label = `${id} at ${where}`;
      expect(id, label).toMatch(/^(AwsSolutions|Serverless)-[A-Za-z0-9]+(\[[^\]]+\])?$/);
      // No blanket acknowledgement of a rule for a whole stack or app.
      expect(Stack.isStack(scope) || App.isApp(scope), label).toBe(false);
      expect(reason.length, label).toBeGreaterThanOrEqual(80);
      expect(reason, label).not.toMatch(/\b(todo|tbd|fixme|suppress(ed)? for now)\b/i);
    }
  });
});

describe('cdk-nag in the app', () => {
  it(
    'reports a non-compliant resource at synthesis (both packs are registered by buildApp)',
    () => {
      const { app, stacks } = buildApp({
        services: [consumerFixtureManifest],
        builtinCloudFormationValidation: false,
        context: { '@aws-cdk/core:failSynthOnValidationErrors': false },
      });
      const [stack] = stacks;
      if (!stack) throw new Error('no stack');
      new Queue(stack, 'Unchecked');
      // And one in a service's nested stack: the packs must see into nested stacks too.
      const [service] = stack.services;
      if (!service) throw new Error('no service');
      new Queue(service.stack, 'UncheckedNested');
      const findings = findingsOf(app.synth().directory);
      for (const path of [
        `${stack.stackName}/Unchecked/Resource`,
        `${service.stack.node.path}/UncheckedNested/Resource`,
      ]) {
        expect(findings).toContain(`AwsSolutions: error AwsSolutions-SQS4 at ${path}`);
        expect(findings).toContain(`Serverless: error Serverless-SQSRedrivePolicy at ${path}`);
      }
    },
    SYNTH_TIMEOUT_MS,
  );
});
