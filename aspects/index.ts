/**
 * Public entry point of the SFX compliance gate (contract: ../../shared/CONTROLS.md).
 *
 *   applyCompliance(app);  // before app.synth(); synth throws listing every violation
 */
import { AspectPriority, Aspects } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ComplianceGate } from './compliance-gate';
import { allControlAspects } from './controls';

/**
 * Adds every SFX control to `scope` (an App, Stage or Stack of any CDK app) as CDK Aspects.
 * Adds nothing else (cdk-nag packs are registered separately).
 *
 * The aspects go on `scope` only. CDK does not carry aspects across Stage boundaries, and it
 * synthesizes (and validates) nested Stages before their parent; a Stage with its own gate
 * would throw first and hide every violation outside it. Instead the gate of `scope`'s
 * synthesis root judges every Stage under it, existing or created later, so one error lists
 * every violation of the app. A Stage given applyCompliance of its own inside a gated scope
 * leaves the judging to that outer gate for the same reason.
 */
export function applyCompliance(scope: IConstruct): void {
  ComplianceGate.markApplied(scope);
  for (const aspect of allControlAspects()) {
    // READONLY: the gate runs after aspects that mutate the tree, so it judges their result.
    Aspects.of(scope).add(aspect, { priority: AspectPriority.READONLY });
  }
}

export * from './controls';
export { RuleAspect } from './rule-aspect';
export { ComplianceGate } from './compliance-gate';
export type { Evaluation, GateResult } from './compliance-gate';
export { ComplianceViolationError, formatViolation } from './violation-error';
export type { GateViolation } from './violation-error';
export { waive, WaiverError } from './waivers';
export type { Waiver, WaiverOptions, WaiverOutcome } from './waivers';
export type { WaivedViolation } from './apply-waivers';
export { synthesizeGated, SynthesisFailedError } from './gated-synth';
export type { GatedSynthOptions } from './gated-synth';
export { runGatedSynth, formatViolationReport } from './cli-output';
export { acknowledgementsUnder } from './report/acknowledgements';
export type { Acknowledgement } from './report/acknowledgements';
