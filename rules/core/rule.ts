/**
 * The shape of a compliance rule. A rule is data (id, rationale, mappings) plus pure
 * functions over rendered CloudFormation: no CDK construct ever reaches a rule, so a
 * security engineer can read one rule file and know exactly what passes and what fails.
 */
import type { RuntimeCounterparts } from './runtime';
import type { TemplateView, TemplateResource } from './template';

/** How bad a violation is; every severity fails synthesis. */
export type Severity = 'critical' | 'high' | 'medium';

/** A control in an external framework that the rule implements (wholly or in part). */
export interface FrameworkReference {
  /** For example `NIST 800-53 r5`, `CIS AWS Foundations 3.0`, `PCI DSS 4.0`, `ISO 27001:2022`. */
  readonly framework: string;
  /** The control identifier inside that framework, for example `SC-28(1)`. */
  readonly control: string;
}

/** One thing wrong with one resource or stack. */
export interface Violation {
  /** What is wrong, in one sentence, naming the CloudFormation property. */
  readonly message: string;
  /** How to fix it; defaults to the rule's `remediation`. */
  readonly fix?: string;
  /**
   * The value only repeats the stack's own (foreign) region, which CDK rendered as a literal: the
   * stack's region is the root cause, and this is reported under the stack's violation.
   */
  readonly followsStackRegion?: boolean;
}

/** What a stack-level rule may know about a stack: plain facts, resolved by the aspect. */
export interface StackFacts {
  /** The stack's region when it is a literal; `undefined` when environment-agnostic. */
  readonly region: string | undefined;
  /** `nested` stacks deploy with their parent; `product` stacks are Service Catalog products. */
  readonly kind: 'stack' | 'nested' | 'product';
  /** For a product stack: the literal region of the stack that publishes it, if any. */
  readonly publisherRegion?: string;
  /** For a product stack: the construct path of the stack that publishes it. */
  readonly publisherPath?: string;
  /** The rendered template's `Transform` entries (SAM, macros), however they got there. */
  readonly transforms?: readonly string[];
}

export interface ComplianceRule {
  /** Stable identifier, `SFX-…`; appears in every violation message. */
  readonly id: string;
  /** One line: what must hold. */
  readonly title: string;
  readonly severity: Severity;
  /** Mandated controls (CONTROLS.md) can never be waived. */
  readonly mandated: boolean;
  /** Why the control exists: the threat it counters. */
  readonly rationale: string;
  /** How to comply, in CDK terms. */
  readonly remediation: string;
  /** CloudFormation resource types the rule judges; `*` means every resource. */
  readonly resourceTypes: readonly string[];
  readonly frameworks: readonly FrameworkReference[];
  /** The AWS controls that check the same after deployment (AWS Config rules, an SCP), and what they cannot see. */
  readonly runtime?: RuntimeCounterparts;
  /** Judges one resource as CloudFormation will receive it. Pure: no side effects. */
  checkResource?(resource: TemplateResource, template: TemplateView): Violation[];
  /** Judges one stack as a whole (for example its region) from its facts; a rule without it judges resources only. Pure: no side effects. */
  checkStack?(stack: StackFacts): Violation[];
}

/** Shorthand for rules: `fail('…')` or `fail('…', 'specific fix')`. */
export function fail(message: string, fix?: string): Violation {
  // A fix is read as `v.fix ?? rule.remediation` and JSON drops an undefined key: { fix: undefined } reads as no fix.
  // Stryker disable next-line ConditionalExpression: equivalent, as said above (its 'true' twin is killed by the fix tests)
  return fix === undefined ? { message } : { message, fix };
}
