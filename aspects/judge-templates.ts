/**
 * The one place where rules meet rendered templates: the gate (compliance-gate.ts, after CDK has
 * rendered a synthesis root) and `sfx-check` (cli/, templates read from files) both call these
 * functions, so the same template gets the same verdict from either.
 *
 * No CDK import here: `sfx-check` loads this module without aws-cdk-lib.
 */
import { ComplianceRule, StackFacts } from '../rules/core/rule';
import { RenderedTemplate, SharedTemplates, TemplateFacts, TemplateView } from '../rules/core/template';
import type { GateViolation } from './violation-error';

/** One rule judged against one resource or stack: the gate's evidence. */
export interface Evaluation {
  readonly ruleId: string;
  readonly path: string;
  readonly stackPath: string;
  readonly resourceType: string;
  readonly logicalId?: string;
  readonly violations: readonly GateViolation[];
}

export interface GateResult {
  readonly synthesisRoot: string;
  /** Template file (relative to the assembly) and rendered template of each stack evaluated, by stack path. */
  readonly templates: ReadonlyMap<string, { readonly file: string; readonly view: TemplateView }>;
  readonly rules: readonly ComplianceRule[];
  readonly evaluations: readonly Evaluation[];
  readonly violations: readonly GateViolation[];
}

/** Resource type recorded for a stack judged as a whole. */
export const STACK_SUBJECT_TYPE = 'AWS::CloudFormation::Stack (CDK stack)';

/**
 * A rendered template made ready for the rules: its view, recorded in `shared` with its exports so
 * that the other templates judged with it resolve `Fn::ImportValue` of them (and see the ingress
 * rules it adds to their security groups).
 */
export function openTemplate(template: RenderedTemplate, facts: TemplateFacts, shared: SharedTemplates): TemplateView {
  const view = new TemplateView(template, { ...facts, shared });
  shared.addTemplate(view);
  return view;
}

/** Judges one rendered resource against the rules covering it. */
export function judgeResource(rules: readonly ComplianceRule[], path: string, stackPath: string, logicalId: string, view: TemplateView): Evaluation[] {
  const resource = view.resource(logicalId);
  if (!resource) return [];
  return rules
    .filter((rule) => rule.checkResource && (rule.resourceTypes.includes('*') || rule.resourceTypes.includes(resource.type)))
    .map((rule) => record(rule, path, stackPath, resource.type, logicalId, rule.checkResource!(resource, view)));
}

/** Judges a stack as a whole (its region, its transforms) against the stack-level rules covering it. */
export function judgeStack(rules: readonly ComplianceRule[], stackPath: string, facts: StackFacts): Evaluation[] {
  return rules
    .filter((rule) => rule.judgesStacks && rule.checkStack)
    .map((rule) => record(rule, stackPath, stackPath, STACK_SUBJECT_TYPE, undefined, rule.checkStack!(facts)));
}

/** A template with nothing but itself behind it (no constructs): what `sfx-check` judges. */
export interface StandaloneTemplate {
  /** Names the stack in violations; its resources are `<stackPath>/<logical id>`. */
  readonly stackPath: string;
  readonly view: TemplateView;
  readonly facts: StackFacts;
}

/**
 * Judges each template as a whole and then every resource it holds, under every rule given:
 * what the gate does for a stack covered by applyCompliance whose resources have no construct of
 * their own (the gate's paths are construct paths instead).
 */
export function judgeTemplates(templates: readonly StandaloneTemplate[], rules: readonly ComplianceRule[]): Evaluation[] {
  return templates.flatMap(({ stackPath, view, facts }) => [
    ...judgeStack(rules, stackPath, facts),
    ...view.allResources().flatMap(({ logicalId }) => judgeResource(rules, `${stackPath}/${logicalId}`, stackPath, logicalId, view)),
  ]);
}

function record(
  rule: ComplianceRule, path: string, stackPath: string, resourceType: string, logicalId: string | undefined,
  found: readonly { message: string; fix?: string }[],
): Evaluation {
  const violations = found.map((v) => ({
    ruleId: rule.id, path, stackPath, resourceType, logicalId, message: v.message, fix: v.fix ?? rule.remediation,
  }));
  return { ruleId: rule.id, path, stackPath, resourceType, logicalId, violations };
}
