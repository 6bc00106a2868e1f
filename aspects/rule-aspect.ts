/** A thin Aspect: it tells the gate which rule covers which constructs; rules do the judging. */
import { IAspect } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ComplianceRule } from '../rules/core/rule';
import { ComplianceGate } from './compliance-gate';

export class RuleAspect implements IAspect {
  constructor(public readonly rule: ComplianceRule) {}

  visit(construct: IConstruct): void {
    ComplianceGate.of(construct).track(this.rule, construct);
  }
}
