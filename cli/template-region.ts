/**
 * Where a template deploys, as far as its files tell: the region (and account) of a CDK cloud
 * assembly's stack artifact, or the one region a template's own `Rules` allow (the region guard
 * CloudFormation evaluates before it creates anything). `--region` answers only for a template
 * that names no region itself.
 */
import * as fs from 'fs';
import * as path from 'path';
import { intrinsicName, isPlainObject } from '../rules/core/intrinsics';

export interface DeployTarget {
  readonly region?: string;
  readonly account?: string;
  /** Where the region came from, for the stderr note. */
  readonly source?: 'cloud assembly manifest' | 'template Rules' | '--region';
}

export function deployTarget(file: string, template: Record<string, unknown>, regionOption: string | undefined): DeployTarget {
  const fromManifest = manifestEnvironment(file);
  const fromRules = regionOfRules(template.Rules);
  // The stack's environment is what the gate judged (a guard naming another region only makes the deployment fail).
  if (fromManifest?.region) return { ...fromManifest, source: 'cloud assembly manifest' };
  if (fromRules) return { region: fromRules, account: fromManifest?.account, source: 'template Rules' };
  if (regionOption) return { region: regionOption, account: fromManifest?.account, source: '--region' };
  return { account: fromManifest?.account };
}

/**
 * The region an unconditional rule pins `AWS::Region` to with `Fn::Equals` (or `Fn::Contains`
 * of a one-element list): CloudFormation refuses the template anywhere else.
 */
export function regionOfRules(rules: unknown): string | undefined {
  if (!isPlainObject(rules)) return undefined;
  for (const rule of Object.values(rules)) {
    if (!isPlainObject(rule) || rule.RuleCondition !== undefined || !Array.isArray(rule.Assertions)) continue;
    for (const assertion of rule.Assertions) {
      const region = isPlainObject(assertion) ? pinnedRegion(assertion.Assert) : undefined;
      if (region) return region;
    }
  }
  return undefined;
}

function pinnedRegion(assert: unknown): string | undefined {
  const fn = intrinsicName(assert);
  const args = fn ? (assert as Record<string, unknown>)[fn] : undefined;
  if (!Array.isArray(args) || args.length !== 2) return undefined;
  const isRegion = (value: unknown) => isPlainObject(value) && value.Ref === 'AWS::Region';
  if (fn === 'Fn::Equals') {
    const [a, b] = args;
    if (isRegion(a) && typeof b === 'string') return b;
    if (isRegion(b) && typeof a === 'string') return a;
  }
  if (fn === 'Fn::Contains' && Array.isArray(args[0]) && args[0].length === 1 && typeof args[0][0] === 'string' && isRegion(args[1]))
    return args[0][0];
  return undefined;
}

/** The environment of the stack artifact whose template is `file`, from the manifest.json beside it. */
function manifestEnvironment(file: string): { region?: string; account?: string } | undefined {
  const manifest = path.join(path.dirname(file), 'manifest.json');
  let artifacts: unknown;
  try {
    artifacts = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { artifacts?: unknown }).artifacts;
  } catch {
    return undefined;
  }
  if (!isPlainObject(artifacts)) return undefined;
  for (const artifact of Object.values(artifacts)) {
    if (!isPlainObject(artifact) || artifact.type !== 'aws:cloudformation:stack' || !isPlainObject(artifact.properties)) continue;
    if (artifact.properties.templateFile !== path.basename(file) || typeof artifact.environment !== 'string') continue;
    const [, account, region] = /^aws:\/\/([^/]+)\/([^/]+)$/.exec(artifact.environment) ?? [];
    return {
      account: account && account !== 'unknown-account' ? account : undefined,
      region: region && region !== 'unknown-region' ? region : undefined,
    };
  }
  return undefined;
}
