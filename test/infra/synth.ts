import fs from 'node:fs';
import path from 'node:path';
import { type CfnElement, CfnResource, NestedStack, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { type BuildAppOptions, buildApp, type InovdaApp } from '../../infra/lib/app';
import type { RegionStack } from '../../infra/lib/region-stack';

/**
 * Synth of both regions bundles every function (every function, twice): give `beforeAll` room. It bounds a hang only; on
 * two cores shared with the rest of the suite a synth has taken more than 180 s.
 */
export const SYNTH_TIMEOUT_MS = 360_000;

/** A template as CloudFormation reads it. */
export interface TemplateJson {
  readonly Resources: Record<string, Record<string, unknown>>;
  readonly Outputs?: Record<string, Record<string, unknown>>;
  readonly Parameters?: Record<string, unknown>;
  readonly [section: string]: unknown;
}

/** A synthesized app with the template of each of its region stacks, nested stacks folded in. */
export interface SynthesizedApp extends InovdaApp {
  readonly directory: string;
  /** Every stack of the app: the region stacks and their nested stacks, as CloudFormation deploys them. */
  readonly allStacks: readonly Stack[];
  /** Each region stack as one template (see {@link regionTemplateOf}). */
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
  const templates = new Map(
    inovda.stacks.map((stack) => [stack, Template.fromJSON(regionTemplateOf(assembly.directory, stack))]),
  );
  const allStacks = inovda.app.node.findAll().filter((construct): construct is Stack => Stack.isStack(construct));
  return { ...inovda, directory: assembly.directory, allStacks, templates };
}

/** The template of a region stack of a synthesized app, its nested stacks folded in (see {@link regionTemplateOf}). */
export function templateOf(synthesized: SynthesizedApp, stack: RegionStack): Template {
  const template = synthesized.templates.get(stack);
  if (!template) throw new Error(`no template for ${stack.stackName}`);
  return template;
}

/** The template CloudFormation receives for a stack (a nested stack's own template too), as written to the assembly. */
export function deployedTemplateOf(assemblyDirectory: string, stack: Stack): TemplateJson {
  return JSON.parse(fs.readFileSync(path.join(assemblyDirectory, stack.templateFile), 'utf8'));
}

/** The size of a stack's template file as CDK uploads it (the file CloudFormation's 1 MB limit applies to). */
export function deployedTemplateBytes(assemblyDirectory: string, stack: Stack): number {
  return fs.statSync(path.join(assemblyDirectory, stack.templateFile)).size;
}

/** The nested stacks whose parent is `stack`, by the logical id of their `AWS::CloudFormation::Stack` resource. */
function nestedStacksOf(stack: Stack): Map<string, NestedStack> {
  const nested = new Map<string, NestedStack>();
  for (const construct of stack.node.findAll()) {
    if (!NestedStack.isNestedStack(construct) || construct.nestedStackParent !== stack) continue;
    const resource = construct.nestedStackResource;
    if (!resource) throw new Error(`${construct.node.path} has no stack resource`);
    nested.set(stack.getLogicalId(resource as CfnElement), construct);
  }
  return nested;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A region stack as one template, to assert on a region as a whole whatever stack each resource is in. Each
 * nested stack's resources are folded into the parent's under the id `<stack resource id>/<logical id>` (see
 * {@link logicalIdOf}), with what CloudFormation passes between the stacks resolved as it does at deploy time: a
 * nested stack's parameter becomes the value the parent passes for it, a parent's `Outputs.<name>` attribute of
 * the nested stack resource becomes that output's value. References within a nested stack point at the folded ids.
 */
export function regionTemplateOf(assemblyDirectory: string, stack: Stack): TemplateJson {
  const resources: Record<string, Record<string, unknown>> = {};
  const root = fold(assemblyDirectory, stack, '', {}, resources);
  return { ...root.template, Resources: resources, Outputs: root.outputs };
}

interface Folded {
  readonly template: TemplateJson;
  readonly outputs: Record<string, Record<string, unknown>>;
}

function fold(
  assemblyDirectory: string,
  stack: Stack,
  prefix: string,
  parameters: Record<string, unknown>,
  into: Record<string, Record<string, unknown>>,
): Folded {
  const template = deployedTemplateOf(assemblyDirectory, stack);
  const nested = nestedStacksOf(stack);
  const foldedChildren = new Map<string, Folded>();

  const foldChild = (resourceId: string): Folded => {
    const folded = foldedChildren.get(resourceId);
    if (folded) return folded;
    const nestedStack = nested.get(resourceId);
    if (!nestedStack) throw new Error(`${resourceId} is not a nested stack of ${stack.node.path}`);
    const passed = template.Resources[resourceId]?.Properties;
    const childParameters = isObject(passed) && isObject(passed.Parameters) ? passed.Parameters : {};
    const child = fold(
      assemblyDirectory,
      nestedStack,
      `${prefix}${resourceId}/`,
      Object.fromEntries(Object.entries(childParameters).map(([name, value]) => [name, resolve(value)])),
      into,
    );
    foldedChildren.set(resourceId, child);
    return child;
  };

  const childOutput = (resourceId: string, output: string): unknown => {
    const value = foldChild(resourceId).outputs[output]?.Value;
    if (value === undefined) throw new Error(`${resourceId} has no output ${output}`);
    return value;
  };

  const resolve = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolve);
    if (!isObject(value)) return value;
    const keys = Object.keys(value);
    if (keys.length === 1 && typeof value.Ref === 'string') {
      const name = value.Ref;
      if (name.startsWith('AWS::')) return value;
      if (Object.hasOwn(parameters, name)) return parameters[name];
      return { Ref: `${prefix}${name}` };
    }
    const getAtt = value['Fn::GetAtt'];
    if (keys.length === 1 && Array.isArray(getAtt) && typeof getAtt[0] === 'string' && typeof getAtt[1] === 'string') {
      const [id, attribute] = getAtt;
      if (nested.has(id) && attribute.startsWith('Outputs.'))
        return childOutput(id, attribute.slice('Outputs.'.length));
      return { 'Fn::GetAtt': [`${prefix}${id}`, attribute] };
    }
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolve(inner)]));
  };

  for (const [id, resource] of Object.entries(template.Resources)) {
    const dependsOn = resource.DependsOn;
    into[`${prefix}${id}`] = {
      ...resource,
      ...(resource.Properties === undefined ? {} : { Properties: resolve(resource.Properties) }),
      ...(dependsOn === undefined
        ? {}
        : { DependsOn: (Array.isArray(dependsOn) ? dependsOn : [dependsOn]).map((d) => `${prefix}${String(d)}`) }),
    };
  }
  for (const id of nested.keys()) foldChild(id);
  const outputs = Object.fromEntries(
    Object.entries(template.Outputs ?? {}).map(([name, output]) => [name, { ...output, Value: resolve(output.Value) }]),
  );
  return { template, outputs };
}

/**
 * The id of a construct's L1 resource (the construct itself or its default child) in the template of the region
 * stack `stack` ({@link regionTemplateOf}): its logical id, prefixed by the stack resource id of each nested stack
 * it sits in.
 */
export function logicalIdOf(stack: Stack, construct: IConstruct): string {
  const resource = CfnResource.isCfnResource(construct) ? construct : construct.node.defaultChild;
  if (!resource || !CfnResource.isCfnResource(resource)) throw new Error(`${construct.node.path} has no L1 resource`);
  return qualifiedId(stack, resource);
}

function qualifiedId(root: Stack, resource: CfnResource): string {
  const owner = Stack.of(resource);
  const local = owner.getLogicalId(resource as CfnElement);
  if (owner === root) return local;
  if (!NestedStack.isNestedStack(owner) || !owner.nestedStackResource) {
    throw new Error(`${resource.node.path} is not in ${root.node.path}`);
  }
  return `${qualifiedId(root, owner.nestedStackResource)}/${local}`;
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

/** A value CloudFormation allows as one item or a list, as a list. */
export function asArray(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** One IAM statement as the tests read it. */
export interface Statement {
  readonly actions: readonly string[];
  readonly resources: readonly unknown[];
  readonly effect: unknown;
  readonly condition: unknown;
}

/** Every IAM statement attached to a role through AWS::IAM::Policy resources. */
export function statementsOfRole(template: Template, roleId: string): Statement[] {
  return resourcesOf(template, 'AWS::IAM::Policy')
    .filter(([, policy]) => asArray(policy.Properties.Roles).some((role) => jsonEqual(role, ref(roleId))))
    .flatMap(([, policy]) => {
      const document = policy.Properties.PolicyDocument;
      return isRecord(document) ? asArray(document.Statement) : [];
    })
    .map((statement) => {
      if (!isRecord(statement)) throw new Error('malformed IAM statement');
      return {
        actions: asArray(statement.Action).map(String),
        resources: asArray(statement.Resource),
        effect: statement.Effect,
        condition: statement.Condition,
      };
    });
}
