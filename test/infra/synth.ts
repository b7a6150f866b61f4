import { type CfnElement, CfnResource, type Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { type BuildAppOptions, buildApp, type InovdaApp } from '../../infra/lib/app';
import type { RegionStack } from '../../infra/lib/region-stack';

/** Synth of both regions bundles every function: give `beforeAll` room. */
export const SYNTH_TIMEOUT_MS = 180_000;

/** A synthesized app with the template of each of its stacks. */
export interface SynthesizedApp extends InovdaApp {
  readonly directory: string;
  readonly templates: ReadonlyMap<RegionStack, Template>;
}

/**
 * Builds the app as bin/app.ts does and synthesizes it. cdk-nag findings are written to the validation report
 * instead of failing synthesis, so the cdk-nag test can list them (and the other tests still run).
 */
export function synthesize(options: BuildAppOptions = {}): SynthesizedApp {
  const inovda = buildApp({
    ...options,
    context: { '@aws-cdk/core:failSynthOnValidationErrors': false, ...options.context },
  });
  const assembly = inovda.app.synth();
  const templates = new Map(inovda.stacks.map((stack) => [stack, Template.fromStack(stack)]));
  return { ...inovda, directory: assembly.directory, templates };
}

/** The template of a stack of a synthesized app. */
export function templateOf(synthesized: SynthesizedApp, stack: RegionStack): Template {
  const template = synthesized.templates.get(stack);
  if (!template) throw new Error(`no template for ${stack.stackName}`);
  return template;
}

/** The CloudFormation logical id of a construct's L1 resource (the construct itself or its default child). */
export function logicalIdOf(stack: Stack, construct: IConstruct): string {
  const resource = CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild;
  if (!resource || !CfnResource.isCfnResource(resource)) throw new Error(`${construct.node.path} has no L1 resource`);
  return stack.getLogicalId(resource as CfnElement);
}

/** `{ Ref: id }` as CloudFormation renders it. */
export function ref(logicalId: string): { Ref: string } {
  return { Ref: logicalId };
}

/** `{ Fn::GetAtt: [id, attribute] }` as CloudFormation renders it. */
export function getAtt(logicalId: string, attribute: string): { 'Fn::GetAtt': [string, string] } {
  return { 'Fn::GetAtt': [logicalId, attribute] };
}

/** A resource of a template as the tests read it: its properties as plain JSON. */
export interface TemplateResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
  readonly DeletionPolicy?: string;
  readonly UpdateReplacePolicy?: string;
}

/** Every resource of a type, by logical id. */
export function resourcesOf(template: Template, type: string): Array<[string, TemplateResource]> {
  return Object.entries(template.findResources(type)).map(([id, resource]) => [id, toResource(resource)]);
}

/** Narrows a JSON value to an object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toResource(value: unknown): TemplateResource {
  if (!isRecord(value) || typeof value.Type !== 'string') throw new Error('not a CloudFormation resource');
  return {
    Type: value.Type,
    Properties: isRecord(value.Properties) ? value.Properties : {},
    DeletionPolicy: typeof value.DeletionPolicy === 'string' ? value.DeletionPolicy : undefined,
    UpdateReplacePolicy: typeof value.UpdateReplacePolicy === 'string' ? value.UpdateReplacePolicy : undefined,
  };
}

/** Deep equality of two JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([x], [y]) => x.localeCompare(y))
        .map(([key, inner]) => [key, sortKeys(inner)]),
    );
  }
  return value;
}
