// Shared fixture of the blueprint tests: synthesizes the StreamFlix stack with the app's real feature flags.
import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';
import * as path from 'path';
import { StreamFlixStack, StreamFlixStackProps } from '../../lib/content-api/streamflix-stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const cdkJson = require(path.join(__dirname, '..', '..', 'cdk.json')) as { context: Record<string, unknown> };

/** An App with the context of cdk.json, so tests see the same feature flags as `cdk synth`. */
export function newApp(): App {
  return new App({ context: cdkJson.context });
}

export interface SynthesizedBlueprint {
  readonly stack: StreamFlixStack;
  readonly template: Template;
  /** Logical id of the CloudFormation resource behind a construct (its default child for an L2). */
  readonly logicalId: (construct: IConstruct) => string;
}

/** Synthesizes the stack as bin/streamflix.ts does. Call it once per test file. */
export function synthesizeBlueprint(props: StreamFlixStackProps = {}): SynthesizedBlueprint {
  const stack = new StreamFlixStack(newApp(), 'StreamFlix', { env: { region: 'eu-west-1' }, ...props });
  return { stack, template: Template.fromStack(stack), logicalId: (construct) => logicalIdOf(stack, construct) };
}

export function logicalIdOf(stack: Stack, construct: IConstruct): string {
  const element = (construct instanceof CfnElement ? construct : construct.node.defaultChild) as CfnElement | undefined;
  if (!element) throw new Error(`${construct.node.path} has no CloudFormation resource`);
  return stack.resolve(element.logicalId) as string;
}

/** `{ Ref: id }` */
export const ref = (id: string) => ({ Ref: id });
/** `{ 'Fn::GetAtt': [id, attribute] }` */
export const getAtt = (id: string, attribute: string) => ({ 'Fn::GetAtt': [id, attribute] });

/** Every resource of the given type, keyed by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, { Properties: Record<string, unknown> } & Record<string, unknown>> {
  return template.findResources(type) as Record<string, { Properties: Record<string, unknown> } & Record<string, unknown>>;
}
