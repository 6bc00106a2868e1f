/**
 * The one place where rules meet rendered templates: the gate (compliance-gate.ts, after CDK has
 * rendered a synthesis root) and `sfx-check` (cli/, templates read from files) both call these
 * functions, so the same template gets the same verdict from either.
 *
 * No CDK import here: `sfx-check` loads this module without aws-cdk-lib.
 */
import { ComplianceRule, StackFacts, Violation } from '../rules/core/rule';
import { RenderedTemplate, TemplateFacts, TemplateView } from '../rules/core/template';
import { SharedTemplates } from '../rules/core/shared-templates';
import type { GateViolation } from './violation-error';
import type { WaivedViolation } from './apply-waivers';
import type { WaiverOutcome } from './waivers';

/** One rule judged against one resource or stack: the gate's evidence. */
export interface Evaluation {
  readonly ruleId: string;
  readonly path: string;
  readonly stackPath: string;
  readonly resourceType: string;
  readonly logicalId?: string;
  readonly violations: readonly GateViolation[];
  /** How many of this evaluation's violations a current waiver accepted. @default 0 */
  readonly waived?: number;
}

export interface GateResult {
  readonly synthesisRoot: string;
  /** Template file (relative to the assembly) and rendered template of each stack evaluated, by stack path. */
  readonly templates: ReadonlyMap<string, { readonly file: string; readonly view: TemplateView }>;
  readonly rules: readonly ComplianceRule[];
  readonly evaluations: readonly Evaluation[];
  /** Violations that fail synthesis (waived ones are not among them). */
  readonly violations: readonly GateViolation[];
  /** Violations a current waiver accepts. @default none */
  readonly waived?: readonly WaivedViolation[];
  /** Every waiver declared under the root, with what it matched. @default none */
  readonly waivers?: readonly WaiverOutcome[];
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
export function judgeResource(
  rules: readonly ComplianceRule[],
  path: string,
  stackPath: string,
  logicalId: string,
  view: TemplateView,
): Evaluation[] {
  const resource = view.resource(logicalId);
  if (!resource) return [];
  return rules
    .filter((rule) => rule.checkResource && (rule.resourceTypes.includes('*') || rule.resourceTypes.includes(resource.type)))
    .map((rule) => record(rule, path, stackPath, resource.type, logicalId, rule.checkResource!(resource, view)));
}

/** Judges a stack as a whole (its region, its transforms) against the stack-level rules covering it. */
export function judgeStack(rules: readonly ComplianceRule[], stackPath: string, facts: StackFacts): Evaluation[] {
  return rules
    .filter((rule) => rule.checkStack !== undefined)
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
  const evaluations = templates.flatMap(({ stackPath, view, facts }) => [
    ...judgeStack(rules, stackPath, facts),
    ...view.allResources().flatMap(({ logicalId }) => judgeResource(rules, `${stackPath}/${logicalId}`, stackPath, logicalId, view)),
  ]);
  groupUnderRootCause(evaluations);
  return evaluations;
}

function record(
  rule: ComplianceRule,
  path: string,
  stackPath: string,
  resourceType: string,
  logicalId: string | undefined,
  found: readonly Violation[],
): Evaluation {
  const violations = found.map((v) => {
    const violation: GateViolation = {
      ruleId: rule.id,
      path,
      stackPath,
      resourceType,
      logicalId,
      message: v.message,
      fix: v.fix ?? rule.remediation,
    };
    if (v.followsStackRegion) followsStackRegion.add(violation);
    return violation;
  });
  return { ruleId: rule.id, path, stackPath, resourceType, logicalId, violations };
}

/** Violations that only repeat their stack's foreign region (set by `record`). */
const followsStackRegion = new WeakSet<GateViolation>();

/**
 * A stack in a foreign region is one root cause: the violations that only repeat that region
 * (CDK rendered it as a literal into endpoints, conditions, log options) move under the stack's
 * own violation (or that of the nearest enclosing stack that has one, for nested stacks).
 */
export function groupUnderRootCause(evaluations: Evaluation[]): void {
  const roots = new Map<string, { evaluation: number; violation: number }>();
  evaluations.forEach((e, index) => {
    e.violations.forEach((v, at) => {
      if (v.path === v.stackPath && v.ruleId === 'SFX-REGION' && !followsStackRegion.has(v))
        roots.set(v.stackPath, { evaluation: index, violation: at });
    });
  });
  const rootOf = (stackPath: string) => {
    for (let p = stackPath; ; p = p.slice(0, p.lastIndexOf('/'))) {
      if (roots.has(p)) return roots.get(p);
      if (!p.includes('/')) return undefined;
    }
  };
  const derived = new Map<{ evaluation: number; violation: number }, { path: string; message: string }[]>();
  evaluations.forEach((e, index) => {
    const kept = e.violations.filter((v) => {
      const root = followsStackRegion.has(v) ? rootOf(v.stackPath) : undefined;
      if (!root) return true;
      derived.set(root, [...(derived.get(root) ?? []), { path: v.path, message: v.message }]);
      return false;
    });
    evaluations[index] = { ...e, violations: kept };
  });
  for (const [root, list] of derived) {
    const e = evaluations[root.evaluation];
    const violation = e.violations[root.violation];
    const shown = list
      .slice(0, 3)
      .map((d) => d.path)
      .join(', ');
    const grouped: GateViolation = {
      ...violation,
      message:
        `${violation.message}; ${list.length} value(s) CDK derived from that region follow it and are fixed with it ` +
        `(${shown}${list.length > 3 ? `, and ${list.length - 3} more` : ''})`,
      derived: list,
    };
    // Region.checkStack gives a stack at most one violation, so the root is its evaluation's only one.
    // Stryker disable next-line ConditionalExpression: with one violation, replacing "every" and "the root's" are the same
    evaluations[root.evaluation] = { ...e, violations: e.violations.map((v, at) => (at === root.violation ? grouped : v)) };
  }
}
