/**
 * The gate for one synthesis root (an App, or a Stage synthesized as a nested assembly).
 *
 * Aspects only tell the gate which rules cover which part of the tree. The gate evaluates
 * once, when the root validates (after every aspect and `prepare` have run, so overrides
 * and late changes are seen), and throws one error listing every violation before any
 * template of that root is written. Judging itself (rules over rendered templates) is
 * judge-templates.ts, which `sfx-check` calls too.
 */
import { CfnResource, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ComplianceRule } from '../rules/core/rule';
import { TemplateView } from '../rules/core/template';
import { SharedTemplates } from '../rules/core/shared-templates';
import { Evaluation, GateResult, groupUnderRootCause, judgeResource, judgeStack } from './judge-templates';
import { RenderedStack, renderStack, stackFacts } from './rendering';
import { constructsUnder, synthesisRootOf } from './synthesis-root';
import { clearCloudAssembly } from './report/clear-assembly';
import { writeComplianceReports } from './report/write-reports';
import { ComplianceViolationError, GateViolation } from './violation-error';
import { writtenTemplateMismatches } from './written-templates';
import { applyWaivers } from './apply-waivers';
import { explainGeneratedGrant } from './generated-constructs';

export type { Evaluation, GateResult } from './judge-templates';

const gates = new WeakMap<IConstruct, ComplianceGate>();
/** Scopes given to applyCompliance: a gated Stage inside one of them leaves judging to that outer gate. */
const appliedScopes = new WeakSet<IConstruct>();

export class ComplianceGate {
  /** The gate of the synthesis root that `construct` belongs to, created on first use. */
  static of(construct: IConstruct): ComplianceGate {
    const root = synthesisRootOf(construct);
    let gate = gates.get(root);
    if (!gate) {
      gate = new ComplianceGate(root);
      gates.set(root, gate);
    }
    return gate;
  }

  /** Records that applyCompliance was called on `scope`. */
  static markApplied(scope: IConstruct): void {
    appliedScopes.add(scope);
  }

  /** Whether this Stage judged itself when it synthesized (its own aspects ran and it did not defer). */
  static isGated(stage: Stage): boolean {
    const gate = gates.get(stage);
    return gate !== undefined && !gate.defersToOuterGate();
  }

  private readonly visited = new Map<string, { rule: ComplianceRule; nodes: Set<IConstruct> }>();

  private constructor(private readonly root: IConstruct) {
    root.node.addValidation({ validate: () => this.enforce() });
  }

  /** Records that `rule` covers `construct` (and, through it, everything later added below it). */
  track(rule: ComplianceRule, construct: IConstruct): void {
    let entry = this.visited.get(rule.id);
    if (!entry) {
      entry = { rule, nodes: new Set() };
      this.visited.set(rule.id, entry);
    }
    entry.nodes.add(construct);
  }

  /** Evaluates every covered construct against its rules. */
  evaluate(): GateResult {
    const templates = new Map<string, { file: string; view: TemplateView }>();
    const rendered = new Map<Stack, RenderedStack>();
    const shared = new SharedTemplates();
    const render = (stack: Stack) => {
      let result = rendered.get(stack);
      if (!result) {
        result = renderStack(stack, shared);
        rendered.set(stack, result);
        templates.set(stack.node.path, { file: stack.templateFile, view: result.view });
      }
      return result;
    };
    const covered = this.coveredConstructs();
    // Every stack first, so that each knows the exports of the others before any rule runs.
    for (const construct of covered) if (Stack.isStack(construct)) render(construct);
    // A CDK nested stack (the only kind with a parent stack, always rendered with it): its parameters
    // resolve into its parent's template, and the parent's references to its outputs into its own.
    for (const [stack, { view }] of rendered) {
      const parent = stack.nestedStackParent && rendered.get(stack.nestedStackParent);
      if (parent) shared.addNested(parent.view, parent.logicalIdOf(stack.nestedStackResource!), view);
    }
    const evaluations: Evaluation[] = [];
    const rules = [...this.visited.values()].map((entry) => entry.rule);
    const stackRules = new Map<Stack, ComplianceRule[]>();
    const judged = new Set<string>(); // `${stack path}\0${logical id}`
    for (const construct of covered) {
      const scopes = construct.node.scopes;
      // An uncovered construct has no rules to judge it (and an uncovered stack none for raw resources).
      const covering = rules.filter((rule) => this.covers(rule, scopes));
      if (Stack.isStack(construct)) {
        stackRules.set(construct, covering);
        evaluations.push(...judgeStack(covering, construct.node.path, stackFacts(construct, render(construct).view)));
      } else if (CfnResource.isCfnResource(construct)) {
        const stack = Stack.of(construct);
        const { view, logicalIdOf } = render(stack);
        const logicalId = logicalIdOf(construct);
        judged.add(`${stack.node.path}\0${logicalId}`);
        evaluations.push(...judgeResource(covering, construct.node.path, stack.node.path, logicalId, view));
      }
    }
    // Resources a template holds without a CfnResource construct behind them (a custom CfnElement
    // rendering its own Resources) are judged too, under the stack's rules and path.
    for (const [stack, covering] of stackRules) {
      const { view } = render(stack);
      for (const { logicalId } of view.allResources()) {
        if (judged.has(`${stack.node.path}\0${logicalId}`)) continue;
        evaluations.push(...judgeResource(covering, `${stack.node.path}/${logicalId}`, stack.node.path, logicalId, view));
      }
    }
    const stale = writtenTemplateMismatches(this.root, new Map([...rendered].map(([stack, { view }]) => [stack, view.template])));
    evaluations.push(
      ...stale.map((v) => ({ ruleId: v.ruleId, path: v.path, stackPath: v.stackPath, resourceType: v.resourceType, violations: [v] })),
    );
    groupUnderRootCause(evaluations);
    explainGeneratedGrants(evaluations, covered);
    const sorted = applyWaivers(
      evaluations.flatMap((e) => e.violations),
      covered,
    );
    const afterWaivers = evaluations.map((e) => ({
      ...e,
      violations: e.violations.map((v) => sorted.outcomeOf.get(v)).filter((v): v is GateViolation => v !== undefined),
      waived: e.violations.filter((v) => sorted.outcomeOf.get(v) === undefined).length,
    }));
    return {
      synthesisRoot: this.root.node.path || 'the app',
      templates,
      rules,
      evaluations: afterWaivers,
      violations: sorted.violations,
      waived: sorted.waived,
      waivers: sorted.waivers,
    };
  }

  /**
   * A Stage gated on its own but inside a scope that is gated too lets the outer gate judge it, so
   * that one error lists every violation of the app (CDK synthesizes inner Stages first).
   */
  private defersToOuterGate(): boolean {
    return Stage.isStage(this.root) && this.root.node.scopes.slice(0, -1).some((scope) => appliedScopes.has(scope));
  }

  private enforce(): string[] {
    if (this.defersToOuterGate()) return [];
    const result = this.evaluate();
    // Evidence first: a failing synth still leaves its reports for CI to upload.
    writeComplianceReports(this.root, result);
    if (result.violations.length > 0) {
      // Nested Stages may already have written their assemblies; none of it may pass for a good build.
      clearCloudAssembly(Stage.isStage(this.root) ? this.root.outdir : undefined);
      throw new ComplianceViolationError(result.violations, result.synthesisRoot);
    }
    // Passed: synthesis renders each template again. It must: synthesis itself adds to them
    // (the bootstrap version rule, a product's template URL), which a rendering reused from
    // validation would lack.
    return [];
  }

  /**
   * Everything under this root in tree order, including Stages created after the gate was
   * applied (their own synthesis ran without aspects), but not Stages with their own gate.
   */
  private coveredConstructs(): IConstruct[] {
    return constructsUnder(this.root, (stage) => !ComplianceGate.isGated(stage));
  }

  /** A rule covers a construct when the rule's aspect visited it or one of its ancestors. */
  private covers(rule: ComplianceRule, scopes: IConstruct[]): boolean {
    const nodes = this.visited.get(rule.id)!.nodes;
    return scopes.some((scope) => nodes.has(scope));
  }
}

/** IAM violations of grants CDK generated get the CDK API and alternative (aspects/generated-constructs.ts). */
function explainGeneratedGrants(evaluations: Evaluation[], covered: readonly IConstruct[]): void {
  const byPath = new Map(covered.map((c) => [c.node.path, c]));
  evaluations.forEach((e, index) => {
    evaluations[index] = { ...e, violations: e.violations.map((v) => explainGeneratedGrant(v, byPath)) };
  });
}
