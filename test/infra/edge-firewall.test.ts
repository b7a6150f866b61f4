import { PROBLEMS } from '@inovda/kernel';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import {
  EDGE_AWS_REGION,
  EdgeFirewallStack,
  edgeStackIdOf,
  RETRY_AFTER_SECONDS,
  TOO_MANY_REQUESTS_BODY,
} from '../../infra/lib/edge-firewall';
import { defineRegion, RATE_LIMIT_WINDOW_SECONDS, regions } from '../../infra/regions';
import type { RegionConfigInput } from '../../infra/regions/region-config';
import { isRecord } from './synth';

/** The edge stack alone: it has no functions, so no bundling, and takes a second to synthesize. */
function webAclOf(config = regions[0]) {
  if (!config) throw new Error('no region');
  const app = new App();
  const stack = new EdgeFirewallStack(app, edgeStackIdOf(config), {
    config,
    env: { account: '123456789012', region: EDGE_AWS_REGION },
  });
  const acls = Object.values(Template.fromStack(stack).findResources('AWS::WAFv2::WebACL'));
  expect(acls).toHaveLength(1);
  const acl = acls[0];
  if (!isRecord(acl) || !isRecord(acl.Properties)) throw new Error('malformed web ACL');
  return { stack, properties: acl.Properties };
}

function ruleNamed(properties: Record<string, unknown>, name: string): Record<string, unknown> {
  const rule = (properties.Rules as unknown[]).find((candidate) => isRecord(candidate) && candidate.Name === name);
  if (!isRecord(rule)) throw new Error(`no rule ${name}`);
  return rule;
}

const BLOCK_WITH_429 = {
  Block: {
    CustomResponse: {
      ResponseCode: 429,
      CustomResponseBodyKey: TOO_MANY_REQUESTS_BODY,
      ResponseHeaders: [{ Name: 'retry-after', Value: String(RATE_LIMIT_WINDOW_SECONDS) }],
    },
  },
};

describe.each(regions)('the edge firewall of $id', (config) => {
  it('is a CloudFront web ACL in us-east-1 that lets everything else through', () => {
    const { stack, properties } = webAclOf(config);
    expect(stack.region).toBe('us-east-1');
    expect(stack.stackName).toBe(`Inovda-${config.id}-edge`);
    expect(properties).toMatchObject({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } });
  });

  it("limits each caller, keyed on the Authorization header, to the region's budget per 5 minutes", () => {
    const rule = ruleNamed(webAclOf(config).properties, 'per-caller');
    expect(rule.Statement).toEqual({
      RateBasedStatement: {
        Limit: config.api.perCallerLimit,
        EvaluationWindowSec: 300,
        AggregateKeyType: 'CUSTOM_KEYS',
        CustomKeys: [{ Header: { Name: 'authorization', TextTransformations: [{ Priority: 0, Type: 'NONE' }] } }],
      },
    });
    expect(rule.Action).toEqual(BLOCK_WITH_429);
    expect(rule.Priority).toBe(0);
  });

  it('limits each client address, with or without a token, to a higher budget', () => {
    const rule = ruleNamed(webAclOf(config).properties, 'per-address');
    expect(rule.Statement).toEqual({
      RateBasedStatement: { Limit: config.api.perAddressLimit, EvaluationWindowSec: 300, AggregateKeyType: 'IP' },
    });
    expect(rule.Action).toEqual(BLOCK_WITH_429);
    expect(config.api.perAddressLimit).toBeGreaterThan(config.api.perCallerLimit);
  });

  it('answers a refused caller with the too-many-requests problem, in Indonesian', () => {
    const bodies = webAclOf(config).properties.CustomResponseBodies;
    if (!isRecord(bodies) || !isRecord(bodies[TOO_MANY_REQUESTS_BODY])) throw new Error('no 429 body');
    const body = bodies[TOO_MANY_REQUESTS_BODY];
    expect(body.ContentType).toBe('APPLICATION_JSON');
    expect(JSON.parse(String(body.Content))).toEqual({
      type: 'https://inovda.id/problems/too-many-requests',
      code: 'too-many-requests',
      title: PROBLEMS['too-many-requests'].title,
      status: 429,
      detail: 'Anda mengirim terlalu banyak permintaan dalam waktu singkat. Coba lagi dalam 5 menit.',
    });
    expect(RETRY_AFTER_SECONDS).toBe(300);
  });
});

describe('per-caller limits in the region config', () => {
  const base: RegionConfigInput = {
    id: 'kota-contoh',
    displayName: 'Pemerintah Kota Contoh',
    kind: 'kota',
    aws: { region: 'ap-southeast-3' },
    opds: [{ id: 'brida', name: 'Badan Riset dan Inovasi Daerah', coordinator: true }],
    rubricEdition: 'iid-2026',
    production: false,
    logRetentionDays: 30,
    api: { throttleRatePerSecond: 10, throttleBurst: 20, allowedOrigins: ['https://inovasi.contoh.go.id'] },
    notifications: { senderEmail: 'inovasi@contoh.go.id' },
    alarmEmail: 'ti@contoh.go.id',
  };

  it('default to 600 requests per caller and 3000 per address per 5 minutes', () => {
    expect(defineRegion(base).api).toMatchObject({ perCallerLimit: 600, perAddressLimit: 3000 });
  });

  it('refuse a limit below the 10 WAF accepts', () => {
    expect(() => defineRegion({ ...base, api: { ...base.api, perCallerLimit: 9 } })).toThrow(/perCallerLimit/);
    expect(() => defineRegion({ ...base, api: { ...base.api, perAddressLimit: 5 } })).toThrow(/perAddressLimit/);
  });
});
