/**
 * A Stage inside the gated scope writes its nested assembly before the app validates, so the gate
 * renders its stacks again later. If a construct changed in between (a manual `stage.synth()`,
 * something mutating the tree afterwards), the template on disk is not the one the gate judged:
 * that fails closed.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { TemplateVisible } from '../rules/template-visible';
import { synthesisRootOf } from './synthesis-root';
import { GateViolation } from './violation-error';

/** Violations for stacks of already-synthesized nested Stages whose written template differs from `rendered`. */
export function writtenTemplateMismatches(root: IConstruct, rendered: ReadonlyMap<Stack, object>): GateViolation[] {
  const violations: GateViolation[] = [];
  for (const [stack, template] of rendered) {
    const stage = synthesisRootOf(stack);
    if (stage === root || !Stage.isStage(stage)) continue;
    const file = path.join(stage.outdir, stack.templateFile);
    if (!fs.existsSync(file)) continue;
    // A Buffer's toString() reads UTF-8, as CDK writes templates.
    if (JSON.stringify(JSON.parse(fs.readFileSync(file).toString())) === JSON.stringify(template)) continue;
    violations.push({
      ruleId: TemplateVisible.id,
      path: stack.node.path,
      stackPath: stack.node.path,
      resourceType: 'AWS::CloudFormation::Stack (CDK stack)',
      message:
        `the template ${stack.templateFile} written when Stage ${stage.node.path} synthesized differs from the constructs judged now (they ` +
        `changed after the Stage synthesized)`,
      fix: 'do not change constructs after their Stage has synthesized (no manual stage.synth() before the app synthesizes)',
    });
  }
  return violations;
}
