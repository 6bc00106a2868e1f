/**
 * Public entry point of the SFX compliance gate (contract: ../../shared/CONTROLS.md).
 *
 *   applyCompliance(app);  // before app.synth(); synth throws listing every violation
 */
import { AspectPriority, Aspects, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { allControlAspects } from './controls';

/**
 * Adds every SFX control to `scope` (an App, Stage or Stack of any CDK app) as CDK Aspects.
 * Stages already under `scope` get the controls too, because CDK does not carry aspects
 * across Stage boundaries; a Stage created later is still judged by its parent's gate.
 * Adds nothing else (cdk-nag packs are registered separately).
 */
export function applyCompliance(scope: IConstruct): void {
  const stages = scope.node.findAll().filter((c): c is Stage => Stage.isStage(c) && c !== scope);
  for (const target of [scope, ...stages]) {
    for (const aspect of allControlAspects()) {
      // READONLY: the gate runs after aspects that mutate the tree, so it judges their result.
      Aspects.of(target).add(aspect, { priority: AspectPriority.READONLY });
    }
  }
}

export * from './controls';
export { RuleAspect } from './rule-aspect';
export { ComplianceGate } from './compliance-gate';
export type { Evaluation, GateResult } from './compliance-gate';
export { ComplianceViolationError, formatViolation } from './violation-error';
export type { GateViolation } from './violation-error';
