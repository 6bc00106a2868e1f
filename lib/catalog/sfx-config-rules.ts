import * as config from 'aws-cdk-lib/aws-config';
import { Construct } from 'constructs';
import { ALL_RULES } from '../../rules';
import { ComplianceRule } from '../../rules/core/rule';
import { ConfigManagedRule } from '../../rules/core/runtime';

/** Context key: set it to `false` in an account without an AWS Config recorder to leave the rules out. */
export const CONFIG_RULES_CONTEXT_KEY = 'streamflix:configRules';

/** Properties of {@link SfxConfigRules}. */
export interface SfxConfigRulesProps {
  /**
   * The SFX rules whose AWS Config counterparts (their `runtime.configRules`) are deployed.
   * @default ALL_RULES
   */
  readonly rules?: readonly ComplianceRule[];
  /**
   * Names (not ARNs) of roles allowed to hold AdministratorAccess, PowerUserAccess or IAMFullAccess,
   * for example the CDK bootstrap's CloudFormation execution role or Control Tower's
   * AWSControlTowerExecution; they become `iam-policy-blacklisted-check`'s `exceptionList`.
   * @default - none: every such attachment is NON_COMPLIANT
   */
  readonly privilegedRoleNames?: readonly string[];
  /**
   * How often the periodic rules evaluate.
   * @default TWENTY_FOUR_HOURS
   */
  readonly periodicFrequency?: config.MaximumExecutionFrequency;
  /**
   * Whether to create the rules at all.
   * @default - context `streamflix:configRules` unless it is `false`, else true
   */
  readonly enabled?: boolean;
}

/**
 * The AWS Config managed rules that check, on deployed resources, what the SFX rules check in
 * templates: one AWS::Config::ConfigRule per managed rule that some SFX rule maps to
 * (rules/core/aws-config-rules.ts). Change-triggered rules are scoped to the resource types AWS
 * documents for them; periodic ones (which Config does not scope) run every `periodicFrequency`.
 *
 * Assumes the account already records configuration in this region (Control Tower and
 * organisation-wide AWS Config set-ups provide the recorder): an account allows one recorder per
 * region, so creating one here would collide with theirs. Without a recorder CloudFormation cannot
 * create the rules (NoAvailableConfigurationRecorder); set the context key to `false` there.
 */
export class SfxConfigRules extends Construct {
  /** The Config rule of each managed rule identifier deployed. */
  public readonly configRules: ReadonlyMap<string, config.ManagedRule>;

  constructor(scope: Construct, id: string, props: SfxConfigRulesProps = {}) {
    super(scope, id);
    const rules = new Map<string, config.ManagedRule>();
    this.configRules = rules;
    const fromContext = this.node.tryGetContext(CONFIG_RULES_CONTEXT_KEY) as unknown;
    if (!(props.enabled ?? (fromContext !== false && fromContext !== 'false'))) return;

    // Several SFX rules may share one managed rule; it is deployed once and names all of them.
    const sources = new Map<string, { rule: ConfigManagedRule; sfx: string[] }>();
    for (const sfx of props.rules ?? ALL_RULES) {
      for (const { rule } of sfx.runtime?.configRules ?? []) {
        const entry = sources.get(rule.identifier) ?? { rule, sfx: [] };
        entry.sfx.push(sfx.id);
        sources.set(rule.identifier, entry);
      }
    }
    for (const { rule, sfx } of sources.values()) {
      rules.set(
        rule.identifier,
        new config.ManagedRule(this, rule.identifier, {
          identifier: rule.identifier,
          description: `Run-time counterpart of ${sfx.join(', ')} (StreamFlix SFX controls): AWS Config managed rule ${rule.name}.`,
          inputParameters: this.parametersOf(rule, props),
          ruleScope:
            rule.trigger === 'periodic' ? undefined : config.RuleScope.fromResources(rule.resourceTypes.map((type) => config.ResourceType.of(type))),
          maximumExecutionFrequency:
            rule.trigger === 'periodic' ? (props.periodicFrequency ?? config.MaximumExecutionFrequency.TWENTY_FOUR_HOURS) : undefined,
        }),
      );
    }
  }

  /** The rule's documented parameters as Config takes them (strings), with the exceptions given. */
  private parametersOf(rule: ConfigManagedRule, props: SfxConfigRulesProps): Record<string, string> | undefined {
    const parameters: Record<string, string> = Object.fromEntries(Object.entries(rule.parameters ?? {}).map(([key, value]) => [key, String(value)]));
    if (rule.identifier === 'IAM_POLICY_BLACKLISTED_CHECK' && props.privilegedRoleNames?.length) {
      parameters.exceptionList = `roles:[${props.privilegedRoleNames.join(';')}]`;
    }
    return Object.keys(parameters).length > 0 ? parameters : undefined;
  }
}
