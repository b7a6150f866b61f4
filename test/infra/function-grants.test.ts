import type { FunctionGrant, FunctionSpec } from '@inovda/manifest';
import { ENV } from '@inovda/manifest';
import type { Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { SECRETS_MANAGE_ACTIONS, SECRETS_READ_ACTIONS } from '../../infra/lib/function-grants';
import type { RegionStack } from '../../infra/lib/region-stack';
import { regions } from '../../infra/regions';
import { notifierFixtureManifest } from './fixtures/notifier-service/manifest';
import {
  asArray,
  isRecord,
  logicalIdOf,
  ref,
  resourcesOf,
  type Statement,
  SYNTH_TIMEOUT_MS,
  type SynthesizedApp,
  statementsOfRole,
  synthesize,
  templateOf,
} from './synth';

/**
 * Grants as data become least-privilege IAM: the fixture service holds one grant of each kind (cdk-nag checks the
 * same app in cdk-nag.test.ts). Expected ARNs are written out here, not computed with the code under test.
 */

/** Actions IAM offers no resource-level permission for, the only ones allowed on `Resource: *`. */
const STAR_ONLY_ACTIONS = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'dynamodb:ListStreams'];

/**
 * `arn:${Partition}:<service>:<region>:${AccountId}:<rest>` as CDK renders `Stack.formatArn` in a stack pinned to
 * its AWS region (the account comes from the CLI at deploy time); `rest` may end in a reference.
 */
function arn(awsRegion: string, service: string, ...rest: unknown[]): unknown {
  return {
    'Fn::Join': ['', ['arn:', ref('AWS::Partition'), `:${service}:${awsRegion}:`, ref('AWS::AccountId'), ...rest]],
  };
}

function grantedActions(statements: readonly Statement[], prefix: string): Statement[] {
  return statements.filter((statement) => statement.actions.some((action) => action.startsWith(prefix)));
}

function grantsOf(spec: FunctionSpec): readonly FunctionGrant[] {
  return spec.grants ?? [];
}

describe('function grants in the region stacks', () => {
  let synthesized: SynthesizedApp;

  beforeAll(() => {
    synthesized = synthesize({ services: [notifierFixtureManifest], builtinCloudFormationValidation: false });
  }, SYNTH_TIMEOUT_MS);

  describe.each(regions)('stack of $id', (config) => {
    let stack: RegionStack;
    let template: Template;

    beforeAll(() => {
      const found = synthesized.stacks.find((candidate) => candidate.config.id === config.id);
      if (!found) throw new Error(`no stack for ${config.id}`);
      stack = found;
      template = templateOf(synthesized, found);
    });

    function statementsOf(name: string): Statement[] {
      const fn = stack.services
        .flatMap((service) => service.functions)
        .find((candidate) => candidate.spec.name === name);
      if (!fn) throw new Error(`no function ${name}`);
      return statementsOfRole(template, logicalIdOf(stack, fn.role));
    }

    it('creates the region configuration set and the sender identity (retained), since a function sends e-mail', () => {
      template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
      template.hasResourceProperties('AWS::SES::ConfigurationSet', { Name: `inovda-${config.id}` });
      template.resourceCountIs('AWS::SES::EmailIdentity', 1);
      template.hasResource('AWS::SES::EmailIdentity', {
        Properties: { EmailIdentity: config.notifications.senderEmail },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      });
    });

    it('lets send-email send only from the configured sender, through its identity and the configuration set', () => {
      const [domain] = config.notifications.senderEmail.split('@').slice(1);
      const configurationSetId = resourcesOf(template, 'AWS::SES::ConfigurationSet').map(([id]) => id)[0] ?? '';
      expect(grantedActions(statementsOf('send-reminders'), 'ses:')).toEqual([
        {
          actions: ['ses:SendEmail'],
          resources: [
            arn(config.aws.region, 'ses', `:identity/${domain}`),
            arn(config.aws.region, 'ses', `:identity/${config.notifications.senderEmail}`),
            arn(config.aws.region, 'ses', ':configuration-set/', ref(configurationSetId)),
          ],
          effect: 'Allow',
          condition: { StringEquals: { 'ses:FromAddress': config.notifications.senderEmail } },
        },
      ]);
    });

    it.each([
      ['deliver-webhook', SECRETS_READ_ACTIONS, ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret']],
      [
        'rotate-webhook-secrets',
        SECRETS_MANAGE_ACTIONS,
        [
          'secretsmanager:GetSecretValue',
          'secretsmanager:DescribeSecret',
          'secretsmanager:CreateSecret',
          'secretsmanager:PutSecretValue',
          'secretsmanager:UpdateSecretVersionStage',
          'secretsmanager:DeleteSecret',
          'secretsmanager:TagResource',
        ],
      ],
    ] as const)('scopes the secrets of %s to its service and prefix', (name, exported, expectedActions) => {
      expect([...exported]).toEqual(expectedActions);
      expect(grantedActions(statementsOf(name), 'secretsmanager:')).toEqual([
        {
          actions: expectedActions,
          resources: [
            arn(config.aws.region, 'secretsmanager', `:secret:inovda/${config.id}/fixture-notifier/webhooks/*`),
          ],
          effect: 'Allow',
          condition: undefined,
        },
      ]);
    });

    it("lets user-directory list the region pool's groups, and gives the pool id to that function only", () => {
      const pool = resourcesOf(template, 'AWS::Cognito::UserPool').map(([id]) => id);
      expect(pool).toHaveLength(1);
      const [poolId] = pool;
      expect(grantedActions(statementsOf('sync-directory'), 'cognito-idp:')).toEqual([
        {
          actions: ['cognito-idp:ListUsersInGroup'],
          resources: [{ 'Fn::GetAtt': [poolId, 'Arn'] }],
          effect: 'Allow',
          condition: undefined,
        },
      ]);
      for (const fn of stack.services.flatMap((service) => service.functions)) {
        const lambda = template.toJSON().Resources[logicalIdOf(stack, fn.function)];
        const environment = isRecord(lambda?.Properties) ? lambda.Properties.Environment : undefined;
        const variables = isRecord(environment) && isRecord(environment.Variables) ? environment.Variables : {};
        const granted = grantsOf(fn.spec).some((grant) => grant.kind === 'user-directory');
        expect(ENV.userPoolId in variables, fn.spec.name).toBe(granted);
        expect(grantedActions(statementsOf(fn.spec.name), 'cognito-idp:').length > 0, fn.spec.name).toBe(granted);
      }
    });

    it('gives nothing for https-egress, and no e-mail or secrets permission to a function without the grant', () => {
      for (const spec of notifierFixtureManifest.functions) {
        const statements = statementsOf(spec.name);
        const kinds = grantsOf(spec).map((grant) => grant.kind);
        expect(grantedActions(statements, 'ses:').length > 0, `${spec.name} sends e-mail`).toBe(
          kinds.includes('send-email'),
        );
        expect(grantedActions(statements, 'secretsmanager:').length > 0, `${spec.name} uses secrets`).toBe(
          kinds.includes('secrets'),
        );
      }
      // deliver-webhook's only grants beyond its DLQ, logs and tracing are its secrets (https-egress adds nothing).
      const deliver = statementsOf('deliver-webhook').flatMap((statement) => statement.actions);
      expect(deliver.filter((action) => !/^(logs|xray|sqs|secretsmanager):/.test(action))).toEqual([]);
    });

    it('uses Resource * only for actions with no resource-level permissions (X-Ray, ListStreams)', () => {
      for (const [id, policy] of resourcesOf(template, 'AWS::IAM::Policy')) {
        const document = policy.Properties.PolicyDocument;
        const statements = isRecord(document) ? asArray(document.Statement).filter(isRecord) : [];
        expect(statements.length, id).toBeGreaterThan(0);
        for (const statement of statements) {
          if (!asArray(statement.Resource).includes('*')) continue;
          for (const action of asArray(statement.Action))
            expect(STAR_ONLY_ACTIONS, `${id}: ${action}`).toContain(action);
        }
      }
    });
  });

  it('refuses a secrets prefix with a wildcard, which would widen the grant', () => {
    const [first, ...rest] = notifierFixtureManifest.functions;
    const widened = {
      ...notifierFixtureManifest,
      functions: [{ ...first, grants: [{ kind: 'secrets', access: 'read', prefix: 'webhooks/*' }] }, ...rest],
    } as const;
    expect(() => synthesize({ services: [widened] })).toThrow(/secrets prefix 'webhooks\/\*'/);
  });
});
