/** The handler permissions of each resource type: the registry extract, else a reviewed entry; a type with neither fails. */
import * as registryExtract from './data/handler-permissions.json';
import { CUSTOM_RESOURCE_PERMISSIONS, REVIEWED_HANDLER_PERMISSIONS } from './data/reviewed-handler-permissions';

export type Operation = 'create' | 'update' | 'delete';
export const OPERATIONS: readonly Operation[] = ['create', 'update', 'delete'];

export interface HandlerPermissions {
  readonly handlers: Partial<Record<Operation, readonly string[]>>;
  readonly tagging: {
    readonly taggable?: boolean;
    readonly tagOnCreate?: boolean;
    readonly tagUpdatable?: boolean;
    readonly permissions?: readonly string[];
  };
  /** Where the entry comes from. */
  readonly source: string;
}

const REGISTRY = registryExtract as unknown as { types: Record<string, Omit<HandlerPermissions, 'source'>>; _source: Record<string, string> };
export const HANDLER_DATA_SOURCE = REGISTRY._source;

export function handlerPermissions(type: string): HandlerPermissions {
  const registry = REGISTRY.types[type];
  if (registry)
    return { ...registry, source: `CloudFormation registry schema (${HANDLER_DATA_SOURCE.repository}@${HANDLER_DATA_SOURCE.commit.slice(0, 10)})` };
  const reviewed =
    REVIEWED_HANDLER_PERMISSIONS[type] ??
    (type.startsWith('Custom::') || type === 'AWS::CloudFormation::CustomResource' ? CUSTOM_RESOURCE_PERMISSIONS : undefined);
  if (reviewed) return { handlers: reviewed.handlers, tagging: reviewed.tagging, source: `reviewed entry (${reviewed.documentation.join(', ')})` };
  throw new Error(
    `No handler permissions for ${type}: run scripts/refresh-handler-permissions.ts after cdk synth, or add a reviewed entry with its ` +
      `documentation to lib/proof/data/reviewed-handler-permissions.ts.`,
  );
}
