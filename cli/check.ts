/**
 * What `sfx-check` does, as a function: read the templates (with their local nested stacks and
 * includes), pin the parameter values given, and judge everything with the gate's own core
 * (aspects/judge-templates.ts) under every SFX rule. Templates judged together see each other's
 * exports, as the stacks of one CDK app do in the gate.
 */
import * as path from 'path';
import { ALL_RULES } from '../rules';
import { ComplianceRule, StackFacts } from '../rules/core/rule';
import { TemplateView } from '../rules/core/template';
import { isPlainObject } from '../rules/core/intrinsics';
import { SharedTemplates } from '../rules/core/shared-templates';
import type { GateResult } from '../aspects/compliance-gate';
import { StandaloneTemplate, judgeTemplates, openTemplate } from '../aspects/judge-templates';
import { LoadedTemplate, UnusableInput, displayPath, loadTemplate } from './load-template';
import { inlineLocalIncludes, localNestedTemplate } from './local-templates';
import { ParameterValues, applyParameters, loadParameters } from './parameters';
import { DeployTarget, deployTarget } from './template-region';
import { templateFormatError } from './validate-template';

export interface CheckOptions {
  /** Region for templates that name none (no cloud-assembly manifest, no region guard in Rules). */
  readonly region?: string;
  /** A parameters file in the CloudFormation CLI's format. */
  readonly parametersFile?: string;
  /** @default every SFX rule */
  readonly rules?: readonly ComplianceRule[];
}

/** One template judged: a file named on the command line, or a local nested stack of one. */
export interface CheckedTemplate {
  readonly stackPath: string;
  readonly file: string;
  readonly view: TemplateView;
  readonly facts: StackFacts;
  readonly target: DeployTarget;
  readonly resourceLines: ReadonlyMap<string, number>;
  readonly parent?: { readonly stackPath: string; readonly logicalId: string };
}

export interface CheckOutcome {
  /** The gate's result shape, so the gate's reports render it unchanged. */
  readonly result: GateResult;
  readonly templates: readonly CheckedTemplate[];
}

const MAX_NESTING = 8;

/** Judges `files`; throws {@link UnusableInput} for anything CloudFormation (or sfx-check) cannot read. */
export function checkTemplates(files: readonly string[], options: CheckOptions = {}): CheckOutcome {
  if (files.length === 0) throw new UnusableInput(undefined, 'no template given');
  const rules = options.rules ?? ALL_RULES;
  const parameters: ParameterValues = options.parametersFile ? loadParameters(options.parametersFile) : new Map();
  const usedParameters = new Set<string>();
  const shared = new SharedTemplates();
  const checked: CheckedTemplate[] = [];

  // Each file is read once, whether named on the command line, nested, or both.
  const cache = new Map<string, { loaded: LoadedTemplate; template: Record<string, unknown>; nested: Map<string, string> }>();
  const read = (file: string) => {
    const key = path.resolve(file);
    let entry = cache.get(key);
    if (!entry) {
      const loaded = loadTemplate(file);
      const template = inlineLocalIncludes(loaded.template, file) as Record<string, unknown>;
      const problem = templateFormatError(template);
      if (problem) throw new UnusableInput(file, `CloudFormation would reject this template: ${problem}`);
      const nested = new Map<string, string>();
      for (const [logicalId, resource] of Object.entries(template.Resources as Record<string, unknown>)) {
        if (!isPlainObject(resource) || resource.Type !== 'AWS::CloudFormation::Stack') continue;
        const local = localNestedTemplate(resource, file);
        if (local) nested.set(logicalId, local);
      }
      entry = { loaded, template, nested };
      cache.set(key, entry);
    }
    return entry;
  };

  const open = (file: string, stackPath: string, inherited?: { target: DeployTarget; parent: CheckedTemplate['parent'] }): CheckedTemplate => {
    const { loaded, nested } = read(file);
    let template = read(file).template;
    if (!inherited) {
      const applied = applyParameters(template, parameters, options.parametersFile ?? file);
      template = applied.template;
      applied.used.forEach((key) => usedParameters.add(key));
    }
    const target = inherited?.target ?? deployTarget(file, template, options.region);
    const view = openTemplate(template, { region: target.region, account: target.account, judgedNestedStacks: new Set(nested.keys()) }, shared);
    const facts: StackFacts = { region: target.region, kind: inherited ? 'nested' : 'stack', transforms: view.transforms() };
    const entry: CheckedTemplate = { stackPath, file, view, facts, target, resourceLines: loaded.resourceLines, parent: inherited?.parent };
    checked.push(entry);
    for (const [logicalId, child] of nested) {
      shared.addNested(view, logicalId, open(child, `${stackPath}/${logicalId}`, { target, parent: { stackPath, logicalId } }).view);
    }
    return entry;
  };

  // Nesting is followed (and its cycles refused) before anything is opened. A file that another one nests
  // (`cdk.out/*.template.json` names both) is judged as nested only: it deploys with its parent, in the parent's region.
  const nestedFiles = new Set<string>();
  const collect = (file: string, chain: readonly string[]) => {
    for (const [logicalId, child] of read(file).nested) {
      const absolute = path.resolve(child);
      if (chain.includes(absolute) || chain.length > MAX_NESTING)
        throw new UnusableInput(file, `nested stack ${logicalId} (${child}) nests its own template (or more than ${MAX_NESTING} levels)`);
      nestedFiles.add(absolute);
      collect(child, [...chain, absolute]);
    }
  };
  for (const file of files) collect(file, [path.resolve(file)]);
  const roots = [...new Map(files.map((file) => [path.resolve(file), file])).entries()].filter(([absolute]) => !nestedFiles.has(absolute));
  for (const [, file] of roots) open(file, displayPath(file));
  const unused = [...parameters.keys()].filter((key) => !usedParameters.has(key));
  if (unused.length > 0)
    throw new UnusableInput(
      options.parametersFile!,
      `parameter(s) ${unused.join(', ')} not declared by the template(s); CloudFormation would reject them`,
    );

  const evaluations = judgeTemplates(checked as readonly StandaloneTemplate[], rules);
  const result: GateResult = {
    synthesisRoot: checked
      .filter((t) => !t.parent)
      .map((t) => t.stackPath)
      .join(', '),
    templates: new Map(checked.map((t) => [t.stackPath, { file: displayPath(t.file), view: t.view }])),
    rules,
    evaluations,
    violations: evaluations.flatMap((e) => e.violations),
  };
  return { result, templates: checked };
}
